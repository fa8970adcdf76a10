// A notification when a critical alert starts firing (phoenixOps.alerts.notifyOnCritical), with the next steps as buttons.
import { noLinks } from '../../core/markdown';
import * as vscode from 'vscode';
import type { AlertsStore } from '../../domain/alerts/alertsStore';
import type { CockpitAlert } from '../../domain/alerts/alertTypes';
import { keyLabelsText } from '../../domain/alerts/alertText';
import { runbookRef } from '../../domain/alerts/runbookLink';
import { CommandIds, ViewIds } from '../commandIds';

export class CriticalAlertNotifier implements vscode.Disposable {
  private readonly subscription: { dispose(): void };
  /** Messages shown, for the extension-host tests (via CockpitApi). */
  readonly shown: string[] = [];

  constructor(
    store: AlertsStore,
    private readonly enabled: () => boolean,
  ) {
    this.subscription = store.onNewCritical((alerts) => void this.notify(alerts));
  }

  private async notify(alerts: CockpitAlert[]): Promise<void> {
    if (!this.enabled()) return;
    const [first] = alerts;
    if (!first) return;
    // Alert text is anyone's who can post to Alertmanager: no link of theirs in our notification.
    const message = noLinks(
      alerts.length === 1
        ? `Critical alert ${first.name}${first.priority ? ` (priority ${first.priority})` : ''}: ${first.summary} — ${keyLabelsText(first.labels, 3)}`
        : `${alerts.length} critical alerts started firing: ${[...new Set(alerts.map((a) => a.name))].join(', ')}`,
    );
    this.shown.push(message);
    const buttons = alerts.length === 1 ? [...(runbookRef(first.annotations) ? ['Open Runbook'] : []), 'Silence…', 'Show Alerts'] : ['Show Alerts'];
    const pick = await vscode.window.showErrorMessage(message, ...buttons);
    if (pick === 'Show Alerts') await vscode.commands.executeCommand(`${ViewIds.alerts}.focus`);
    else if (pick === 'Open Runbook') await vscode.commands.executeCommand(CommandIds.openAlertRunbook, first);
    else if (pick === 'Silence…') await vscode.commands.executeCommand(CommandIds.silenceAlert, first);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
