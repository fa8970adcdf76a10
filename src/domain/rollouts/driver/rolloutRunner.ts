// Drives one rollout: every (scaled) interval it reads the rollout from the cluster, takes or renews
// its lease, decides (readiness, a check, the alerts, a promotion or rollback step), writes the new
// state with the resourceVersion it read, then makes the cluster match it. Only the lease holder
// writes; other cockpits observe. Ticks never overlap, and a person's command runs between them.
import { claimLease, viewLease, type LeaseView } from '../lease';
import { type CheckRecord, isActive, type RolloutState } from '../rolloutState';
import { abort, afterCheck, checkRecord, describeStatus, type Decision, failed, finished, pause, promoteNow, type Refusal, resume, scaledInterval, setWeight, started, windowFillsIn } from '../stateMachine';
import { clockTime } from '../rolloutText';
import { formatDuration } from '../durations';
import { scaledWindow } from '../gateQueries';
import { runCheck } from './checkReader';
import type { DriverEnv, RolloutKube } from './ports';
import { canaryReadiness, desiredWeight, ensureWeight, promote, recordOutcome, removeCanary, rollBack, type StepResult } from './reconcile';
import { readRecord, type RolloutRecord, writeRecord } from './rolloutRecord';

export interface RolloutSnapshot {
  context: string;
  namespace: string;
  /** The canary Deployment that holds the rollout. */
  canary: string;
  state?: RolloutState;
  checks: CheckRecord[];
  lease: LeaseView;
  /** This cockpit holds the lease and drives it. */
  driving: boolean;
  /** What it waits for now ("canary 1/3 ready", "primary 2/3 updated"). */
  waiting?: string;
  /** The last failure to reach the cluster, or why the state cannot be read. */
  error?: string;
  /** The Deployment is gone (promoted and removed, or deleted). */
  gone?: boolean;
}

export type Command =
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'abort' }
  | { kind: 'promote' }
  | { kind: 'setWeight'; weight: number };

export type CommandResult = { ok: true; note: string } | { ok: false; message: string };

/** The lease lasts three check intervals and never less than 30 s: a crashed cockpit is replaced that fast. */
export function leaseSeconds(s: RolloutState): number {
  return Math.max(30, 3 * scaledInterval(s));
}

export class RolloutRunner {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private lastWrittenVersion: string | undefined;
  private snapshotValue: RolloutSnapshot;
  private readonly abortAll = new AbortController();

  constructor(
    private readonly kube: RolloutKube,
    private readonly env: DriverEnv,
    readonly namespace: string,
    readonly canary: string,
    private readonly onSnapshot: (s: RolloutSnapshot) => void,
  ) {
    this.snapshotValue = { context: kube.context, namespace, canary, checks: [], lease: { kind: 'free' }, driving: false };
  }

  get snapshot(): RolloutSnapshot {
    return this.snapshotValue;
  }

  start(): void {
    this.schedule(0);
  }

  /** A watch event: show it at once; act soon when someone else changed it. */
  observed(record: RolloutRecord): void {
    this.publish({ state: record.state, checks: record.checks, lease: viewLease(record.lease, this.env.identity, this.env.now()), error: undefined });
    if (record.resourceVersion !== this.lastWrittenVersion && isActive(record.state.status)) this.schedule(50);
  }

