// The Job controller (modelled on pkg/controller/job for what a user sees): runs a Job's pods to `completions`
// successes, `parallelism` at a time, gives up past `backoffLimit` failures or `activeDeadlineSeconds`, and keeps
// status (active/ready/succeeded/failed, startTime, completionTime, conditions) and events as the real one does.
// Not modelled: Indexed completion mode, pod failure and success policies, suspend, ttlSecondsAfterFinished, the
// job-tracking finalizers (counts come from the pods the controller still sees, and never go down).
import type { KubeObject, StoreEvent } from '../store/types';
import { type ControllerContext, tryWrite, WORK } from './controllerContext';
import { type Job, type JobStatus, asJob, isJobFinished, podForJob } from './jobShape';
import { type Condition, type Pod, asPod, controllerOf, isPodActive, isPodReady, keyOf, splitKey } from './kinds';
import { restartPolicyOf } from './podShape';
import { rankForDeletion } from './replicaSetController';
import { isoSeconds } from './simTime';

const SOURCE = { component: 'job-controller' };

/** Why a Job failed: the reason and message the real controller writes on its Failed condition and event. */
const FAILURES = {
  backoff: { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' },
  deadline: { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' },
} as const;

export class JobController {
  /** job uid → failures seen and when the last one was seen (the back-off before a replacement pod) */
  private readonly failures = new Map<string, { count: number; atMs: number }>();

  constructor(private readonly ctx: ControllerContext) {
    ctx.queue.register(WORK.job, (key) => this.sync(key));
  }

  onEvent(e: StoreEvent): void {
    if (e.resource === 'jobs') {
      if (e.type === 'DELETED') {
        this.ctx.queue.cancel(WORK.job, keyOf(e.object));
        this.failures.delete(e.object.metadata.uid ?? '');
      } else if (!isJobFinished(asJob(e.object))) this.ctx.queue.add(WORK.job, keyOf(e.object));
    } else if (e.resource === 'pods') {
      const ref = controllerOf(e.object);
      if (ref?.kind !== 'Job') return;
      const owner = this.ctx.index.lookup(ref.uid);
      if (owner) this.ctx.queue.add(WORK.job, `${owner.namespace}/${owner.name}`);
    }
  }

  /** At start-up only unfinished Jobs need a pass. */
  static needsSync(o: KubeObject): boolean {
    return !isJobFinished(asJob(o));
  }

  sync(key: string): void {
    const [namespace, name] = splitKey(key);
    const stored = this.ctx.store.get('jobs', namespace, name);
    if (!stored || stored.metadata.deletionTimestamp || !stored.metadata.uid) return;
    const job = asJob(stored);
    if (isJobFinished(job) || job.spec.suspend === true) return;
    const now = this.ctx.clock.nowMs();
    const pods = this.podsOf(job);
    const active = pods.filter(isPodActive);
    const before = job.status ?? {};
    // Counts only grow: a finished pod deleted by hand stays counted (the real controller tracks them with finalizers).
    const succeeded = Math.max(before.succeeded ?? 0, pods.filter((p) => p.status?.phase === 'Succeeded').length);
    const failed = Math.max(before.failed ?? 0, pods.filter((p) => p.status?.phase === 'Failed').length);
    const status: JobStatus = { ...before, startTime: before.startTime ?? isoSeconds(now) };
    const completions = typeof job.spec.completions === 'number' ? job.spec.completions : 1;
    const parallelism = job.spec.parallelism ?? 1;
    const backoffLimit = job.spec.backoffLimit ?? 6;

    const failure = this.failureOf(job, active, failed, backoffLimit, Date.parse(status.startTime ?? '') || now, now);
    if (failure) {
      this.removeActive(job, active);
      this.write(job, finish(status, { succeeded, failed, ready: 0 }, 'Failed', failure, now));
      this.ctx.events.record(job, 'Warning', failure.reason, failure.message, SOURCE);
      return;
    }
    if (succeeded >= completions) {
      // Done: pods still running past the last completion are no longer needed.
      this.removeActive(job, active);
      this.write(job, finish(status, { succeeded, failed, ready: 0 }, 'Complete', { reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' }, now));
      this.ctx.events.record(job, 'Normal', 'Completed', 'Job completed', SOURCE);
      return;
    }

    const want = Math.min(parallelism, completions - succeeded);
    if (active.length > want) {
      const doomed = rankForDeletion(active).slice(0, active.length - want);
      this.removeActive(job, doomed);
      const gone = new Set(doomed);
      active.splice(0, active.length, ...active.filter((p) => !gone.has(p)));
    } else if (active.length < want) {
      const waitMs = this.backoffLeft(job, failed, now);
      if (waitMs > 0) this.ctx.queue.addAfter(WORK.job, keyOf(job), waitMs);
      else for (let i = active.length; i < want; i++) {
        const pod = this.createPod(job);
        if (pod) active.push(pod);
      }
    }
    const ready = active.filter(isPodReady).length;
    this.write(job, { ...status, active: active.length || undefined, ready, succeeded: succeeded || undefined, failed: failed || undefined, uncountedTerminatedPods: {} });
    this.watchDeadline(job, Date.parse(status.startTime ?? '') || now, now);
  }

  /** Past the backoff limit (failed pods, or container restarts with OnFailure) or the active deadline. */
  private failureOf(job: Job, active: Pod[], failed: number, backoffLimit: number, startMs: number, now: number): { reason: string; message: string } | undefined {
    const deadline = job.spec.activeDeadlineSeconds;
    if (typeof deadline === 'number' && now - startMs >= deadline * 1000) return FAILURES.deadline;
    if (failed > backoffLimit) return FAILURES.backoff;
    // With OnFailure the kubelet restarts the container in place; the controller counts those restarts instead.
    const restarts = active
      .filter((p) => restartPolicyOf(p) === 'OnFailure')
      .reduce((n, p) => n + (p.status?.containerStatuses ?? []).reduce((m, s) => m + s.restartCount, 0), 0);
    if (backoffLimit === 0 ? restarts > 0 : restarts >= backoffLimit) return FAILURES.backoff;
    return undefined;
  }

  /** Replacement pods after failures wait 10 s, 20 s, 40 s … (scaled like every simulated duration). */
  private backoffLeft(job: Job, failed: number, now: number): number {
    const uid = job.metadata.uid ?? '';
    const seen = this.failures.get(uid);
    if (failed === 0) return 0;
    if (!seen || seen.count < failed) {
      this.failures.set(uid, { count: failed, atMs: now });
      return this.ctx.timing.backoffMs(failed - 1);
    }
    return seen.atMs + this.ctx.timing.backoffMs(failed - 1) - now;
  }

  private watchDeadline(job: Job, startMs: number, now: number): void {
    const deadline = job.spec.activeDeadlineSeconds;
    if (typeof deadline === 'number') this.ctx.queue.addAfter(WORK.job, keyOf(job), Math.max(0, startMs + deadline * 1000 - now) + 50);
  }

  private podsOf(job: Job): Pod[] {
    const out: Pod[] = [];
    for (const ref of this.ctx.index.childrenOf(job.metadata.uid ?? '', 'pods')) {
      const pod = this.ctx.store.get('pods', ref.namespace, ref.name);
      if (pod && controllerOf(pod)?.uid === job.metadata.uid) out.push(asPod(pod));
    }
    return out;
  }

  private createPod(job: Job): Pod | undefined {
    // generateName can collide; the API server then answers AlreadyExists and the controller tries again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const pod = tryWrite(() => this.ctx.store.create('pods', podForJob(job)));
      if (pod) {
        this.ctx.events.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, SOURCE);
        return asPod(pod);
      }
    }
    return undefined;
  }

  private removeActive(job: Job, pods: Pod[]): void {
    for (const pod of pods) {
      this.ctx.terminatePod(pod);
      this.ctx.events.record(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, SOURCE);
    }
  }

  private write(job: Job, status: JobStatus): void {
    const next = prune(status);
    if (JSON.stringify(next) === JSON.stringify(prune(job.status ?? {}))) return;
    const copy = structuredClone(job);
    copy.status = next;
    tryWrite(() => this.ctx.store.update('jobs', copy));
  }
}

/**
 * The finished status: Complete is preceded by SuccessCriteriaMet and Failed by FailureTarget, both True at the same
 * time here (the real controller adds the second once the last pods have terminated; kubectl 1.32 waits on the second).
 */
function finish(status: JobStatus, counts: { succeeded: number; failed: number; ready: number }, type: 'Complete' | 'Failed', why: { reason: string; message: string }, now: number): JobStatus {
  const at = isoSeconds(now);
  const condition = (t: string): Condition => ({ type: t, status: 'True', reason: why.reason, message: why.message, lastProbeTime: at, lastTransitionTime: at });
  const conditions = [...(status.conditions ?? []), condition(type === 'Complete' ? 'SuccessCriteriaMet' : 'FailureTarget'), condition(type)];
  const next: JobStatus = { ...status, conditions, active: undefined, ready: counts.ready, succeeded: counts.succeeded || undefined, failed: counts.failed || undefined, uncountedTerminatedPods: {} };
  if (type === 'Complete') next.completionTime = at;
  return next;
}

/** Drops undefined fields (the API server omits zero counts the same way). */
function prune(status: JobStatus): JobStatus {
  return Object.fromEntries(Object.entries(status).filter(([, v]) => v !== undefined)) as JobStatus;
}
