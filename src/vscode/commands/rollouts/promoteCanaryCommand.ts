// Promote Canary Now: skip the remaining phases; the primary takes the canary's template.
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';
import { runControl } from './rolloutCommand';

export const promoteCanaryCommand: CommandFactory = (services) => ({
  id: CommandIds.promoteCanary,
  run: (arg?: unknown) =>
    runControl(services, arg, { kind: 'promote' }, {
      action: 'promote canary',
      destructive: true,
      summary: (p, t) => `promote the canary of ${p} now: ${t.snapshot?.state?.target.image ?? 'its image'} replaces ${t.snapshot?.state?.target.previousImage ?? 'the primary\'s'} on every pod, skipping the remaining phases`,
    }),
});
