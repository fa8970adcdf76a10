// Abort Canary (= roll back): weight 0, the canary scaled to 0, the primary untouched; the reason names who.
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';
import { runControl } from './rolloutCommand';

export const abortCanaryCommand: CommandFactory = (services) => ({
  id: CommandIds.abortCanary,
  run: (arg?: unknown) => runControl(services, arg, { kind: 'abort' }, { action: 'abort canary', destructive: true, summary: (p) => `abort the canary of ${p}: all traffic back to the primary and the canary scaled to 0` }),
});
