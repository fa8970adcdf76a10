// The shape of a command module: one command per file, built from the services it needs.
import type * as vscode from 'vscode';
import type { ClustersModel } from '../../domain/clusters/clustersModel';
import type { CommandId } from '../commandIds';
import type { Settings } from '../settings';
import type { AuditLog } from '../safety/auditLog';
import type { MutationGuard } from '../safety/mutationGuard';
import type { CockpitSecrets } from '../secrets';
import type { SelectionState } from '../state/selectionState';

export interface CockpitServices {
  clusters: ClustersModel;
  selection: SelectionState;
  readonly settings: () => Settings;
  log: vscode.LogOutputChannel;
  /** Every mutation runs through guard.run(): read-only, protected-context confirmation, audit. */
  guard: MutationGuard;
  audit: AuditLog;
  secrets: CockpitSecrets;
}

export interface CockpitCommand {
  readonly id: CommandId;
  run(...args: unknown[]): unknown;
}

export type CommandFactory = (services: CockpitServices) => CockpitCommand;
