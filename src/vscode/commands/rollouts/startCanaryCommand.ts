// Start Canary…: on a deployment, pick a plan (the workspace's or a shipped one), the image (validated),
// check everything against the cluster and Prometheus, confirm the summary through the MutationGuard,
// then create the canary and open its panel. Driven from here on by this window (or whoever holds the lease).
import * as vscode from 'vscode';
import { imageProblem } from '../../../domain/rollouts/canaryObjects';
import type { CanaryPlan } from '../../../domain/rollouts/canaryPlan';
import { shortImage } from '../../../domain/workloads/objectMeta';
import { CommandIds } from '../../commandIds';
import { readDeployment } from '../../workloads/deploymentMutation';
import { resolveDeploymentTarget } from '../../workloads/deploymentTarget';
import type { CommandFactory } from '../command';

/**
 * Automation (tests, other commands) may pass { image, plan, container, openPanel }. plan is a plan's name, or the
 * plan itself (Run Analysis with the Cockpit passes the Flagger import, which need not be in the plan library).
 */
export interface StartOptions {
  image?: string;
  plan?: string | CanaryPlan;
  container?: string;
  openPanel?: boolean;
}

export const startCanaryCommand: CommandFactory = (services) => ({
  id: CommandIds.startCanary,
  async run(arg?: unknown, optionsArg?: unknown): Promise<boolean> {
    const options = (optionsArg ?? {}) as StartOptions;
    const target = await resolveDeploymentTarget(arg, services, 'Start Canary');
    const input = target && (await readDeployment(target, false));
    if (!target || !input) return false;
    const plan = typeof options.plan === 'object' ? options.plan : await pickPlan(services.rollouts, options.plan);
    if (!plan) return false;
    const containers = input.deployment.spec?.template?.spec?.containers ?? [];
    const container =
      options.container ??
      (containers.length === 1
        ? containers[0]?.name
        : (await vscode.window.showQuickPick(containers.map((c) => ({ label: c.name, description: c.image ?? '' })), { title: `Start Canary: container of ${target.name}`, placeHolder: 'Container that takes the new image' }))?.label);
    if (!container) return false;
    const current = containers.find((c) => c.name === container)?.image ?? '';
    const tagAt = current.lastIndexOf(':') > current.lastIndexOf('/') ? current.lastIndexOf(':') + 1 : current.length;
    const image =
      options.image ??
      (await vscode.window.showInputBox({
        title: `Start Canary: ${target.name} / ${container} (${target.context}/${target.namespace})`,
        prompt: `Image for the canary (the primary runs ${shortImage(current)}). Plan: ${plan.name}.`,
        value: current,
        valueSelection: [tagAt, current.length],
        ignoreFocusOut: true,
        validateInput: (v) => imageProblem(v) ?? (v.trim() === current ? 'The primary already runs this image.' : undefined),
      }));
    if (image === undefined) return false;
    const prepared = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Checking the canary of ${target.name}…` }, () =>
      services.rollouts.driver.prepare(target.context, { namespace: target.namespace, deployment: target.name, container, image, plan, timeScale: services.rollouts.timeScale(), by: services.rollouts.user }),
    );
    if (!prepared.ok) {
      void vscode.window.showErrorMessage(`Phoenix Ops: cannot start a canary of ${target.name}: ${prepared.message}`);
      return false;
    }
    const p = prepared.prepared;
    try {
      const r = await services.guard.run(
        {
          action: 'start canary',
          context: target.context,
          namespace: target.namespace,
          object: `deployment/${target.name}`,
          confirmText: target.name,
          destructive: true,
          summary: `start a canary of ${target.name} with ${shortImage(image.trim())}: ${p.summary.join('; ')}`,
        },
        async () => {
          const started = await services.rollouts.driver.start(target.context, p);
          if (!started.ok) throw new Error(started.message);
        },
        `${image.trim()} with plan ${plan.name}`,
      );
      if (!r.ran) return false;
    } catch (e) {
      void vscode.window.showErrorMessage(`Phoenix Ops: starting the canary of ${target.name} failed: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
    services.rollouts.follow(target.context);
    if (options.openPanel !== false) await services.rollouts.showPanel({ context: target.context, namespace: target.namespace, canary: p.state.canary.deployment });
    return true;
  },
});

async function pickPlan(rollouts: { plans(): Promise<{ label: string; where: string; plan?: CanaryPlan; error?: string; uri?: vscode.Uri }[]> }, byName?: string): Promise<CanaryPlan | undefined> {
  const plans = await rollouts.plans();
  if (byName) {
    const found = plans.find((p) => p.label === byName && p.plan);
    if (!found?.plan) void vscode.window.showErrorMessage(`Phoenix Ops: no usable rollout plan named "${byName}".`);
    return found?.plan;
  }
  const pick = await vscode.window.showQuickPick(
    plans.map((p) => ({
      label: p.error ? `$(error) ${p.label}` : p.label,
      description: p.where,
      detail: p.error ? `Cannot be used: ${p.error}` : p.plan?.phases.map((x) => `${x.weight} %`).join(' → '),
      entry: p,
    })),
    { title: 'Start Canary: rollout plan', placeHolder: 'Phases, hold times and gates of the rollout', matchOnDescription: true, matchOnDetail: true },
  );
  if (!pick) return undefined;
  if (pick.entry.error) {
    const open = await vscode.window.showErrorMessage(`Phoenix Ops: plan ${pick.entry.where} cannot be used: ${pick.entry.error}`, ...(pick.entry.uri ? ['Open Plan'] : []));
    if (open && pick.entry.uri) await vscode.window.showTextDocument(pick.entry.uri);
    return undefined;
  }
  return pick.entry.plan;
}
