// The notebook serializer: converts between file bytes and NotebookData only; the parsing is in src/domain/runbook.
import * as vscode from 'vscode';
import { fenceLanguageOf, languageIdOf, sameLanguage } from '../../domain/runbook/cellLanguages';
import { type CellOrigin, type CellToWrite, parseRunbook, serializeRunbook } from '../../domain/runbook/runbookDocument';

interface NotebookMeta {
  frontMatter: string;
  eol: string;
}

export class RunbookSerializer implements vscode.NotebookSerializer {
  // ignoreBOM keeps a byte order mark as a character, so it is written back too.
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private readonly encoder = new TextEncoder();

  deserializeNotebook(content: Uint8Array): vscode.NotebookData {
    let text: string;
    try {
      text = this.decoder.decode(content);
    } catch {
      // Decoding with replacement characters would lose bytes on save: refuse instead.
      throw new Error('This file is not valid UTF-8, so it cannot be opened as a runbook without changing its bytes. Open it in the text editor (Reopen Editor With… › Text Editor).');
    }
    const doc = parseRunbook(text);
    const cells = doc.cells.map((c) => {
      const cell =
        c.kind === 'markdown'
          ? new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, c.value, 'markdown')
          : new vscode.NotebookCellData(vscode.NotebookCellKind.Code, c.value, languageIdOf(c.language));
      cell.metadata = { runbook: c.origin };
      return cell;
    });
    const data = new vscode.NotebookData(cells);
    data.metadata = { runbook: { frontMatter: doc.frontMatter, eol: doc.eol } satisfies NotebookMeta };
    return data;
  }

  serializeNotebook(data: vscode.NotebookData): Uint8Array {
    const meta = notebookMeta(data.metadata);
    const cells: CellToWrite[] = data.cells.map((c) => {
      const origin = cellOrigin(c.metadata);
      const kind = c.kind === vscode.NotebookCellKind.Code ? 'code' : 'markdown';
      const language = kind === 'code' ? (origin?.language !== undefined && sameLanguage(origin.language, c.languageId) ? origin.language : fenceLanguageOf(c.languageId)) : '';
      return { kind, value: c.value, language, ...(origin ? { origin } : {}) };
    });
    return this.encoder.encode(serializeRunbook({ frontMatter: meta.frontMatter, eol: meta.eol, cells }));
  }
}

/** The origin a cell was read with, if its metadata still holds a well-formed one. */
export function cellOrigin(metadata: { [key: string]: unknown } | undefined): CellOrigin | undefined {
  const o = metadata?.runbook as Partial<CellOrigin> | undefined;
  if (!o || typeof o !== 'object') return undefined;
  if ((o.kind !== 'markdown' && o.kind !== 'code') || typeof o.raw !== 'string' || typeof o.value !== 'string' || typeof o.before !== 'string' || typeof o.after !== 'string' || typeof o.eol !== 'string') return undefined;
  return o as CellOrigin;
}

function notebookMeta(metadata: { [key: string]: unknown } | undefined): NotebookMeta {
  const m = metadata?.runbook as Partial<NotebookMeta> | undefined;
  return { frontMatter: typeof m?.frontMatter === 'string' ? m.frontMatter : '', eol: typeof m?.eol === 'string' ? m.eol : '\n' };
}
