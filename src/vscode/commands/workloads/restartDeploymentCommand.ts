// "Rollout Restart": new pods for the deployment (kubectl rollout restart), then follow the rollout.
import { planRestart } from '../../../domain/workloads/rolloutPlans';
import { CommandIds } from '../../commandIds';
import { applyPlan, type MutationOutcome, readDeployment } from '../../workloads/deploymentMutation';
import { resolveDeploymentTarget } from '../../workloads/deploymentTarget';
import { followRolloutWithProgress } from '../../workloads/rolloutNotification';
import type { CommandFactory } from '../command';

export const restartDeploymentCommand: CommandFactory = (services) => ({
  id: CommandIds.restartDeployment,
  async run(arg?: unknown, options?: unknown): Promise<MutationOutcome | undefined> {
    const target = await resolveDeploymentTarget(arg, services, 'Rollout Restart');
    const input = target && (await readDeployment(target, false));
    if (!target || !input) return undefined;
    const outcome = await applyPlan(services, target, 'restart', planRestart(input.deployment, new Date()));
    if (outcome.applied && (options as { follow?: boolean } | undefined)?.follow !== false) await followRolloutWithProgress(target, 'Restarting', input.deployment);
    return outcome;
  },
});
