// Runs a drain plan: every pod is evicted at once (as kubectl drain does, each pod on its own), a pod whose budget
// refuses is tried again on the retry schedule, and the whole drain ends at its deadline or when cancelled — every
// pod then is either evicted, skipped by the plan, still waiting (with the budget and the server's words), or failed.
// No vscode here: the command gives the ports (the Eviction request, sleep, clock, progress).
import { type DrainPlan, type DrainPodRef, podKey, type SkippedPod } from './drainPlan';
import type { KubeError } from '../../clients/kubernetes/kubeErrors';
import type { Result } from '../../core/result';
import { nextRetry, refusalOf, type Refusal } from './drainRetry';

export type EvictAnswer = { kind: 'evicted' } | { kind: 'gone' } | { kind: 'refused'; refusal: Refusal } | { kind: 'failed'; message: string };

/** What an Eviction request's result means for the drain: 429 is a budget's refusal (retried), 404 a pod already gone. */
export function evictAnswer(r: Result<void, KubeError>): EvictAnswer {
  if (r.ok) return { kind: 'evicted' };
  if (r.error.status === 404) return { kind: 'gone' };
  if (r.error.status === 429) return { kind: 'refused', refusal: refusalOf(r.error.message.replace(/^Too many requests \(429\): /, ''), r.error.causes) };
  return { kind: 'failed', message: r.error.message };
}

export interface DrainPorts {
  evict(pod: DrainPodRef, signal: AbortSignal): Promise<EvictAnswer>;
  /** Resolves after ms, or early when the signal aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  now(): number;
  /** The drain's state after every change (for the progress notification). */
  report(state: DrainState): void;
}

export interface Waiting {
  pod: DrainPodRef;
  refusal: Refusal;
  attempts: number;
  /** When the next try is due, or undefined once the drain gave up on it. */
  retryAt?: number;
}

export interface DrainState {
  plan: DrainPlan;
  evicted: DrainPodRef[];
  waiting: Waiting[];
  failed: Array<{ pod: DrainPodRef; message: string }>;
}

export interface DrainOutcome extends DrainState {
  skipped: SkippedPod[];
  /** How it ended: every pod handled, the deadline passed with pods still refused, or the user cancelled. */
  end: 'done' | 'timedOut' | 'cancelled';
  timeoutMs: number;
}

export async function runDrain(plan: DrainPlan, ports: DrainPorts, opts: { timeoutMs: number; signal: AbortSignal }): Promise<DrainOutcome> {
  const deadline = ports.now() + opts.timeoutMs;
  const state: DrainState = { plan, evicted: [], waiting: [], failed: [] };
  let timedOut = false;
  const setWaiting = (w: Waiting | undefined, pod: DrainPodRef) => {
    state.waiting = state.waiting.filter((x) => podKey(x.pod) !== podKey(pod));
    if (w) state.waiting.push(w);
    state.waiting.sort((a, b) => podKey(a.pod).localeCompare(podKey(b.pod)));
  };
  const one = async (pod: DrainPodRef) => {
    for (let attempt = 1; ; attempt++) {
      if (opts.signal.aborted) return;
      const answer = await ports.evict(pod, opts.signal);
      if (opts.signal.aborted && answer.kind !== 'evicted' && answer.kind !== 'gone') return;
      if (answer.kind === 'evicted' || answer.kind === 'gone') {
        setWaiting(undefined, pod);
        state.evicted.push(pod);
        ports.report(state);
        return;
      }
      if (answer.kind === 'failed') {
        setWaiting(undefined, pod);
        state.failed.push({ pod, message: answer.message });
        ports.report(state);
        return;
      }
      const wait = nextRetry(attempt, ports.now(), deadline);
      if (wait === undefined) {
        timedOut = true;
        setWaiting({ pod, refusal: answer.refusal, attempts: attempt }, pod);
        ports.report(state);
        return;
      }
      setWaiting({ pod, refusal: answer.refusal, attempts: attempt, retryAt: ports.now() + wait }, pod);
      ports.report(state);
      await ports.sleep(wait, opts.signal);
    }
  };
  ports.report(state);
  await Promise.all(plan.evict.map(one));
  state.evicted.sort((a, b) => podKey(a).localeCompare(podKey(b)));
  // A pod still refused when the drain stopped keeps its last refusal, with no retry due.
  for (const w of state.waiting) delete w.retryAt;
  const end = opts.signal.aborted ? 'cancelled' : timedOut ? 'timedOut' : 'done';
  return { ...state, skipped: plan.skip, end, timeoutMs: opts.timeoutMs };
}
