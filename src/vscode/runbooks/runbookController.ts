// The notebook controller: runs a runbook's steps one at a time per notebook (Run All stops at the first
// failure and skips excludeFromRunAll), never in an untrusted workspace, each cancellable from its cell.
import * as vscode from 'vscode';
import type { Step, StepResult } from '../../domain/runbook/runbookRunner';
import { stepLabel } from '../../domain/runbook/runTranscript';
import { InteractiveTerminal } from './interactiveTerminal';
import { CellOutputSink } from './cellOutputSink';
import { RUNBOOK_NOTEBOOK_TYPE } from './runbookNotebookType';
import { notebookCellNames } from './cellNameStatus';
import { cellOrigin } from './runbookSerializer';
import type { RunbookSessions } from './runbookSessions';
import { fenceLanguageOf, sameLanguage } from '../../domain/runbook/cellLanguages';

export const RUNBOOK_CONTROLLER_ID = 'phoenix-runbook-controller';

export class RunbookController implements vscode.Disposable {
  private readonly controller: vscode.NotebookController;
  private readonly queues = new Map<string, Promise<void>>();
  private order = 0;
  private readonly openListener: vscode.Disposable;

  constructor(private readonly sessions: RunbookSessions) {
    this.controller = vscode.notebooks.createNotebookController(RUNBOOK_CONTROLLER_ID, RUNBOOK_NOTEBOOK_TYPE, 'Phoenix Runbook');
    this.controller.description = "runs steps against the cockpit's selected context";
    this.controller.supportsExecutionOrder = true;
    this.controller.executeHandler = (cells, notebook) => this.enqueue(notebook, () => this.runCells(cells, notebook));
    // The runbook's own controller is the one to use: no kernel picker before the first run.
    const prefer = (nb: vscode.NotebookDocument) => {
      if (nb.notebookType === RUNBOOK_NOTEBOOK_TYPE) this.controller.updateNotebookAffinity(nb, vscode.NotebookControllerAffinity.Preferred);
    };
    vscode.workspace.notebookDocuments.forEach(prefer);
    this.openListener = vscode.workspace.onDidOpenNotebookDocument(prefer);
  }

  /** Steps of one notebook run one after another, in the order they were asked for. */
  private enqueue(notebook: vscode.NotebookDocument, work: () => Promise<void>): Promise<void> {
    const key = notebook.uri.toString();
    const next = (this.queues.get(key) ?? Promise.resolve()).then(work, work);
    this.queues.set(key, next);
    return next;
  }

  private async runCells(cells: vscode.NotebookCell[], notebook: vscode.NotebookDocument): Promise<void> {
    const runAll = cells.length > 1;
    for (const cell of cells) {
      if (cell.kind !== vscode.NotebookCellKind.Code) continue;
      if (cell.document.isClosed || cell.notebook.isClosed) return;
      const step = stepOf(cell, notebook);
      const session = vscode.workspace.isTrusted ? this.sessions.for(notebook) : undefined;
      if (runAll && session?.skippedByRunAll(step)) continue;
      const exec = this.controller.createNotebookCellExecution(cell);
      exec.executionOrder = ++this.order;
      exec.start(Date.now());
      await exec.clearOutput();
      const out = new CellOutputSink(exec);
      if (!session) {
        out.text('stderr', 'Runbook steps never run in an untrusted workspace. Trust this workspace (Manage Workspace Trust) if you trust its runbooks, then run the step again.\n');
        await out.close();
        exec.end(false, Date.now());
        return;
      }
      const abort = new AbortController();
      const sub = exec.token.onCancellationRequested(() => abort.abort());
      // interactive=true: the process runs in a terminal the user types into; its output is copied to the cell too.
      const terminal = session.interactive(step) ? new InteractiveTerminal(`Runbook: ${stepLabel(step.name, step.text)}`, () => abort.abort()) : undefined;
      const endTerminal = (r: StepResult) => {
        const summary = terminal?.ended(r);
        if (summary) out.text('stdout', summary);
        terminal?.dispose();
      };
      let background = false;
      try {
        const r = await session.runStep(step, abort.signal, terminal ? terminal.tee(out) : out, terminal);
        if (r.background) {
          // background=true: the next cells run now; this cell keeps its output coming and its Stop button until it ends.
          background = true;
          void r.background.then(async (b) => {
            sub.dispose();
            endTerminal(b);
            await out.close();
            exec.end(b.outcome === 'succeeded', Date.now());
          });
          continue;
        }
        endTerminal(r);
        await out.close();
        const success = r.outcome === 'succeeded' ? true : r.outcome === 'notRunnable' ? undefined : false;
        exec.end(success, Date.now());
        // Run All stops at the first failure, unless the step said failures are expected (allowFailure).
        if (runAll && success === false && !(r.allowFailure && r.outcome === 'failed')) return;
      } catch (e) {
        terminal?.dispose();
        out.text('stderr', `The step could not run: ${e instanceof Error ? e.message : String(e)}\n`);
        await out.close();
        exec.end(false, Date.now());
        if (runAll) return;
      } finally {
        if (!background) sub.dispose();
      }
    }
  }

  dispose(): void {
    this.openListener.dispose();
    this.controller.dispose();
  }
}

/** A code cell's fence language and info string: as written, unless its language was changed in the editor. */
export function cellFence(cell: vscode.NotebookCell): { language: string; info: string } {
  const origin = cellOrigin(cell.metadata);
  const languageUnchanged = origin?.language !== undefined && sameLanguage(origin.language, cell.document.languageId);
  const language = languageUnchanged ? (origin?.language ?? '') : fenceLanguageOf(cell.document.languageId);
  return { language, info: languageUnchanged ? (origin?.info ?? language) : language };
}

export function stepOf(cell: vscode.NotebookCell, notebook: vscode.NotebookDocument): Step {
  const origin = cellOrigin(cell.metadata);
  const { language, info } = cellFence(cell);
  const name = notebookCellNames(notebook)[cell.index]?.name;
  return {
    runbook: notebook.uri.path.split('/').pop() ?? 'runbook',
    index: cell.index,
    text: cell.document.getText().replace(/\r\n?/g, '\n'),
    language,
    info,
    ...(name ? { name } : {}),
    ...(origin?.unclosed ? { unclosed: true } : {}),
  };
}
