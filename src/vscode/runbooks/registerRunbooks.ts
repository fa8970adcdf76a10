// Wires the runbook notebooks: serializer, controller, sessions, task ticking, and the state commands use.
import * as vscode from 'vscode';
import type { RunbookSession } from '../../domain/runbook/runbookSession';
import { RunbookController } from './runbookController';
import { RUNBOOK_NOTEBOOK_TYPE, RunbookSerializer } from './runbookSerializer';
import { RunbookSessions, type RunbookSessionServices } from './runbookSessions';
import { registerOutputChartRequests } from './outputChartRequests';
import { registerTaskToggle } from './taskToggle';

export interface RunbookServices {
  /** The session of the runbook in the active notebook editor, if a step of it has run. */
  activeSession(): RunbookSession | undefined;
  sessionOf(uri: vscode.Uri): RunbookSession | undefined;
  /** Where the audit transcript of runs is written. */
  transcriptDir: string;
}

export interface RunbooksApi {
  /** The parameters and the transcript of a runbook's session (for tests). */
  runbookSession(uri: vscode.Uri): { parameters: Record<string, string>; transcript: readonly unknown[] } | undefined;
}

export function registerRunbooks(deps: Omit<RunbookSessionServices, 'storageDir'> & { context: vscode.ExtensionContext }): { services: RunbookServices; api: RunbooksApi } {
  const sessions = new RunbookSessions({ ...deps, storageDir: deps.context.globalStorageUri.fsPath });
  deps.context.subscriptions.push(
    vscode.workspace.registerNotebookSerializer(RUNBOOK_NOTEBOOK_TYPE, new RunbookSerializer(), { transientOutputs: true }),
    sessions,
    new RunbookController(sessions),
    registerTaskToggle(deps.log),
    registerOutputChartRequests(deps.log),
  );
  const activeSession = () => {
    const nb = vscode.window.activeNotebookEditor?.notebook;
    return nb && nb.notebookType === RUNBOOK_NOTEBOOK_TYPE ? sessions.get(nb.uri) : undefined;
  };
  return {
    services: { activeSession, sessionOf: (uri) => sessions.get(uri), transcriptDir: sessions.transcriptFile.dir },
    api: {
      runbookSession: (uri) => {
        const s = sessions.get(uri);
        return s && { parameters: Object.fromEntries(s.parameters), transcript: s.transcript };
      },
    },
  };
}
