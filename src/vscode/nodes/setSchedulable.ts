// Cordon and Uncordon share this: the guard (read-only blocks, protected contexts ask for the node's name, cordon asks
// first), the patch of spec.unschedulable, the audit line, and the Nodes view read again so the row says the new state.
import * as vscode from 'vscode';
import { valueOrThrow } from '../../core/result';
import type { CockpitServices } from '../commands/command';
import { resolveNodeTarget } from './nodeTarget';

export type ScheduleOutcome = { done: true; node: string; unschedulable: boolean } | { done: false; why: 'blocked' | 'cancelled' | 'failed' | 'nothing'; message?: string };

export async function setSchedulable(services: CockpitServices, arg: unknown, cordon: boolean): Promise<ScheduleOutcome> {
  const title = cordon ? 'Cordon Node…' : 'Uncordon Node…';
  const t = await resolveNodeTarget(arg, services, title, (r) => r.summary.unschedulable !== cordon);
  if (!t) return { done: false, why: 'nothing' };
  const client = services.workloads.nodes.clientFor(t.context);
  if ('message' in client) {
    void vscode.window.showErrorMessage(`Phoenix Ops: cannot reach ${t.context}: ${client.message}`);
    return { done: false, why: 'failed', message: client.message };
  }
  const pods = t.row?.pods.length;
  const summary = cordon
    ? `cordon node ${t.name} — no new pods are scheduled on it${pods !== undefined ? `; its ${pods} pod${pods === 1 ? '' : 's'} keep running` : ''}`
    : `uncordon node ${t.name} — the scheduler may place pods on it again`;
  const action = cordon ? 'cordon node' : 'uncordon node';
  try {
    const r = await services.guard.run(
      { action, context: t.context, object: `node/${t.name}`, confirmText: t.name, destructive: cordon, summary },
      async () => valueOrThrow(await client.setUnschedulable(t.name, cordon)),
      summary,
    );
    if (!r.ran) return { done: false, why: r.why };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    void vscode.window.showErrorMessage(`Phoenix Ops: ${action} ${t.name} on ${t.context} failed: ${message}`);
    return { done: false, why: 'failed', message };
  }
  services.log.info(`${action} ${t.name} on ${t.context}`);
  await services.workloads.nodes.model.refresh();
  void vscode.window.showInformationMessage(`Phoenix Ops: ${cordon ? 'cordoned' : 'uncordoned'} node ${t.name} (${t.context}).`);
  return { done: true, node: t.name, unschedulable: cordon };
}
