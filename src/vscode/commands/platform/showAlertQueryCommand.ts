// "Show Query": the alert's expression (from Prometheus' rules API) as a PromQL chart over the last hour, in an
// untitled runbook notebook built as data (the alert's own text is escaped, never parsed as runbook source);
// only the promql cells this command created are run.
import * as vscode from 'vscode';
import { alertQueryCells } from '../../../domain/alerts/alertQuery';
import { CommandIds } from '../../commandIds';
import { openQueryNotebook } from '../../runbooks/openRunbookLink';
import type { CommandFactory } from '../command';
import { alertArg } from './platformArgs';

export const showAlertQueryCommand: CommandFactory = ({ platform }) => ({
  id: CommandIds.showAlertQuery,
  async run(arg?: unknown) {
    const alert = alertArg(arg);
    if (!alert) return;
    if (!platform.clients().prometheus) {
      const pick = await vscode.window.showWarningMessage(`Set phoenixOps.prometheus.url to see the expression of ${alert.name}: it comes from Prometheus' rules.`, 'Open Settings');
      if (pick) await vscode.commands.executeCommand('workbench.action.openSettings', 'phoenixOps.prometheus.url');
      return;
    }
    // The rules are fetched with every alerts refresh; one more if this alert's rule is not among them yet.
    let [rule] = platform.alerts.rulesFor(alert);
    if (!rule) {
      await platform.alerts.refresh();
      [rule] = platform.alerts.rulesFor(alert);
    }
    if (!rule) {
      void vscode.window.showWarningMessage(`Prometheus at ${platform.clients().prometheus?.baseUrl ?? ''} has no alerting rule ${alert.name} (the alert may come from another Prometheus).`);
      return;
    }
    // Its promql cells run at once: the chart is what was asked for.
    return openQueryNotebook(alertQueryCells(alert, rule, { range: '1h', step: '30s' }));
  },
});
