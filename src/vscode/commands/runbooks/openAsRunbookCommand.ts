// "Open as Runbook": opens a markdown file (the argument, or the active editor's) as a runbook notebook.
import * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import { RUNBOOK_NOTEBOOK_TYPE } from '../../runbooks/runbookNotebookType';
import type { CommandFactory } from '../command';

export const openAsRunbookCommand: CommandFactory = () => ({
  id: CommandIds.openAsRunbook,
  async run(arg?: unknown) {
    const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.file(arg) : vscode.window.activeTextEditor?.document.uri;
    if (!uri || !/\.(md|markdown)$/i.test(uri.path)) {
      void vscode.window.showErrorMessage('Open as Runbook: open a markdown (.md) file first, or run it from the file’s context menu in the Explorer.');
      return;
    }
    const text = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (text?.isDirty) {
      // The notebook reads the file from disk: unsaved edits would silently not be in it.
      void vscode.window.showWarningMessage(`Open as Runbook: ${vscode.workspace.asRelativePath(uri)} has unsaved changes. Save it first, then open it as a runbook.`);
      return;
    }
    await vscode.commands.executeCommand('vscode.openWith', uri, RUNBOOK_NOTEBOOK_TYPE);
  },
});
