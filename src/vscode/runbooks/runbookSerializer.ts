// The notebook serializer: converts between file bytes and NotebookData only; the parsing is in src/domain/runbook.
import * as vscode from 'vscode';
import { fenceLanguageOf, languageIdOf, sameLanguage } from '../../domain/runbook/cellLanguages';
import { decodeRunbook } from '../../domain/runbook/runbookBytes';
import { type CellOrigin, type CellToWrite, parseRunbook, type RunbookDocument, serializeRunbook } from '../../domain/runbook/runbookDocument';

interface NotebookMeta {
  bom: boolean;
  frontMatter: string;
  eol: string;
}

export class RunbookSerializer implements vscode.NotebookSerializer {
  private readonly encoder = new TextEncoder();

  deserializeNotebook(content: Uint8Array): vscode.NotebookData {
    // Not UTF-8, or too large: refuse with why (decoding with replacement characters would change bytes on save).
    const decoded = decodeRunbook(content);
    if (!decoded.ok) throw new Error(decoded.message);
    return notebookDataOf(parseRunbook(decoded.text));
  }

  serializeNotebook(data: vscode.NotebookData): Uint8Array {
    const meta = notebookMeta(data.metadata);
    const cells: CellToWrite[] = data.cells.map((c) => {
      const origin = cellOrigin(c.metadata);
      const kind = c.kind === vscode.NotebookCellKind.Code ? 'code' : 'markdown';
      const language = kind === 'code' ? (origin?.language !== undefined && sameLanguage(origin.language, c.languageId) ? origin.language : fenceLanguageOf(c.languageId)) : '';
      return { kind, value: c.value, language, ...(origin ? { origin } : {}) };
    });
    return this.encoder.encode(serializeRunbook({ bom: meta.bom, frontMatter: meta.frontMatter, eol: meta.eol, cells }));
  }
}

/** Runbook cells as notebook data (from a file, or built as data by a command such as Show Query). */
export function notebookDataOf(doc: RunbookDocument): vscode.NotebookData {
  const cells = doc.cells.map((c) => {
    const cell =
      c.kind === 'markdown'
        ? new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, c.value, 'markdown')
        : new vscode.NotebookCellData(vscode.NotebookCellKind.Code, c.value, languageIdOf(c.language));
    cell.metadata = { runbook: c.origin };
    return cell;
  });
  const data = new vscode.NotebookData(cells);
  data.metadata = { runbook: { bom: doc.bom === true, frontMatter: doc.frontMatter, eol: doc.eol } satisfies NotebookMeta };
  return data;
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
  return { bom: m?.bom === true, frontMatter: typeof m?.frontMatter === 'string' ? m.frontMatter : '', eol: typeof m?.eol === 'string' ? m.eol : '\n' };
}
