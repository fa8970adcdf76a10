// A rollout's state as it lives in the cluster: JSON in annotations of the canary Deployment (the
// state, the lease, the recent checks), so any cockpit — this window after a restart, another window,
// a colleague's — reads the same rollout. Decoding is strict: a state it cannot read is not driven.
import type { CanaryPlan } from './canaryPlan';
import type { CheckKind, VerdictKind } from './verdicts';

export const ANNOTATION_PREFIX = 'rollouts.phoenix-ops.io';
export const STATE_ANNOTATION = `${ANNOTATION_PREFIX}/state`;
export const LEASE_ANNOTATION = `${ANNOTATION_PREFIX}/lease`;
export const CHECKS_ANNOTATION = `${ANNOTATION_PREFIX}/checks`;
/** On the primary: the outcome of its last canary (the canary objects may be gone). */
export const LAST_ROLLOUT_ANNOTATION = `${ANNOTATION_PREFIX}/last-rollout`;
/** Label on the canary objects the cockpit created or adopted: the primary's name. */
export const CANARY_OF_LABEL = `${ANNOTATION_PREFIX}/canary-of`;

export type RolloutStatus =
  | 'starting' // canary scaled up, waiting for it to be ready (weight 0)
  | 'running'
  | 'paused' // holds its weight; checks still run and a failing one still rolls back
  | 'promoting' // the primary takes the canary's template
  | 'promoted'
  | 'rollingBack'
  | 'rolledBack'
  | 'failed'; // something the cockpit could not finish (e.g. the primary's rollout stalled while promoting)

export const ACTIVE_STATUSES: readonly RolloutStatus[] = ['starting', 'running', 'paused', 'promoting', 'rollingBack'];
export const isActive = (s: RolloutStatus): boolean => ACTIVE_STATUSES.includes(s);

export interface RolloutTarget {
  namespace: string;
  /** The primary deployment. */
  deployment: string;
  container: string;
  image: string;
  /** The primary's image when the rollout started (what a rollback keeps serving). */
  previousImage: string;
  /** The main Service and Ingress ($service, $ingress). */
  service: string;
  ingress: string;
}

export interface CanaryObjects {
  deployment: string;
  service: string;
  ingress: string;
  /** Which of them the cockpit created (removed on promote) rather than adopted (returned to idle). */
  created: ('deployment' | 'service' | 'ingress')[];
}

export interface PauseInfo {
  by: 'user' | 'alert';
  reason: string;
  at: string;
}

export interface RolloutState {
  version: 1;
  id: string;
  target: RolloutTarget;
  canary: CanaryObjects;
  plan: CanaryPlan;
  /** Hold times, intervals and windows are multiplied by it (phoenixOps.rollouts.timeScale when started). */
  timeScale: number;
  status: RolloutStatus;
  /** 0-based index into plan.phases. */
  phase: number;
  /** The canary-weight last written. */
  weight: number;
  phaseStartedAt: string;
  /** When the canary first got traffic in this rollout: no check window may reach back before it. */
  servingSince?: string;
  /** Start of the current run of passing checks in this phase; unset after any check that did not pass. */
  passingSince?: string;
  failedChecks: number;
  /** Consecutive checks that were neither pass nor fail. */
  inconclusiveChecks: number;
  lastCheckAt?: string;
  lastCheck?: CheckKind;
  pause?: PauseInfo;
  /** Why it ended, or why it is rolling back, in words and figures. */
  reason?: string;
  startedAt: string;
  startedBy: string;
  updatedAt: string;
  endedAt?: string;
}

/** One check as kept in the cluster and shown in the panel's table ('event': a person's command between checks). */
export interface CheckRecord {
  at: string;
  phase: number;
  weight: number;
  kind: CheckKind | 'event';
  requests?: number;
  gates: { gate: string; kind: VerdictKind; value?: number; primary?: number; threshold: number; detail: string }[];
  /** What the driver did after it: "advanced to 20 %", "rolled back", "paused: alert …". */
  action?: string;
}

/** At most this many checks are kept in the annotation (a 40-minute plan at 1 check a minute needs 40). */
export const MAX_CHECKS_KEPT = 240;

export function encodeState(s: RolloutState): string {
  return JSON.stringify(s);
}

