// The one path of every workload mutation: read the deployment fresh, let the pure planner decide
// (patch, already so, or refused), then send the patch through the MutationGuard (read-only,
// protected-context confirmation by typing the deployment's name, audit log) and say how it went.
import * as vscode from 'vscode';
import type { V1Deployment, V1ReplicaSet } from '@kubernetes/client-node';
import type { RolloutPlan, UndoPlan } from '../../domain/workloads/rolloutPlans';
import type { CockpitServices } from '../commands/command';
import type { DeploymentTarget } from './deploymentTarget';
import { valueOrThrow } from '../../core/result';

export interface MutationInput {
  deployment: V1Deployment;
  /** Present when the action asked for them (rollback). */
  replicaSets?: V1ReplicaSet[];
}

export type MutationOutcome = { applied: true; plan: RolloutPlan | UndoPlan } | { applied: false; why: 'skipped' | 'refused' | 'blocked' | 'cancelled' | 'failed'; message?: string };

/** Reads the deployment (and its ReplicaSets when asked); undefined when that failed (already shown). */
export async function readDeployment(target: DeploymentTarget, withReplicaSets: boolean): Promise<MutationInput | undefined> {
  const d = await target.client.getDeployment(target);
  if (!d.ok) {
    void vscode.window.showErrorMessage(`Phoenix Ops: cannot read deployment ${target.name} in ${target.namespace}: ${d.error.message}. ${d.error.hint}`);
    return undefined;
  }
  if (!withReplicaSets) return { deployment: d.value };
  const rss = await target.client.replicaSetsOf(d.value);
  if (!rss.ok) {
    void vscode.window.showErrorMessage(`Phoenix Ops: cannot list the ReplicaSets of ${target.name}: ${rss.error.message}. ${rss.error.hint}`);
    return undefined;
  }
  return { deployment: d.value, replicaSets: rss.value };
}

/** Applies a plan through the guard. `action` is what the audit log and prompts call it ("scale", "rollback"). */
export async function applyPlan(services: CockpitServices, target: DeploymentTarget, action: string, plan: RolloutPlan | UndoPlan): Promise<MutationOutcome> {
  const what = `deployment ${target.name} (${target.context}/${target.namespace})`;
  if (plan.kind === 'skipped') {
    void vscode.window.showInformationMessage(`Phoenix Ops: ${what}: ${plan.message} — nothing changed.`);
    return { applied: false, why: 'skipped', message: plan.message };
  }
  if (plan.kind === 'refused') {
    void vscode.window.showErrorMessage(`Phoenix Ops: cannot ${action} ${what}: ${plan.message}`);
    return { applied: false, why: 'refused', message: plan.message };
  }
  try {
    const r = await services.guard.run(
      {
        action,
        context: target.context,
        namespace: target.namespace,
        object: `deployment/${target.name}`,
        confirmText: target.name,
        summary: `${plan.summary} of deployment ${target.name} in ${target.namespace}`,
        ...(plan.destructive ? { destructive: true } : {}),
      },
      async () => {
        valueOrThrow(await target.client.patchDeployment(target, plan.patchType, plan.patch, plan.target));
      },
      plan.summary,
    );
    if (!r.ran) return { applied: false, why: r.why };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    void vscode.window.showErrorMessage(`Phoenix Ops: ${action} of ${what} failed: ${message}`);
    return { applied: false, why: 'failed', message };
  }
  services.log.info(`${action} ${what}: ${plan.summary}`);
  return { applied: true, plan };
}
