// The shape of a command module: one command per file, built from the services it needs.
import type * as vscode from 'vscode';
import type { ClustersModel } from '../../domain/clusters/clustersModel';
import type { CommandId } from '../commandIds';
import type { Settings } from '../settings';
import type { AuditLog } from '../safety/auditLog';
import type { MutationGuard } from '../safety/mutationGuard';
import type { CockpitSecrets } from '../secrets';
import type { RunbookServices } from '../runbooks/runbookServices';
import type { SelectionState } from '../state/selectionState';
import type { WorkloadServices } from '../workloads/workloadServices';
import type { PlatformServices } from '../platform/platformServices';
import type { BackupServices } from '../backups/backupServices';
import type { PluginApprovals } from '../state/pluginApprovals';
import type { RolloutServices } from '../rollouts/rolloutServices';
import type { PortForwards } from '../../domain/portforward/portForwards';
import type { EditServices } from '../edit/registerEdit';

export interface CockpitServices {
  clusters: ClustersModel;
  selection: SelectionState;
  readonly settings: () => Settings;
  log: vscode.LogOutputChannel;
  /** Every mutation runs through guard.run(): read-only, protected-context confirmation, audit. */
  guard: MutationGuard;
  audit: AuditLog;
  secrets: CockpitSecrets;
  /** The user's yes to credential plugins of workspace-supplied kubeconfig files. */
  pluginApprovals: PluginApprovals;
  /** The Deployments view's model and scope, clients per context, documents and log tails. */
  workloads: WorkloadServices;
  /** Alerts, experiments and the agent fleet: their stores and clients. */
  platform: PlatformServices;
  /** Runbook notebooks: the session of the active runbook, the transcript folder. */
  runbooks: RunbookServices;
  /** Backups: the Backups view's model, the destination, the database and namespace readers. */
  backups: BackupServices;
  /** Canary rollouts: the driver, the plans, the canary panels. */
  rollouts: RolloutServices;
  /** This window's port forwards (the Port Forwards view's). */
  portForwards: PortForwards;
  /** Edit YAML documents, their diffs, a manifest client per context (Apply File…). */
  edit: EditServices;
}

export interface CockpitCommand {
  readonly id: CommandId;
  run(...args: unknown[]): unknown;
}

export type CommandFactory = (services: CockpitServices) => CockpitCommand;
