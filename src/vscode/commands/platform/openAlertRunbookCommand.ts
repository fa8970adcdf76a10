// "Open Runbook": the alert's runbook/runbook_url annotation. A workspace runbook with the same name opens as a
// runbook notebook; otherwise the link opens in the browser.
import * as vscode from 'vscode';
import { runbookRef } from '../../../domain/alerts/runbookLink';
import { CommandIds } from '../../commandIds';
import { openRunbookLink } from '../../runbooks/openRunbookLink';
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
    return openRunbookLink(ref.link, log);
  },
});
