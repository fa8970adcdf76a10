// Which rollout a command acts on: a Deployments row (the primary or its canary), a Rollouts view row,
// a panel's message, or — from the palette — one picked among the rollouts this window sees.
import * as vscode from 'vscode';
import type { RolloutSnapshot } from '../../domain/rollouts/driver/rolloutRunner';
import { rolloutRow } from '../../domain/rollouts/rolloutSummary';
import { isActive } from '../../domain/rollouts/rolloutState';
import type { CockpitServices } from '../commands/command';

export interface RolloutTarget {
  context: string;
  namespace: string;
  /** The canary Deployment holding the rollout. */
  canary: string;
  snapshot?: RolloutSnapshot;
}

/** Anything naming a rollout: { context, namespace, canary } or { context, namespace, name } of a deployment row. */
export function targetFromArg(arg: unknown, services: CockpitServices): RolloutTarget | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const a = arg as { kind?: string; context?: unknown; namespace?: unknown; name?: unknown; canary?: unknown; snapshot?: RolloutSnapshot };
  if (a.snapshot) return { context: a.snapshot.context, namespace: a.snapshot.namespace, canary: a.snapshot.canary, snapshot: a.snapshot };
  if (typeof a.context !== 'string' || typeof a.namespace !== 'string') return undefined;
  if (typeof a.canary === 'string') return { context: a.context, namespace: a.namespace, canary: a.canary, snapshot: find(services, a.context, a.namespace, a.canary) };
  if (typeof a.name === 'string') {
    // A deployment row: the primary's rollout, or the canary's own row.
    const s = services.rollouts.driver.find(a.context, a.namespace, a.name) ?? find(services, a.context, a.namespace, a.name);
    return { context: a.context, namespace: a.namespace, canary: s?.canary ?? `${a.name}-canary`, snapshot: s };
  }
  return undefined;
}

function find(services: CockpitServices, context: string, namespace: string, canary: string): RolloutSnapshot | undefined {
  return services.rollouts.driver.snapshots().find((s) => s.context === context && s.namespace === namespace && s.canary === canary);
}

/** The target, or a pick among the active rollouts (all of them when `includeEnded`). */
export async function resolveRollout(arg: unknown, services: CockpitServices, action: string, includeEnded = false): Promise<RolloutTarget | undefined> {
  const direct = targetFromArg(arg, services);
  if (direct) return direct;
  const candidates = services.rollouts.driver.snapshots().filter((s) => s.state && !s.gone && (includeEnded || isActive(s.state.status)));
  if (!candidates.length) {
    void vscode.window.showInformationMessage(`Phoenix Ops: no ${includeEnded ? '' : 'running '}canary rollout to ${action.toLowerCase()}. Start one with "Start Canary…" on a deployment.`);
    return undefined;
  }
  const now = Date.now();
  const pick = await vscode.window.showQuickPick(
    candidates.map((s) => ({ label: `${s.state?.target.deployment ?? s.canary}`, description: `${s.context} / ${s.namespace}`, detail: s.state ? rolloutRow(s.state, now, s).description : '', s })),
    { title: `Phoenix Ops: ${action}`, placeHolder: 'Canary rollout' },
  );
  return pick && { context: pick.s.context, namespace: pick.s.namespace, canary: pick.s.canary, snapshot: pick.s };
}
