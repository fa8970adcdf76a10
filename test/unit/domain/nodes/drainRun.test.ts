// A drain run with a fake cluster and clock: a refused eviction waits on the retry schedule and succeeds once the
// budget allows; a budget that never allows ends the drain at its deadline naming the budget; a cancel stops retrying
// and says the node stays cordoned; failures are reported, not retried.
import assert from 'node:assert/strict';
import { planDrain, type DrainPodRef } from '../../../../src/domain/nodes/drainPlan';
import { nextRetry, refusalOf, retryDelayMs } from '../../../../src/domain/nodes/drainRetry';
import { runDrain, type DrainPorts, type DrainState, type EvictAnswer } from '../../../../src/domain/nodes/drainRun';
import { progressText, summaryText } from '../../../../src/domain/nodes/drainSummary';
import type { V1Pod } from '@kubernetes/client-node';

const pod = (name: string): V1Pod => ({ metadata: { name, namespace: 'ns', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u', controller: true }] }, spec: { nodeName: 'w1', containers: [] } });
const CAUSE = 'The disruption budget api needs 2 healthy pods and has 2 currently';
const refused: EvictAnswer = { kind: 'refused', refusal: refusalOf("Cannot evict pod as it would violate the pod's disruption budget.", [{ reason: 'DisruptionBudget', message: CAUSE }]) };

/** Ports over a fake clock: sleep advances it; `answers(pod, attempt)` decides each eviction. */
function fake(answers: (pod: DrainPodRef, attempt: number) => EvictAnswer, onSleep?: () => void) {
  let now = 0;
  const attempts = new Map<string, number>();
  const reports: string[] = [];
  const sleeps: number[] = [];
  const ports: DrainPorts = {
    evict: (p) => {
      const n = (attempts.get(p.name) ?? 0) + 1;
      attempts.set(p.name, n);
      return Promise.resolve(answers(p, n));
    },
    sleep: (ms) => {
      sleeps.push(ms);
      now += ms;
      onSleep?.();
      return Promise.resolve();
    },
    now: () => now,
    report: (s: DrainState) => reports.push(progressText(s, now)),
  };
  return { ports, attempts, reports, sleeps };
}

describe('drain retry schedule', () => {
  it('waits 1 s, 2 s, 4 s, then 5 s like kubectl, never past the deadline', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 50].map(retryDelayMs), [1000, 2000, 4000, 5000, 5000, 5000]);
    assert.equal(retryDelayMs(0), 1000);
    assert.equal(nextRetry(1, 0, 1000), 1000);
    assert.equal(nextRetry(1, 1, 1000), undefined);
    assert.equal(nextRetry(4, 10_000, 14_999), undefined);
  });

  it('reads the budget from the DisruptionBudget cause, and falls back to the message without one', () => {
    assert.deepEqual(refusalOf('x', [{ reason: 'DisruptionBudget', message: CAUSE }]), { budget: 'api', message: CAUSE });
    assert.deepEqual(refusalOf('Too many requests, please try again later.'), { message: 'Too many requests, please try again later.' });
    assert.deepEqual(refusalOf('m', [{ reason: 'Other', message: 'something else' }]), { message: 'something else' });
  });
});

