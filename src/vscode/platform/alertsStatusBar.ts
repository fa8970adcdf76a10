// Status bar item: how many critical alerts are firing; click focuses the Alerts view. Hidden while no Alertmanager is configured.
import { clockTime } from '../../core/clock';
import * as vscode from 'vscode';
import type { AlertsSnapshot, AlertsStore } from '../../domain/alerts/alertsStore';
import { formatAgeCoarse } from '../../domain/alerts/alertText';
import { ViewIds } from '../commandIds';

export class AlertsStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('phoenixOps.alerts', vscode.StatusBarAlignment.Left, 99);
  private readonly subscription: { dispose(): void };

  constructor(store: AlertsStore) {
    this.item.name = 'Phoenix Ops: critical alerts';
    this.item.command = { command: `${ViewIds.alerts}.focus`, title: 'Show Alerts' };
    this.subscription = store.onDidChange((s) => this.update(s));
    this.update(store.snapshot);
  }

  get text(): string {
    return this.item.text;
  }

  update(s: AlertsSnapshot, now = Date.now()): void {
    if (!s.configured) {
      this.item.hide();
      return;
    }
    const critical = s.alerts.filter((a) => a.state === 'firing' && a.severity === 'critical');
    const firing = s.alerts.filter((a) => a.state === 'firing').length;
    const names = [...new Set(critical.map((a) => a.name))].join(', ');
    const counted = `${critical.length} critical alert${critical.length === 1 ? '' : 's'} firing: ${names}${firing > critical.length ? ` (${firing} firing in all)` : ''}`;
    if (s.unknownSince) {
      // A source that does not answer is never "0": the count is at least what is shown, the rest unknown.
      const since = `${clockTime(s.unknownSince)} (${formatAgeCoarse(now - s.unknownSince.getTime())} ago)`;
      const stale = critical.filter((a) => a.staleSince).length;
      this.item.text = critical.length ? `$(bell-dot) ${critical.length} critical + ?` : '$(bell-slash) alerts?';
      this.item.tooltip = `Alert state unknown since ${since}: ${s.errors.map((e) => e.message).join('; ')}\n${critical.length ? `Known: ${counted}${stale ? ` (${stale} last known, may have resolved)` : ''}` : 'No critical alert known to be firing, which is not the same as none firing.'}\nClick to show the Alerts view.`;
      this.item.backgroundColor = new vscode.ThemeColor(critical.length ? 'statusBarItem.errorBackground' : 'statusBarItem.warningBackground');
      this.item.accessibilityInformation = { label: `Phoenix Ops alerts: state unknown since ${since}; ${critical.length} critical known to be firing` };
    } else if (critical.length > 0) {
      this.item.text = `$(bell-dot) ${critical.length} critical`;
      this.item.tooltip = `${counted}\nClick to show the Alerts view.`;
      // A firing critical alert must not blend into the status bar.
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      this.item.accessibilityInformation = { label: `Phoenix Ops alerts: ${critical.length} critical firing` };
    } else {
      this.item.text = s.loaded ? '$(bell) 0' : '$(bell) …';
      this.item.tooltip = s.loaded ? `No critical alerts firing${firing ? ` (${firing} other${firing === 1 ? '' : 's'} firing)` : ''}.\nClick to show the Alerts view.` : 'Asking Alertmanager…';
      this.item.backgroundColor = undefined;
      this.item.accessibilityInformation = { label: s.loaded ? 'Phoenix Ops alerts: no critical alert firing' : 'Phoenix Ops alerts: loading' };
    }
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
