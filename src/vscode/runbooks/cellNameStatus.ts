// Each code cell's Runme name in its status bar (the name attribute, or the one Runme generates from the first
// command, e.g. "echo-hello-2"): the name transcripts and the incident timeline use for the step.
import * as vscode from 'vscode';
import { type CellName, cellNames } from '../../domain/runbook/cellNames';
import { RUNBOOK_NOTEBOOK_TYPE } from './runbookNotebookType';
import { cellOrigin } from './runbookSerializer';

/** The Runme names of a notebook's cells, by cell index. */
export function notebookCellNames(notebook: vscode.NotebookDocument): Array<CellName | undefined> {
  return cellNames(
    notebook.getCells().map((c) => {
      const origin = cellOrigin(c.metadata);
      return { kind: c.kind === vscode.NotebookCellKind.Code ? 'code' : 'markdown', info: origin?.info ?? '', value: c.document.getText().replace(/\r\n?/g, '\n') };
    }),
  );
}

export function registerCellNameStatus(): vscode.Disposable {
  return vscode.notebooks.registerNotebookCellStatusBarItemProvider(RUNBOOK_NOTEBOOK_TYPE, {
    provideCellStatusBarItems: (cell) => {
      if (cell.kind !== vscode.NotebookCellKind.Code) return [];
      const n = notebookCellNames(cell.notebook)[cell.index];
      if (!n?.name) return [];
      const item = new vscode.NotebookCellStatusBarItem(`$(tag) ${n.name}`, vscode.NotebookCellStatusBarAlignment.Right);
      item.tooltip = n.generated
        ? `Step name "${n.name}", generated from the first command as Runme names unnamed cells. Add { name=… } to the fence to choose one.`
        : `Step name "${n.name}" (the cell's name attribute).`;
      item.accessibilityInformation = { label: `Step name ${n.name}${n.generated ? ' (generated)' : ''}` };
      return [item];
    },
  });
}
