// The Workloads part of CockpitApi: read-only views of what the Deployments view and the log tails show (for tests).
import type * as vscode from 'vscode';
import type { DeploymentsScope } from '../../domain/workloads/deploymentsModel';
import type { LogTailSnapshot } from './logs/logTailPanel';

export interface WorkloadsApi {
  readonly deploymentsTree: vscode.TreeDataProvider<unknown>;
  deploymentsScope(): DeploymentsScope;
  /** The Nodes view's rows (nodes, their pods). */
  readonly nodesTree: vscode.TreeDataProvider<unknown>;
  /** The Resources view's rows, and the kinds it lists and watches now ("phoenix-system/batch/cronjobs"). */
  readonly resourcesTree: vscode.TreeDataProvider<unknown>;
  resourcesWatching(): string[];
  /** The open log tails: status, pods followed, the last lines and notices. */
  logTails(): LogTailSnapshot[];
}
