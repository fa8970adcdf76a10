// "Open Runbook": the alert's runbook/runbook_url annotation. A workspace runbook with the same name opens as a
// runbook notebook; otherwise the link opens in the browser.
import * as vscode from 'vscode';
import { isWebLink, matchRunbookFile, runbookRef } from '../../../domain/alerts/runbookLink';
import { CommandIds } from '../../commandIds';
import { RUNBOOK_NOTEBOOK_TYPE } from '../../runbooks/runbookSerializer';
import type { CommandFactory } from '../command';
import { alertArg } from './platformArgs';


export const openAlertRunbookCommand: CommandFactory = ({ log }) => ({
  id: CommandIds.openAlertRunbook,
  async run(arg?: unknown) {
    const alert = alertArg(arg);
    if (!alert) return;
    const ref = runbookRef(alert.annotations);
    if (!ref) {
      void vscode.window.showInformationMessage(`${alert.name} has no runbook annotation (runbook or runbook_url).`);
      return;
    }
    const files = await vscode.workspace.findFiles('**/runbooks/**/*.md', '**/node_modules/**', 1000);
    const match = matchRunbookFile(
      ref.slug,
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
    if (isWebLink(ref.link)) {
      await vscode.env.openExternal(vscode.Uri.parse(ref.link));
      return vscode.Uri.parse(ref.link);
    }
    void vscode.window.showWarningMessage(`No runbook named "${ref.slug}" in the workspace's runbooks/, and "${ref.link}" is not a web link.`);
    return undefined;
  },
});
