// "Pause Rollout": template changes wait until the deployment is resumed (kubectl rollout pause).
import * as vscode from 'vscode';
import { planPause } from '../../../domain/workloads/rolloutPlans';
import { CommandIds } from '../../commandIds';
import { applyPlan, type MutationOutcome, readDeployment } from '../../workloads/deploymentMutation';
import { resolveDeploymentTarget } from '../../workloads/deploymentTarget';
import type { CommandFactory } from '../command';

export const pauseDeploymentCommand: CommandFactory = (services) => ({
  id: CommandIds.pauseDeployment,
  async run(arg?: unknown): Promise<MutationOutcome | undefined> {
    const target = await resolveDeploymentTarget(arg, services, 'Pause Rollout');
    const input = target && (await readDeployment(target, false));
    if (!target || !input) return undefined;
    const outcome = await applyPlan(services, target, 'pause', planPause(input.deployment, true));
    if (outcome.applied) void vscode.window.showInformationMessage(`Phoenix Ops: deployment ${target.name} paused: changes to its template wait until you resume it.`);
    return outcome;
  },
});
