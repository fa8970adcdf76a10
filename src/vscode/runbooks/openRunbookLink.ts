// Opens a runbook link (an alert's runbook annotation, a chart band's link): a workspace runbook with the same
// name opens as a runbook notebook; a web link opens in the browser; anything else is said, not guessed.
import * as vscode from 'vscode';
import { isWebLink, matchRunbookFile, slugOf } from '../../domain/alerts/runbookLink';
import { RUNBOOK_NOTEBOOK_TYPE } from './runbookNotebookType';
import { RunbookSerializer } from './runbookSerializer';

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

/** Opens runbook Markdown as an untitled runbook notebook and runs every cell (a chart's queries, an alert's expression). */
export async function openRunbookMarkdown(markdown: string): Promise<vscode.NotebookDocument> {
  const data = new RunbookSerializer().deserializeNotebook(new TextEncoder().encode(markdown));
  const notebook = await vscode.workspace.openNotebookDocument(RUNBOOK_NOTEBOOK_TYPE, data);
  await vscode.window.showNotebookDocument(notebook);
  await vscode.commands.executeCommand('notebook.execute', notebook.uri);
  return notebook;
}
