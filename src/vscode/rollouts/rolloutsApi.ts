// The rollouts part of CockpitApi: what the rollout views and panels show (for tests).
import type * as vscode from 'vscode';
import type { RolloutSnapshot } from '../../domain/rollouts/driver/rolloutRunner';
import type { CanaryViewState } from '../../shared/canaryPanelProtocol';

export interface RolloutsApi {
  /** Every rollout this window sees, with its state, checks and lease. */
  rollouts(): RolloutSnapshot[];
  /** What each open canary panel shows. */
  canaryPanels(): CanaryViewState[];
  /** The Rollouts view's rows as the workbench gets them. */
  readonly rolloutsTree: vscode.TreeDataProvider<unknown>;
}
