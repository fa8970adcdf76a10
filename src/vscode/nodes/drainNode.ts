// Drain Node…: lists the node's pods, plans the drain (what is evicted, what is skipped and why — the confirmation
// shows both), then through the guard cordons the node and evicts every planned pod in a cancellable notification that
// names each pod waiting on a PodDisruptionBudget and the server's reason. Every eviction is audited; a drain that
// ends short (cancelled, timed out, an eviction failed) is audited as failed with what is left, and the node stays
// cordoned — said in the summary, never left silently half-done.
import * as vscode from 'vscode';
import { delay } from '../../core/abort';
import { valueOrThrow } from '../../core/result';
import { planDrain, planText, type DrainPodRef } from '../../domain/nodes/drainPlan';
import { evictAnswer, runDrain, type DrainOutcome, type EvictAnswer } from '../../domain/nodes/drainRun';
import { progressText, summaryText } from '../../domain/nodes/drainSummary';
import { withCancellableProgress } from '../backups/backupProgress';
import type { CockpitServices } from '../commands/command';
import { resolveNodeTarget } from './nodeTarget';

export type DrainResult = { done: true; outcome: DrainOutcome } | { done: false; why: 'blocked' | 'cancelled' | 'failed' | 'nothing'; message?: string; outcome?: DrainOutcome };

/** Thrown inside the guard when the drain ended short, so the audit line says failed with what is left. */
class DrainIncomplete extends Error {
  constructor(readonly outcome: DrainOutcome) {
    super(summaryText(outcome));
  }
}

export async function drainNode(services: CockpitServices, arg: unknown): Promise<DrainResult> {
  const t = await resolveNodeTarget(arg, services, 'Drain Node…', () => true);
  if (!t) return { done: false, why: 'nothing' };
  const client = services.workloads.nodes.clientFor(t.context);
  const fail = (message: string): DrainResult => {
    void vscode.window.showErrorMessage(`Phoenix Ops: drain node ${t.name} on ${t.context} failed: ${message}`);
    return { done: false, why: 'failed', message };
  };
  if ('message' in client) return fail(client.message);
  const pods = await client.podsOn(t.name);
  if (!pods.ok) return fail(pods.error.message);
  const plan = planDrain(t.name, pods.value);
  const evict = async (pod: DrainPodRef, signal: AbortSignal): Promise<EvictAnswer> => {
    const answer = evictAnswer(await client.evict(pod.namespace, pod.name, signal));
    if (answer.kind === 'evicted') {
      await services.audit.record({ context: t.context, namespace: pod.namespace, object: `pod/${pod.name}`, action: 'evict pod', outcome: 'succeeded', detail: `drain of node ${t.name}` });
    }
    return answer;
  };
  let outcome: DrainOutcome | undefined;
  try {
    const r = await services.guard.run(
      { action: 'drain node', context: t.context, object: `node/${t.name}`, confirmText: t.name, destructive: true, summary: planText(plan) },
      async () => {
        const node = valueOrThrow(await client.setUnschedulable(t.name, true));
        services.log.info(`drain ${t.name} on ${t.context}: cordoned (unschedulable=${String(node.spec?.unschedulable)}), evicting ${plan.evict.length} pods`);
        await services.workloads.nodes.model.refresh();
        outcome = await withCancellableProgress(`Draining ${t.name} (${t.context})`, (report, signal) =>
          runDrain(plan, {
            evict,
            sleep: (ms, s) => delay(ms, s).catch(() => undefined),
            now: () => Date.now(),
            report: (state) => report(progressText(state, Date.now()), plan.evict.length ? state.evicted.length / plan.evict.length : 1),
          }, { timeoutMs: services.settings().nodes.drainTimeoutMs, signal }),
        );
        if (outcome.end !== 'done' || outcome.failed.length) throw new DrainIncomplete(outcome);
        return outcome;
      },
      `evict ${plan.evict.length}, skip ${plan.skip.length}`,
    );
    if (!r.ran) return { done: false, why: r.why };
  } catch (e) {
    await services.workloads.nodes.model.refresh();
    if (e instanceof DrainIncomplete) {
      services.log.warn(e.message);
      void vscode.window.showWarningMessage(`Phoenix Ops: ${e.message}`);
      return { done: false, why: e.outcome.end === 'cancelled' ? 'cancelled' : 'failed', message: e.message, outcome: e.outcome };
    }
    return fail(e instanceof Error ? e.message : String(e));
  }
  await services.workloads.nodes.model.refresh();
  const text = summaryText(outcome!);
  services.log.info(text);
  void vscode.window.showInformationMessage(`Phoenix Ops: ${text}`);
  return { done: true, outcome: outcome! };
}
