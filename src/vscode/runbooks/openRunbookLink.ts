// Opens a runbook link (an alert's runbook annotation, a chart band's link): a workspace runbook with the same
// name opens as a runbook notebook; a web link opens in the browser; anything else is said, not guessed.
import * as vscode from 'vscode';
import { isWebLink, matchRunbookFile, slugOf } from '../../domain/alerts/runbookLink';
import type { RunbookCell } from '../../domain/runbook/runbookDocument';
import { RUNBOOK_NOTEBOOK_TYPE } from './runbookNotebookType';
import { notebookDataOf } from './runbookSerializer';

export async function openRunbookLink(link: string, log: vscode.LogOutputChannel): Promise<vscode.Uri | undefined> {
  const slug = slugOf(link);
  const files = await vscode.workspace.findFiles('**/runbooks/**/*.md', '**/node_modules/**', 1000);
  const match = matchRunbookFile(
    slug,
    files.map((f) => f.path),
  );
  const uri = match ? files.find((f) => f.path === match) : undefined;
  if (uri) {
    try {
      await vscode.commands.executeCommand('vscode.openWith', uri, RUNBOOK_NOTEBOOK_TYPE);
    } catch (e) {
      // Without the runbook notebook (an older build), the Markdown itself still helps.
      log.warn(`open ${uri.fsPath} as ${RUNBOOK_NOTEBOOK_TYPE} failed (${e instanceof Error ? e.message : String(e)}); opening it as text`);
      await vscode.window.showTextDocument(uri);
    }
    return uri;
  }
  if (isWebLink(link)) {
    await vscode.env.openExternal(vscode.Uri.parse(link));
    return vscode.Uri.parse(link);
  }
  void vscode.window.showWarningMessage(`No runbook named "${slug}" in the workspace's runbooks/, and "${link}" is not a web link.`);
  return undefined;
}

/**
 * Opens cells built as data (a chart's queries, an alert's expression: never parsed from text that came from
 * elsewhere) as an untitled runbook notebook, and runs the promql cells among them, each by its index: nothing else.
 */
export async function openQueryNotebook(cells: readonly RunbookCell[]): Promise<vscode.NotebookDocument> {
  const notebook = await vscode.workspace.openNotebookDocument(RUNBOOK_NOTEBOOK_TYPE, notebookDataOf({ frontMatter: '', eol: '\n', cells: [...cells] }));
  await vscode.window.showNotebookDocument(notebook);
  const ranges = cells.flatMap((c, i) => (c.kind === 'code' && c.language === 'promql' ? [{ start: i, end: i + 1 }] : []));
  if (ranges.length) await vscode.commands.executeCommand('notebook.cell.execute', { ranges, document: notebook.uri });
  return notebook;
}
