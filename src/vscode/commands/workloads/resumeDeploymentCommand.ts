// "Resume Rollout": a paused deployment rolls out whatever changed meanwhile (kubectl rollout resume).
import * as vscode from 'vscode';
import { planPause } from '../../../domain/workloads/rolloutPlans';
import { CommandIds } from '../../commandIds';
import { applyPlan, type MutationOutcome, readDeployment } from '../../workloads/deploymentMutation';
import { resolveDeploymentTarget } from '../../workloads/deploymentTarget';
import type { CommandFactory } from '../command';

export const resumeDeploymentCommand: CommandFactory = (services) => ({
  id: CommandIds.resumeDeployment,
  async run(arg?: unknown): Promise<MutationOutcome | undefined> {
    const target = await resolveDeploymentTarget(arg, services, 'Resume Rollout');
    const input = target && (await readDeployment(target, false));
    if (!target || !input) return undefined;
    const outcome = await applyPlan(services, target, 'resume', planPause(input.deployment, false));
    if (outcome.applied) void vscode.window.showInformationMessage(`Phoenix Ops: deployment ${target.name} resumed.`);
    return outcome;
  },
});
