// Show Canary: the canary panel of a rollout (charts of each gate, canary against primary, every check).
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';
import { resolveRollout } from '../../rollouts/rolloutTarget';

export const showCanaryCommand: CommandFactory = (services) => ({
  id: CommandIds.showCanary,
  async run(arg?: unknown): Promise<boolean> {
    const t = await resolveRollout(arg, services, 'Show Canary', true);
    if (!t) return false;
    await services.rollouts.showPanel(t);
    return true;
  },
});
