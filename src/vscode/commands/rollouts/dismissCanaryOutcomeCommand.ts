// Dismiss: hides a promoted canary's outcome row in the Rollouts view before its hour is up (the outcome stays on
// the primary's annotation, where the Deployments view and the next canary read it: nothing in the cluster changes).
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';

export const dismissCanaryOutcomeCommand: CommandFactory = (services) => ({
  id: CommandIds.dismissCanaryOutcome,
  async run(arg?: unknown): Promise<boolean> {
    const node = arg as { kind?: string; key?: unknown } | undefined;
    if (node?.kind !== 'outcome' || typeof node.key !== 'string') return false;
    await services.rollouts.dismissOutcome(node.key);
    return true;
  },
});