  /** Stops driving; with `release`, hands the lease back so another cockpit takes over at once. */
  async stop(release: boolean): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.serial(async () => {
      if (!release || !this.snapshotValue.driving) return;
      const read = await readRecord(this.kube, this.namespace, this.canary);
      if (read.ok && read.value.lease?.holder === this.env.identity) await writeRecord(this.kube, this.namespace, this.canary, read.value.resourceVersion, { state: read.value.state, lease: null });
    }).catch(() => undefined);
    this.abortAll.abort();
  }

  /** A person's command, applied to the state read fresh (retried on a conflicting write). */
  command(cmd: Command, by: string): Promise<CommandResult> {
    return this.serial(async () => {
      for (let attempt = 0; attempt < 3; attempt++) {
        const read = await readRecord(this.kube, this.namespace, this.canary);
        if (!read.ok) return { ok: false, message: read.error.kind === 'gone' ? 'the canary is gone' : read.error.kind === 'unreadable' ? read.error.why : read.error.error.message };
        const now = this.env.now();
        const d = apply(cmd, read.value.state, by, now);
        if ('refused' in d) return { ok: false, message: d.refused };
        const w = await writeRecord(this.kube, this.namespace, this.canary, read.value.resourceVersion, { state: d.state, checks: [...read.value.checks, note(read.value.state, now, d.note ?? cmd.kind)] });
        if (!w.ok) {
          if (w.error.kind === 'conflict') continue;
          return { ok: false, message: w.error.message };
        }
        this.lastWrittenVersion = w.value.resourceVersion;
        this.audit(d.state, `canary ${cmd.kind}`, d.note ?? cmd.kind);
        this.publish({ state: w.value.state, checks: w.value.checks });
        // Act now whoever holds the lease: the steps are idempotent and the holder's next tick sees the same state.
        await this.reconcile(w.value);
        this.schedule(0);
        return { ok: true, note: d.note ?? cmd.kind };
      }
      return { ok: false, message: 'the rollout kept changing under the command; try again' };
    });
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.serial(() => this.tick()).then((next) => {
        if (typeof next === 'number') this.schedule(next);
      });
    }, ms);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private publish(part: Partial<RolloutSnapshot>): void {
    this.snapshotValue = { ...this.snapshotValue, ...part };
    this.onSnapshot(this.snapshotValue);
  }

  /** One round; resolves with the delay to the next one (undefined: stop). */
  private async tick(): Promise<number | undefined> {
    if (this.stopped) return undefined;
    const signal = this.abortAll.signal;
    const read = await readRecord(this.kube, this.namespace, this.canary, signal);
    if (!read.ok) {
      if (read.error.kind === 'gone') {
        this.publish({ gone: true, driving: false });
        return undefined;
      }
      if (read.error.kind === 'unreadable') {
        // Fail safe: a state nobody can read is not driven; the view says why.
        this.publish({ error: read.error.why, driving: false });
        return 30_000;
      }
      this.publish({ error: `${read.error.error.message}. ${read.error.error.hint}` });
      return 5_000;
    }
    let rec = read.value;
    const now = this.env.now();
    if (!isActive(rec.state.status)) {
      this.publish({ state: rec.state, checks: rec.checks, lease: viewLease(rec.lease, this.env.identity, now), driving: false, waiting: undefined, error: undefined });
      return undefined;
    }
    if (this.env.mayDrive && !this.env.mayDrive()) {
      this.publish({ state: rec.state, checks: rec.checks, lease: viewLease(rec.lease, this.env.identity, now), driving: false, waiting: 'read-only mode: this window only watches', error: undefined });
      return Math.max(1000, scaledInterval(rec.state) * 1000);
    }
    const lease = claimLease(rec.lease, this.env.identity, now, leaseSeconds(rec.state));
    if (!lease) {
      const view = viewLease(rec.lease, this.env.identity, now);
      this.publish({ state: rec.state, checks: rec.checks, lease: view, driving: false, error: undefined });
      return Math.max(1000, Math.min(view.kind === 'held' ? view.expiresInSeconds * 1000 + 100 : 1000, scaledInterval(rec.state) * 1000));
    }

    const before = rec.state;
    let state = rec.state;
    let checks = rec.checks;
    let waiting: string | undefined;
    const intervalMs = scaledInterval(state) * 1000;
    if (state.status === 'starting') {
      const ready = await canaryReadiness(this.kube, state, now, signal);
      if (ready.kind === 'done') ({ state } = started(state, now));
      else if (ready.kind === 'failed') ({ state } = rollbackDecision(state, `rolled back ${clockTime(now)}: ${ready.why}`, now));
      else if (ready.kind === 'waiting') waiting = ready.why;
      else return this.kubeError(ready);
    } else if ((state.status === 'running' || state.status === 'paused') && windowFillsIn(state, now) > 0) {
      waiting = `the first ${formatDuration(scaledWindow(state.plan, state.timeScale))} window fills with the canary's own traffic`;
    } else if ((state.status === 'running' || state.status === 'paused') && due(state, now)) {
      const check = await runCheck(state, this.env.metrics, signal);
      let notes: string[] = [];
      if (state.status === 'running' && this.env.alerts) {
        const firing = await this.env.alerts.firingFor({ context: this.kube.context, namespace: state.target.namespace, service: state.target.service, deployment: state.target.deployment }, signal);
        if (firing?.length) {
          const a = firing[0];
          const p = pause(state, 'alert', `alert ${a.name}${a.severity ? ` (${a.severity})` : ''} firing for ${state.target.service}${firing.length > 1 ? ` and ${firing.length - 1} more` : ''}`, now);
          if (!('refused' in p)) {
            state = p.state;
            notes.push(p.note ?? 'paused by an alert');
          }
        }
      }
      const d = afterCheck(state, check, this.env.now());
      if (d.note) notes = [...notes, d.note];
      checks = [...checks, checkRecord(state, check, now, notes.join('; ') || undefined)];
      state = d.state;
    }

    const w = await writeRecord(this.kube, this.namespace, this.canary, rec.resourceVersion, { state, lease, checks }, signal);
    if (!w.ok) {
      if (w.error.kind === 'conflict') return 100; // someone wrote first: read again and decide on what is there now
      return this.kubeError({ kind: 'error', error: w.error });
    }
    rec = w.value;
    this.lastWrittenVersion = rec.resourceVersion;
    this.auditTransition(before, rec.state);
    this.publish({ state: rec.state, checks: rec.checks, lease: viewLease(lease, this.env.identity, now), driving: true, waiting, error: undefined, gone: false });

    const step = await this.reconcile(rec);
    if (step?.kind === 'waiting') this.publish({ waiting: step.why });
    if (step?.kind === 'error') return this.kubeError(step);
    const status = this.snapshotValue.state?.status;
    if (!status || !isActive(status)) return undefined;
    if (status === 'starting' || status === 'promoting' || status === 'rollingBack') return Math.min(1000, intervalMs);
    const current = this.snapshotValue.state ?? state;
    const fills = windowFillsIn(current, this.env.now()) * 1000;
    if (fills > 0) return Math.max(100, Math.min(fills + 50, (leaseSeconds(state) * 1000) / 3));
    const sinceCheck = current.lastCheckAt ? this.env.now() - Date.parse(current.lastCheckAt) : intervalMs;
    return Math.max(100, Math.min(intervalMs - sinceCheck, (leaseSeconds(state) * 1000) / 3));
  }

  /** Brings the cluster to the state; finishes rollbacks and promotions (writing their end). */
  private async reconcile(rec: RolloutRecord): Promise<StepResult | undefined> {
    const s = rec.state;
    const signal = this.abortAll.signal;
    if (s.status === 'rollingBack') {
      const r = await rollBack(this.kube, s, signal);
      if (r.kind !== 'done') return r;
      return this.finish(rec, finished(s, 'rolledBack', this.env.now()), false);
    }
    if (s.status === 'promoting') {
      const r = await promote(this.kube, s, signal);
      if (r.kind === 'failed') return this.finish(rec, failed(s, r.why, this.env.now()), false);
      if (r.kind !== 'done') return r;
      return this.finish(rec, finished(s, 'promoted', this.env.now()), true);
    }
    const w = desiredWeight(s);
    if (w === undefined) return undefined;
    const r = await ensureWeight(this.kube, s, w, signal);
    if (r.kind === 'failed') {
      const d = rollbackDecision(s, `rolled back ${clockTime(this.env.now())}: ${r.why}`, this.env.now());
      return this.finish(rec, d.state, false, true);
    }
    return r;
  }

  /** Writes the end (or a forced rollback), records the outcome on the primary, removes the canary after a promotion. */
  private async finish(rec: RolloutRecord, end: RolloutState, removeAfter: boolean, thenReconcile = false): Promise<StepResult> {
    const signal = this.abortAll.signal;
    const w = await writeRecord(this.kube, this.namespace, this.canary, rec.resourceVersion, { state: end, lease: null }, signal);
    if (!w.ok) return w.error.kind === 'conflict' ? { kind: 'waiting', why: 'the rollout changed; reading it again' } : { kind: 'error', error: w.error };
    this.lastWrittenVersion = w.value.resourceVersion;
    this.auditTransition(rec.state, end);
    this.publish({ state: end, checks: w.value.checks, driving: false, waiting: undefined, lease: { kind: 'free' } });
    if (thenReconcile) return (await this.reconcile(w.value)) ?? { kind: 'done' };
    if (!isActive(end.status)) await recordOutcome(this.kube, end, signal);
    if (removeAfter) {
      const r = await removeCanary(this.kube, end, signal);
      if (r.kind !== 'done') return r;
    }
    return { kind: 'done' };
  }

  private kubeError(step: Extract<StepResult, { kind: 'error' }>): number {
    this.publish({ error: `${step.error.message}${step.error.hint ? `. ${step.error.hint}` : ''}` });
    return 5_000;
  }

  private auditTransition(before: RolloutState, after: RolloutState): void {
    if (before.status !== after.status) {
      const what = after.status === 'rollingBack' || after.status === 'rolledBack' ? 'canary rollback' : after.status === 'promoting' || after.status === 'promoted' ? 'canary promote' : `canary ${describeStatus(after.status)}`;
      this.audit(after, what, `${describeStatus(before.status)} → ${describeStatus(after.status)}${after.reason ? `: ${after.reason}` : after.pause ? `: ${after.pause.reason}` : ''}`);
    } else if (before.phase !== after.phase) {
      this.audit(after, 'canary advance', `phase ${after.phase + 1}/${after.plan.phases.length} at ${after.weight} %`);
    }
  }

  private audit(s: RolloutState, action: string, detail: string): void {
    this.env.audit.record({ context: this.kube.context, namespace: s.target.namespace, object: `deployment/${s.target.deployment}`, action, outcome: 'succeeded', detail: `${detail} (${s.target.image}, driven by ${this.env.identity})` });
  }
}

function due(s: RolloutState, now: number): boolean {
  if (!s.lastCheckAt) return true;
  return now - Date.parse(s.lastCheckAt) >= scaledInterval(s) * 1000 - 50;
}

function rollbackDecision(s: RolloutState, reason: string, now: number): Decision {
  return { state: { ...s, status: 'rollingBack', reason, updatedAt: new Date(now).toISOString() }, actions: [{ kind: 'rollback' }] };
}

function apply(cmd: Command, s: RolloutState, by: string, now: number): Decision | Refusal {
  switch (cmd.kind) {
    case 'pause':
      return pause(s, 'user', `paused by ${by}`, now);
    case 'resume':
      return resume(s, now);
    case 'abort':
      return abort(s, by, now);
    case 'promote':
      return promoteNow(s, by, now);
    case 'setWeight':
      return setWeight(s, cmd.weight, by, now);
  }
}

/** A command's row in the check table, so the history shows who did what between checks. */
function note(s: RolloutState, now: number, text: string): CheckRecord {
  return { at: new Date(now).toISOString(), phase: s.phase, weight: s.weight, kind: 'event', gates: [], action: text };
}
