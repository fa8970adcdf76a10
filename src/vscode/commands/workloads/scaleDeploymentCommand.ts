// "Scale": an input box with the current replica count, then a merge patch of the scale subresource.
import * as vscode from 'vscode';
import { planScale } from '../../../domain/workloads/rolloutPlans';
import { CommandIds } from '../../commandIds';
import { applyPlan, type MutationOutcome, readDeployment } from '../../workloads/deploymentMutation';
import { resolveDeploymentTarget } from '../../workloads/deploymentTarget';
import type { CommandFactory } from '../command';

export const scaleDeploymentCommand: CommandFactory = (services) => ({
  id: CommandIds.scaleDeployment,
  async run(arg?: unknown, replicasArg?: unknown): Promise<MutationOutcome | undefined> {
    const target = await resolveDeploymentTarget(arg, services, 'Scale');
    const input = target && (await readDeployment(target, false));
    if (!target || !input) return undefined;
    const current = input.deployment.spec?.replicas ?? 1;
    const replicas =
      typeof replicasArg === 'number' || typeof replicasArg === 'string'
        ? String(replicasArg)
        : await vscode.window.showInputBox({
            title: `Scale ${target.name} (${target.context}/${target.namespace})`,
            prompt: `Replicas (now ${current}; ${input.deployment.status?.readyReplicas ?? 0} ready)`,
            value: String(current),
            valueSelection: [0, String(current).length],
            ignoreFocusOut: true,
            // The planner's own reason (not a number / past the typo guard), so the box says what is wrong with this value.
            validateInput: (v) => {
              const plan = planScale(input.deployment, v);
              return plan.kind === 'refused' ? plan.message : undefined;
            },
          });
    if (replicas === undefined) return undefined;
    const outcome = await applyPlan(services, target, 'scale', planScale(input.deployment, replicas));
    if (outcome.applied) void vscode.window.showInformationMessage(`Phoenix Ops: deployment ${target.name} scaled to ${replicas.trim()} (was ${current}).`);
    return outcome;
  },
});
