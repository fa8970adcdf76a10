// Ticking a task-list item in a rendered markdown cell: the renderer posts which line, and this edits
// exactly that one character of the cell (saved back like any edit, so only those bytes change).
import * as vscode from 'vscode';
import { taskEdit } from '../../domain/runbook/taskList';
import { RUNBOOK_TASKS_RENDERER_ID, type ToggleTaskMessage } from '../../shared/runbookOutput';
import { RUNBOOK_NOTEBOOK_TYPE } from './runbookNotebookType';

function isToggle(m: unknown): m is ToggleTaskMessage {
  const t = m as Partial<ToggleTaskMessage> | undefined;
  return t?.type === 'toggleTask' && typeof t.source === 'string' && typeof t.line === 'number' && typeof t.checked === 'boolean';
}

function unticked(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/^(\s*(?:>\s*)*(?:[-+*]|\d{1,9}[.)])\s+\[)[xX](\])/gm, '$1 $2');
}

export function registerTaskToggle(log: vscode.LogOutputChannel): vscode.Disposable {
  const messaging = vscode.notebooks.createRendererMessaging(RUNBOOK_TASKS_RENDERER_ID);
  return messaging.onDidReceiveMessage(async ({ editor, message }) => {
    if (!isToggle(message) || editor.notebook.notebookType !== RUNBOOK_NOTEBOOK_TYPE) return;
    // Match with every box blanked: a render that is one tick behind the document still finds its cell.
    const wanted = unticked(message.source);
    const cell = editor.notebook.getCells().find((c) => c.kind === vscode.NotebookCellKind.Markup && unticked(c.document.getText()) === wanted);
    if (!cell) {
      log.warn('a ticked task item matches no markdown cell (it changed meanwhile?)');
      return;
    }
    const e = taskEdit(cell.document.getText(), message.line, message.checked);
    if (!e) return;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(cell.document.uri, new vscode.Range(e.line, e.column, e.line, e.column + 1), e.text);
    await vscode.workspace.applyEdit(edit);
  });
}
