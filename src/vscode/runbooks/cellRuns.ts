// Run From Here, Run Up to Here and Run Cells by Category: they choose the cells, then ask VS Code to execute them, so
// the runbook controller runs them by Run All's rules (in order, stopping at the first failure unless a step allows
// it, skipping excludeFromRunAll), and VS Code's workspace trust prompt, pending states and Stop buttons apply as
// they do to Run All.
import * as vscode from 'vscode';
import { cellsInCategory, notebookCategories } from '../../domain/runbook/cellCategories';
import { cellFence } from './runbookController';
import { RUNBOOK_NOTEBOOK_TYPE } from './runbookNotebookType';

/** The cell a cell action applies to: the cell whose run menu it came from, else the active runbook's selected cell. */
export function targetCell(arg: unknown): vscode.NotebookCell | undefined {
  if (isNotebookCell(arg)) return arg.notebook.notebookType === RUNBOOK_NOTEBOOK_TYPE ? arg : undefined;
  const editor = vscode.window.activeNotebookEditor;
  if (!editor || editor.notebook.notebookType !== RUNBOOK_NOTEBOOK_TYPE || editor.selection.isEmpty) return undefined;
  return editor.notebook.cellAt(editor.selection.start);
}

/**
 * Runs this cell and every runnable cell after it ('fromHere'), or every one from the top down to and including it
 * ('upToHere'). Returns the range asked for; undefined (after saying why) when there is no runbook cell to start from.
 */
export async function runAround(arg: unknown, which: 'fromHere' | 'upToHere'): Promise<{ start: number; end: number } | undefined> {
  const cell = targetCell(arg);
  if (!cell) {
    void vscode.window.showInformationMessage(`Select a cell of a runbook notebook first: ${which === 'fromHere' ? 'Run From Here runs it and the cells after it' : 'Run Up to Here runs the cells from the top down to it'}.`);
    return undefined;
  }
  const range = which === 'fromHere' ? { start: cell.index, end: cell.notebook.cellCount } : { start: 0, end: cell.index + 1 };
  await execute(cell.notebook, [range]);
  return range;
}

/**
 * Asks which category (Runme's category=/tag= attributes) to run, unless given, and runs its cells in order as Run All
 * would. Returns the cell indexes run; undefined when nothing ran (no runbook, no categories, nothing picked).
 */
export async function runCategory(arg: unknown): Promise<number[] | undefined> {
  const editor = vscode.window.activeNotebookEditor;
  const notebook = isNotebookCell(arg) ? arg.notebook : editor?.notebook;
  if (!notebook || notebook.notebookType !== RUNBOOK_NOTEBOOK_TYPE) {
    void vscode.window.showInformationMessage('Open a runbook notebook first: Run Cells by Category runs the cells of one category of the active runbook.');
    return undefined;
  }
  const cells = notebook.getCells().map((c) => (c.kind === vscode.NotebookCellKind.Code ? { kind: 'code' as const, info: cellFence(c).info } : { kind: 'markdown' as const, info: '' }));
  const categories = notebookCategories(cells);
  if (!categories.length) {
    void vscode.window.showInformationMessage('No cell of this runbook has a category: add one to a code block\'s attributes, e.g. ```sh { category=triage }, then run them all with Run Cells by Category.');
    return undefined;
  }
  let category = typeof arg === 'string' ? arg : undefined;
  if (category === undefined) {
    const picked = await vscode.window.showQuickPick(
      categories.map((c) => ({ label: c.category, description: c.cells === 1 ? '1 cell' : `${c.cells} cells` })),
      { title: 'Run Cells by Category', placeHolder: 'The category whose cells run, in order; a failure stops the run (as Run All)', ignoreFocusOut: true },
    );
    if (!picked) return undefined;
    category = picked.label;
  }
  const indexes = cellsInCategory(cells, category);
  if (!indexes.length) {
    void vscode.window.showInformationMessage(`No cell of category "${category}" runs: ${categories.some((c) => c.category === category) ? 'all of them are excludeFromRunAll' : 'no cell has that category'}.`);
    return undefined;
  }
  await execute(
    notebook,
    indexes.map((i) => ({ start: i, end: i + 1 })),
  );
  return indexes;
}

/** VS Code's own cell execution (the notebook must be open in an editor, as it is when these actions are used). */
async function execute(notebook: vscode.NotebookDocument, ranges: Array<{ start: number; end: number }>): Promise<void> {
  await vscode.commands.executeCommand('notebook.cell.execute', { ranges, document: notebook.uri });
}

function isNotebookCell(arg: unknown): arg is vscode.NotebookCell {
  return typeof arg === 'object' && arg !== null && 'notebook' in arg && 'index' in arg && 'document' in arg && 'kind' in arg;
}
