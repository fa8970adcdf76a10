// The platform area's part of CockpitApi: read-only access to what the views show, for the extension-host tests.
import type * as vscode from 'vscode';
import type { DashboardSnapshot } from '../webviews/dashboardPanel';

export interface PlatformApi {
  readonly alertsTree: vscode.TreeDataProvider<unknown>;
  readonly experimentsTree: vscode.TreeDataProvider<unknown>;
  readonly agentsTree: vscode.TreeDataProvider<unknown>;
  alertsStatusBarText(): string;
  /** Critical-alert notifications shown so far (their messages). */
  criticalNotifications(): readonly string[];
  /** The open cost and health panels: what each shows (for the tests). */
  dashboards(): DashboardSnapshot[];
}
