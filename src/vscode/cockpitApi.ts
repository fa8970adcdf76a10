// What activate() returns: a small read-only view of the cockpit's state, used by the
// extension-host tests (and usable by other extensions) to see what the user sees.
import type * as vscode from 'vscode';
import type { ResolvedSelection } from '../domain/clusters/selection';
import type { WorkloadsApi } from './workloads/workloadsApi';
import type { PlatformApi } from './platform/platformApi';
import type { RunbooksApi } from './runbooks/runbookServices';
import type { BackupsApi } from './backups/registerBackups';
import type { RolloutsApi } from './rollouts/rolloutsApi';
import type { PortForwardsApi } from './portforward/registerPortForwards';

export interface CockpitApi extends WorkloadsApi, PlatformApi, RunbooksApi, BackupsApi, RolloutsApi, PortForwardsApi {
  readonly clustersTree: vscode.TreeDataProvider<unknown>;
  statusBarText(): string;
  selection(): ResolvedSelection;
  /** Where the audit log's JSON lines are written (what the user can grep). */
  readonly auditFile: string;
  /** The command ids the cockpit implements (the start-up stand-ins forward to these). */
  commandIds(): string[];
}

/**
 * activate() returns at once and the cockpit loads right after (README › Architecture › Start-up): `ready()` resolves
 * when it has, and every other member is the loaded cockpit's (reading one before throws, saying so).
 */
export type StartupApi = CockpitApi & { ready(): Promise<void> };
