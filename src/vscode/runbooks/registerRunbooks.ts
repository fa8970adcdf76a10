// The runbook notebooks' machinery, loaded (as a bundle of its own) when the first runbook opens: the serializer the
// start-up stand-in forwards to, the controller, the sessions, task ticking and the output charts' requests.
import * as vscode from 'vscode';
import type { RunbookSession } from '../../domain/runbook/runbookSession';
import { registerCellNameStatus } from './cellNameStatus';
import { runAround, runCategory } from './cellRuns';
import { registerOutputChartRequests } from './outputChartRequests';
import { RunbookController } from './runbookController';
import { RUNBOOK_NOTEBOOK_TYPE } from './runbookNotebookType';
import { RunbookSerializer } from './runbookSerializer';
import { RunbookSessions, type RunbookSessionServices } from './runbookSessions';
import type { RunbooksApi } from './runbookServices';
import { registerTaskToggle } from './taskToggle';
import { registerUnclosedFenceMarkers } from './unclosedFence';

export interface RunbooksArea extends vscode.Disposable, RunbooksApi {
  readonly serializer: vscode.NotebookSerializer & RunbookSerializer;
  activeSession(): RunbookSession | undefined;
  sessionOf(uri: vscode.Uri): RunbookSession | undefined;
  /** Run From Here / Run Up to Here on a cell (the one given, else the selected one). */
  runAround: typeof runAround;
  /** Run Cells by Category: the cells of one category (asked for unless given), as Run All runs them. */
  runCategory: typeof runCategory;
}

export function registerRunbooks(deps: RunbookSessionServices): RunbooksArea {
  const sessions = new RunbookSessions(deps);
  const disposables: vscode.Disposable[] = [sessions, new RunbookController(sessions), registerTaskToggle(deps.log), registerOutputChartRequests(deps.log), registerUnclosedFenceMarkers(), registerCellNameStatus()];
  return {
    serializer: new RunbookSerializer(),
    activeSession: () => {
      const nb = vscode.window.activeNotebookEditor?.notebook;
      return nb && nb.notebookType === RUNBOOK_NOTEBOOK_TYPE ? sessions.get(nb.uri) : undefined;
    },
    sessionOf: (uri) => sessions.get(uri),
    runAround,
    runCategory,
    runbookSession: (uri) => {
      const s = sessions.get(uri);
      return s && { parameters: Object.fromEntries(s.parameters), transcript: s.transcript };
    },
    dispose: () => {
      for (const d of disposables.reverse()) d.dispose();
    },
  };
}
