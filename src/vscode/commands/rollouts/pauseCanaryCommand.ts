// Pause Canary: the rollout holds its weight (checks still run, a failing one still rolls back) until resumed.
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';
import { runControl } from './rolloutCommand';

export const pauseCanaryCommand: CommandFactory = (services) => ({
  id: CommandIds.pauseCanary,
  run: (arg?: unknown) => runControl(services, arg, { kind: 'pause' }, { action: 'pause canary', destructive: false, summary: (p) => `pause the canary of ${p} at its current weight` }),
});