describe('drain run', () => {
  it('evicts what it can at once and retries a refused pod until its budget allows', async () => {
    const plan = planDrain('w1', [pod('a'), pod('b')]);
    const f = fake((p, n) => (p.name === 'b' && n < 3 ? refused : { kind: 'evicted' }));
    const o = await runDrain(plan, f.ports, { timeoutMs: 60_000, signal: new AbortController().signal });
    assert.equal(o.end, 'done');
    assert.deepEqual(o.evicted.map((p) => p.name), ['a', 'b']);
    assert.deepEqual(f.sleeps, [1000, 2000]);
    assert.ok(f.reports.some((r) => r === `Evicted 1 of 2 · ns/b waits on PDB api: ${CAUSE}, retry in 1 s`), f.reports.join('\n'));
    assert.equal(summaryText(o), 'Drained w1: evicted 2, skipped 0; the node is cordoned.');
  });

  it('says the pods waiting on one budget for one reason once, with the soonest retry', () => {
    const plan = planDrain('w1', [pod('a'), pod('b'), pod('c')]);
    const other: EvictAnswer = { kind: 'refused', refusal: { budget: 'db', message: 'The disruption budget db needs 1 healthy pods and has 1 currently' } };
    const waiting = [
      { pod: plan.evict[0], refusal: (refused as { refusal: { budget?: string; message: string } }).refusal, attempts: 1, retryAt: 3000 },
      { pod: plan.evict[1], refusal: (refused as { refusal: { budget?: string; message: string } }).refusal, attempts: 2, retryAt: 1200 },
      { pod: plan.evict[2], refusal: (other as { refusal: { budget?: string; message: string } }).refusal, attempts: 1 },
    ];
    assert.equal(progressText({ plan, evicted: [], waiting, failed: [] }, 0), `Evicted 0 of 3 · ns/a, ns/b wait on PDB api: ${CAUSE}, retry in 2 s · ns/c waits on PDB db: The disruption budget db needs 1 healthy pods and has 1 currently`);
  });

  it('gives up at the deadline and names the budget that still refuses', async () => {
    const plan = planDrain('w1', [pod('a'), pod('b')]);
    const f = fake((p) => (p.name === 'b' ? refused : { kind: 'evicted' }));
    const o = await runDrain(plan, f.ports, { timeoutMs: 30_000, signal: new AbortController().signal });
    assert.equal(o.end, 'timedOut');
    assert.deepEqual(o.evicted.map((p) => p.name), ['a']);
    assert.deepEqual(o.waiting.map((w) => [w.pod.name, w.refusal.budget]), [['b', 'api']]);
    assert.ok(f.sleeps.reduce((a, b) => a + b, 0) <= 30_000);
    assert.equal(summaryText(o), `Drain of w1 gave up after 30 s: evicted 1, skipped 0, not evicted 1. Still on the node: ns/b (PDB api: ${CAUSE}). A PodDisruptionBudget still refuses; the node stays cordoned — retry the drain once the budget allows, or raise phoenixOps.nodes.drainTimeoutSeconds.`);
  });

  it('stops retrying when cancelled and says the node stays cordoned', async () => {
    const abort = new AbortController();
    const plan = planDrain('w1', [pod('a'), pod('b')]);
    const f = fake((p) => (p.name === 'b' ? refused : { kind: 'evicted' }), () => abort.abort());
    const o = await runDrain(plan, f.ports, { timeoutMs: 300_000, signal: abort.signal });
    assert.equal(o.end, 'cancelled');
    assert.equal(f.attempts.get('b'), 1, 'no try after the cancel');
    assert.match(summaryText(o), /^Drain of w1 cancelled: evicted 1, skipped 0, not evicted 1\. Still on the node: ns\/b \(PDB api: .*\)\. The node stays cordoned \(Uncordon Node… lifts it\)\.$/);
  });

  it('reports a failed eviction without retrying it, and a pod already gone as evicted', async () => {
    const plan = planDrain('w1', [pod('a'), pod('b'), pod('c')]);
    const f = fake((p) => (p.name === 'a' ? { kind: 'failed', message: 'Not allowed (403)' } : p.name === 'b' ? { kind: 'gone' } : { kind: 'evicted' }));
    const o = await runDrain(plan, f.ports, { timeoutMs: 60_000, signal: new AbortController().signal });
    assert.equal(o.end, 'done');
    assert.equal(f.attempts.get('a'), 1);
    assert.deepEqual(o.evicted.map((p) => p.name), ['b', 'c']);
    assert.equal(summaryText(o), 'Drain of w1 finished with errors: evicted 2, skipped 0, failed 1. Still on the node: ns/a (Not allowed (403)). The node stays cordoned.');
  });

  it('with nothing to evict is done at once, the skipped pods counted', async () => {
    const ds: V1Pod = { ...pod('ds'), metadata: { ...pod('ds').metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: 'u', controller: true }] } };
    const f = fake(() => ({ kind: 'evicted' }));
    const o = await runDrain(planDrain('w1', [ds]), f.ports, { timeoutMs: 1000, signal: new AbortController().signal });
    assert.equal(summaryText(o), 'Drained w1: evicted 0, skipped 1; the node is cordoned.');
    assert.deepEqual(f.attempts.size, 0);
  });
});
