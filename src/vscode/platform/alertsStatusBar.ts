// Status bar item: how many critical alerts are firing; click focuses the Alerts view. Hidden while no Alertmanager is configured.
import * as vscode from 'vscode';
import type { AlertsSnapshot, AlertsStore } from '../../domain/alerts/alertsStore';
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

  update(s: AlertsSnapshot): void {
    if (!s.configured) {
      this.item.hide();
      return;
    }
    const critical = s.alerts.filter((a) => a.state === 'firing' && a.severity === 'critical');
    const firing = s.alerts.filter((a) => a.state === 'firing').length;
    const allFailed = s.loaded && s.answered === 0;
    if (allFailed) {
      this.item.text = '$(bell-slash) alerts?';
      this.item.tooltip = `No Alertmanager answered: ${s.errors.map((e) => e.message).join('; ')}`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    } else if (critical.length > 0) {
      this.item.text = `$(bell-dot) ${critical.length} critical`;
      const names = [...new Set(critical.map((a) => a.name))].join(', ');
      this.item.tooltip = `${critical.length} critical alert${critical.length === 1 ? '' : 's'} firing: ${names}${firing > critical.length ? ` (${firing} firing in all)` : ''}\nClick to show the Alerts view.`;
      // A firing critical alert must not blend into the status bar.
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    } else {
      this.item.text = `$(bell) 0`;
      this.item.tooltip = `No critical alerts firing${firing ? ` (${firing} other${firing === 1 ? '' : 's'} firing)` : ''}${s.loaded ? '' : ' (loading)'}.\nClick to show the Alerts view.`;
      this.item.backgroundColor = undefined;
    }
    this.item.accessibilityInformation = { label: `Phoenix Ops alerts: ${critical.length} critical firing` };
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
