// A code block without a closing fence: CommonMark runs it to the end of its container (usually the file), so the prose
// after it reads as code. The cockpit flags such a cell (a diagnostic on its first line, an item in its status bar)
// and asks before running it.
import * as vscode from 'vscode';
import type { Step } from '../../domain/runbook/runbookRunner';
import { RUNBOOK_NOTEBOOK_TYPE } from './runbookNotebookType';
import { cellOrigin } from './runbookSerializer';

const MESSAGE = 'This code block has no closing fence: Markdown runs it to the end of the file (or of its list item), so text after it — prose too — is part of this step. Add a closing fence line where the block should end.';

function unclosed(cell: vscode.NotebookCell): boolean {
  return cell.kind === vscode.NotebookCellKind.Code && cellOrigin(cell.metadata)?.unclosed === true;
}

/** Asks before running a step whose block has no closing fence; true only on an explicit "Run Anyway". */
export async function confirmUnclosed(step: Step): Promise<boolean> {
  const lines = step.text.split('\n');
  const preview = [...lines.slice(0, 3), ...(lines.length > 6 ? ['…'] : lines.slice(3, -3)), ...(lines.length > 6 ? lines.slice(-3) : lines.slice(Math.max(3, lines.length - 3)))]
    .map((l) => (l.length > 100 ? `${l.slice(0, 97)}…` : l))
    .join('\n');
  const run = 'Run Anyway';
  const answer = await vscode.window.showWarningMessage(
    `Cell ${step.index + 1} of ${step.runbook} has no closing fence`,
    { modal: true, detail: `Markdown runs an unclosed code block to the end of the file, so all ${lines.length} lines below would run as ${step.language || 'code'}, including whatever prose follows:\n\n${preview}\n\nAdd a closing fence line to end the block where it should, or run it as it is.` },
    run,
  );
  return answer === run;
}

/** The diagnostics and cell status bar items of unclosed blocks in open runbook notebooks. */
export function registerUnclosedFenceMarkers(): vscode.Disposable {
  const diagnostics = vscode.languages.createDiagnosticCollection('phoenix-runbook');
  const mark = (nb: vscode.NotebookDocument) => {
    if (nb.notebookType !== RUNBOOK_NOTEBOOK_TYPE) return;
    for (const cell of nb.getCells()) {
      if (!unclosed(cell) || cell.document.lineCount === 0) {
        diagnostics.delete(cell.document.uri);
        continue;
      }
      const d = new vscode.Diagnostic(cell.document.lineAt(0).range, MESSAGE, vscode.DiagnosticSeverity.Warning);
      d.source = 'Phoenix Runbook';
      d.code = 'unclosed-fence';
      diagnostics.set(cell.document.uri, [d]);
    }
  };
  const forget = (nb: vscode.NotebookDocument) => {
    for (const cell of nb.getCells()) diagnostics.delete(cell.document.uri);
  };
  vscode.workspace.notebookDocuments.forEach(mark);
  return vscode.Disposable.from(
    diagnostics,
    vscode.workspace.onDidOpenNotebookDocument(mark),
    vscode.workspace.onDidChangeNotebookDocument((e) => mark(e.notebook)),
    vscode.workspace.onDidCloseNotebookDocument(forget),
    vscode.notebooks.registerNotebookCellStatusBarItemProvider(RUNBOOK_NOTEBOOK_TYPE, {
      provideCellStatusBarItems: (cell) => {
        if (!unclosed(cell)) return [];
        const item = new vscode.NotebookCellStatusBarItem('$(warning) No closing fence', vscode.NotebookCellStatusBarAlignment.Left);
        item.tooltip = `${MESSAGE} Running it asks first.`;
        return [item];
      },
    }),
  );
}
