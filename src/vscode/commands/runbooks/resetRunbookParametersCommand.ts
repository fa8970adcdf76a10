// "Reset Runbook Parameters": forgets the placeholder values given in the active runbook, so its steps ask again.
import * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';

export const resetRunbookParametersCommand: CommandFactory = ({ runbooks }) => ({
  id: CommandIds.resetRunbookParameters,
  run() {
    const session = runbooks.activeSession();
    if (!session) {
      void vscode.window.showInformationMessage('No runbook parameters to reset: no step of the active runbook has run yet.');
      return [];
    }
    const names = session.resetParameters();
    void vscode.window.showInformationMessage(names.length ? `Forgot ${names.join(', ')}: the next step that needs them asks again.` : 'This runbook has no parameter values yet.');
    return names;
  },
});
