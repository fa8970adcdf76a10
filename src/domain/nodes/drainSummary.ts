// The words a drain leaves: the progress line while it runs (which pod waits on which budget, and why) and the
// summary at the end (evicted N, skipped M, still on the node, and that the node stays cordoned either way).
import { podKey } from './drainPlan';
import type { DrainOutcome, DrainState, Waiting } from './drainRun';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The pods waiting on one budget for one reason, said once ("ns/a, ns/b wait on PDB x: <reason>, retry in 2 s"): a
 * drain of a node with three replicas of one app does not repeat the same sentence three times in a small toast.
 */
function waitingText(group: Waiting[], now: number): string {
  const w = group[0];
  const on = w.refusal.budget ? `PDB ${w.refusal.budget}` : 'its disruption budget';
  const due = group.map((g) => g.retryAt).filter((t): t is number => t !== undefined);
  const retry = due.length ? `, retry in ${Math.max(0, Math.ceil((Math.min(...due) - now) / 1000))} s` : '';
  return `${group.map((g) => podKey(g.pod)).join(', ')} ${group.length === 1 ? 'waits' : 'wait'} on ${on}: ${w.refusal.message}${retry}`;
}

/** One progress message: how far the drain is, and the pods waiting on each budget with the server's reason. */
export function progressText(s: DrainState, now: number): string {
  const head = `Evicted ${s.evicted.length} of ${s.plan.evict.length}`;
  const failed = s.failed.length ? ` · ${plural(s.failed.length, 'failed eviction')}` : '';
  if (!s.waiting.length) return `${head}${failed}`;
  const groups = new Map<string, Waiting[]>();
  for (const w of s.waiting) {
    const key = `${w.refusal.budget ?? ''}\n${w.refusal.message}`;
    groups.set(key, [...(groups.get(key) ?? []), w]);
  }
  return `${head}${failed} · ${[...groups.values()].map((g) => waitingText(g, now)).join(' · ')}`;
}

/** The end of a drain, said once: the counts, what is left on the node and why, and the node's cordon. */
export function summaryText(o: DrainOutcome): string {
  const node = o.plan.node;
  const counts = `evicted ${o.evicted.length}, skipped ${o.skipped.length}${o.failed.length ? `, failed ${o.failed.length}` : ''}${o.waiting.length ? `, not evicted ${o.waiting.length}` : ''}`;
  const left = [
    ...o.waiting.map((w) => `${podKey(w.pod)} (${w.refusal.budget ? `PDB ${w.refusal.budget}` : 'disruption budget'}: ${w.refusal.message})`),
    ...o.failed.map((f) => `${podKey(f.pod)} (${f.message})`),
  ];
  const stillThere = left.length ? ` Still on the node: ${left.join('; ')}.` : '';
  const notTried = o.plan.evict.length - o.evicted.length - o.failed.length - o.waiting.length;
  const untried = notTried > 0 ? ` ${plural(notTried, 'pod')} not tried.` : '';
  switch (o.end) {
    case 'cancelled':
      return `Drain of ${node} cancelled: ${counts}.${stillThere}${untried} The node stays cordoned (Uncordon Node… lifts it).`;
    case 'timedOut':
      return `Drain of ${node} gave up after ${Math.round(o.timeoutMs / 1000)} s: ${counts}.${stillThere} A PodDisruptionBudget still refuses; the node stays cordoned — retry the drain once the budget allows, or raise phoenixOps.nodes.drainTimeoutSeconds.`;
    default:
      return o.failed.length
        ? `Drain of ${node} finished with errors: ${counts}.${stillThere} The node stays cordoned.`
        : `Drained ${node}: ${counts}; the node is cordoned.`;
  }
}
