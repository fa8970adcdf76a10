// What activate() returns: a small read-only view of the cockpit's state, used by the
// extension-host tests (and usable by other extensions) to see what the user sees.
import type * as vscode from 'vscode';
import type { ResolvedSelection } from '../domain/clusters/selection';
import type { WorkloadsApi } from './workloads/workloadsApi';
import type { PlatformApi } from './platform/platformApi';
import type { RunbooksApi } from './runbooks/registerRunbooks';

export interface CockpitApi extends WorkloadsApi, PlatformApi, RunbooksApi {
  readonly clustersTree: vscode.TreeDataProvider<unknown>;
  statusBarText(): string;
  selection(): ResolvedSelection;
  /** Where the audit log's JSON lines are written (what the user can grep). */
  readonly auditFile: string;
}
