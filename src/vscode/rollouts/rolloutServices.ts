// What the rollout commands, views and panels share: the driver (every rollout this window sees), who
// this window is in leases, the plans, and the settings that shape a new rollout.
import type { RolloutDriver } from '../../domain/rollouts/driver/rolloutDriver';
import type { PlanEntry } from './planLibrary';

export interface RolloutServices {
  driver: RolloutDriver;
  /** "alice@laptop (window 3f2a1b9c)": the lease holder name of this window. */
  identity: string;
  /** Who a person is in audit lines and reasons ("alice"). */
  user: string;
  plans(): Promise<PlanEntry[]>;
  planFolder(): string;
  timeScale(): number;
  /** Keeps following a context's rollouts, also after a restart of VS Code. */
  follow(context: string): void;
  /** Reads the Rollouts view again. */
  refreshView(): void;
  /** Hides a promoted canary's outcome row (remembered in the workspace). */
  dismissOutcome(key: string): Promise<void>;
  /** Opens (or reveals) the canary panel of a rollout. */
  showPanel(target: { context: string; namespace: string; canary: string }): Promise<void>;
}