const STATUSES: readonly RolloutStatus[] = ['starting', 'running', 'paused', 'promoting', 'promoted', 'rollingBack', 'rolledBack', 'failed'];

/** The state from its annotation, or why it cannot be read (then nobody drives it and the view says so). */
export function decodeState(text: string | undefined): { ok: true; state: RolloutState } | { ok: false; why: string } {
  if (!text) return { ok: false, why: 'no rollout state' };
  let v: Partial<RolloutState>;
  try {
    v = JSON.parse(text) as Partial<RolloutState>;
  } catch {
    return { ok: false, why: 'the rollout state annotation is not JSON' };
  }
  if (v.version !== 1) return { ok: false, why: `unknown rollout state version ${String(v.version)}` };
  const problems: string[] = [];
  if (!v.target || typeof v.target.deployment !== 'string' || typeof v.target.namespace !== 'string') problems.push('target');
  if (!v.canary || typeof v.canary.deployment !== 'string' || typeof v.canary.ingress !== 'string') problems.push('canary');
  if (!v.plan || !Array.isArray(v.plan.phases) || v.plan.phases.length === 0 || !Array.isArray(v.plan.gates)) problems.push('plan');
  if (!STATUSES.includes(v.status as RolloutStatus)) problems.push('status');
  if (typeof v.phase !== 'number' || !Number.isInteger(v.phase) || v.phase < 0 || (v.plan?.phases && v.phase >= v.plan.phases.length)) problems.push('phase');
  if (typeof v.weight !== 'number' || v.weight < 0 || v.weight > 100) problems.push('weight');
  if (typeof v.timeScale !== 'number' || !(v.timeScale > 0)) problems.push('timeScale');
  if (typeof v.failedChecks !== 'number' || typeof v.inconclusiveChecks !== 'number') problems.push('check counters');
  if (typeof v.phaseStartedAt !== 'string' || Number.isNaN(Date.parse(v.phaseStartedAt))) problems.push('phaseStartedAt');
  if (problems.length) return { ok: false, why: `the rollout state is damaged (${problems.join(', ')})` };
  return { ok: true, state: v as RolloutState };
}

export function encodeChecks(checks: readonly CheckRecord[]): string {
  return JSON.stringify(checks.slice(-MAX_CHECKS_KEPT));
}

export function decodeChecks(text: string | undefined): CheckRecord[] {
  if (!text) return [];
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? (v.filter((c) => typeof c === 'object' && c !== null && typeof (c as CheckRecord).at === 'string') as CheckRecord[]) : [];
  } catch {
    return [];
  }
}

/** The outcome kept on the primary after a canary ends. */
export interface LastRollout {
  image: string;
  plan: string;
  status: RolloutStatus;
  reason?: string;
  startedAt: string;
  endedAt: string;
  startedBy: string;
  /** The figures the Rollouts view keeps showing after the canary is gone (absent in outcomes written before them). */
  previousImage?: string;
  /** Phases reached of the plan's phases (5 of 5 for a full promotion, 2 of 5 when promoted early). */
  phasesDone?: number;
  phases?: number;
  /** The weight of the last phase reached, and the failed checks it had when it ended. */
  weight?: number;
  failedChecks?: number;
}

/** The outcome annotation of a primary, or undefined when it is missing or not one (never throws). */
export function decodeLastRollout(text: string | undefined): LastRollout | undefined {
  if (!text) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Partial<Record<keyof LastRollout, unknown>>;
  if (typeof o.image !== 'string' || typeof o.plan !== 'string' || !STATUSES.includes(o.status as RolloutStatus) || typeof o.endedAt !== 'string' || Number.isNaN(Date.parse(o.endedAt))) return undefined;
  const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : undefined);
  const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
  const out: LastRollout = { image: o.image, plan: o.plan, status: o.status as RolloutStatus, startedAt: str(o.startedAt) ?? o.endedAt, endedAt: o.endedAt, startedBy: str(o.startedBy) ?? '' };
  const extra = { reason: str(o.reason), previousImage: str(o.previousImage), phasesDone: num(o.phasesDone), phases: num(o.phases), weight: num(o.weight), failedChecks: num(o.failedChecks) };
  for (const [k, x] of Object.entries(extra)) if (x !== undefined) (out as unknown as Record<string, unknown>)[k] = x;
  return out;
}
