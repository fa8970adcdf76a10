// The rollout's decisions, pure: what a check result, a person's command or an alert does to the
// state, and which cluster actions follow. A phase advances only after its whole (scaled) hold with
// every check passing; a failed check counts toward the plan's threshold and rolls back when it is
// reached; checks with no usable answer hold the phase and, past the plan's limit, fail the rollout.
import type { CheckResult } from './verdicts';
import { formatDuration } from './durations';
import { type CheckRecord, isActive, type RolloutState, type RolloutStatus } from './rolloutState';
import { clockTime, failureSentence } from './rolloutText';
import { scaledWindow } from './gateQueries';

export type RolloutAction = { kind: 'setWeight'; weight: number } | { kind: 'rollback' } | { kind: 'promote' };

export interface Decision {
  state: RolloutState;
  actions: RolloutAction[];
  /** What happened, for the check's row and the log: "advanced to 20 %". */
  note?: string;
}

export type Refusal = { refused: string };

const iso = (ms: number): string => new Date(ms).toISOString();
const seconds = (a: string, bMs: number): number => (bMs - Date.parse(a)) / 1000;

export function scaledInterval(s: Pick<RolloutState, 'plan' | 'timeScale'>): number {
  return s.plan.intervalSeconds * s.timeScale;
}

export function scaledHold(s: Pick<RolloutState, 'plan' | 'timeScale'>, phase: number): number {
  return (s.plan.phases[phase]?.holdSeconds ?? 0) * s.timeScale;
}

/** Seconds of hold left in the current phase (the full hold while no passing run has started). */
export function phaseTimeLeft(s: RolloutState, nowMs: number): number {
  const hold = scaledHold(s, s.phase);
  if (!s.passingSince) return hold;
  return Math.max(0, hold - seconds(s.passingSince, nowMs));
}

function rollingBack(s: RolloutState, reason: string, nowMs: number): Decision {
  return { state: { ...s, status: 'rollingBack', reason, passingSince: undefined, updatedAt: iso(nowMs) }, actions: [{ kind: 'rollback' }], note: 'rolling back' };
}

/** Applies one check to a running or paused rollout. Other states ignore checks. */
export function afterCheck(state: RolloutState, check: CheckResult, nowMs: number): Decision {
  if (state.status !== 'running' && state.status !== 'paused') return { state, actions: [] };
  const at = iso(nowMs);
  let s: RolloutState = { ...state, lastCheckAt: at, lastCheck: check.kind, updatedAt: at };
  const notes: string[] = [];
  // Never move on stale knowledge: after a gap of more than two intervals, the hold starts again here.
  if (state.lastCheckAt && seconds(state.lastCheckAt, nowMs) > 2 * scaledInterval(state) && s.passingSince) {
    notes.push(`no check for ${formatDuration(seconds(state.lastCheckAt, nowMs))}: the hold starts again`);
    s.passingSince = undefined;
  }
  const weight = s.weight;
  const window = scaledWindow(s.plan, s.timeScale);
  if (check.kind === 'fail') {
    s = { ...s, failedChecks: s.failedChecks + 1, inconclusiveChecks: 0, passingSince: undefined };
    const failures = check.verdicts.filter((v) => v.kind === 'fail');
    const sentence = failureSentence(failures, window, weight, check.requests);
    if (s.failedChecks >= s.plan.failureThreshold) return rollingBack(s, `rolled back ${clockTime(nowMs)}: ${sentence}`, nowMs);
    notes.push(`failed check ${s.failedChecks} of ${s.plan.failureThreshold}: ${sentence}`);
    return { state: s, actions: [], note: notes.join('; ') };
  }
  if (check.kind === 'inconclusive') {
    s = { ...s, inconclusiveChecks: s.inconclusiveChecks + 1, passingSince: undefined };
    const first = check.verdicts.find((v) => v.kind !== 'pass');
    const why = first ? `${first.gate}: ${first.detail}` : 'no gates answered';
    if (s.inconclusiveChecks > s.plan.inconclusiveLimit) {
      return rollingBack(s, `rolled back ${clockTime(nowMs)}: ${s.inconclusiveChecks} checks in a row without a usable answer at ${weight} % (${why})`, nowMs);
    }
    notes.push(`held (${s.inconclusiveChecks} of ${s.plan.inconclusiveLimit} inconclusive): ${why}`);
    return { state: s, actions: [], note: notes.join('; ') };
  }
  s = { ...s, inconclusiveChecks: 0, passingSince: s.passingSince ?? at };
  if (s.status === 'paused') return { state: s, actions: [], note: notes.join('; ') || undefined };
  if (seconds(s.passingSince ?? at, nowMs) < scaledHold(s, s.phase)) return { state: s, actions: [], note: notes.join('; ') || undefined };
  const next = s.phase + 1;
  if (next >= s.plan.phases.length) {
    return { state: { ...s, status: 'promoting', reason: `promoted ${clockTime(nowMs)}: every phase held with every check passing` }, actions: [{ kind: 'promote' }], note: 'promoting' };
  }
  const w = s.plan.phases[next].weight;
  notes.push(`advanced to phase ${next + 1} (${w} %)`);
  return { state: { ...s, phase: next, weight: w, phaseStartedAt: at, passingSince: at }, actions: [{ kind: 'setWeight', weight: w }], note: notes.join('; ') };
}

/** The canary is ready: traffic starts at the first phase's weight. */
export function started(state: RolloutState, nowMs: number): Decision {
  if (state.status !== 'starting') return { state, actions: [] };
  const at = iso(nowMs);
  const w = state.plan.phases[0].weight;
  return { state: { ...state, status: 'running', phase: 0, weight: w, phaseStartedAt: at, servingSince: at, passingSince: at, updatedAt: at }, actions: [{ kind: 'setWeight', weight: w }], note: `canary ready: ${w} %` };
}

/**
 * Seconds until the first check window lies wholly after the canary started serving (0 when it
 * does). Before that the window would hold traffic of whatever served under the canary's name
 * before — a previous canary's last requests — so no check is made yet.
 */
export function windowFillsIn(s: RolloutState, nowMs: number): number {
  if (!s.servingSince) return 0;
  const filled = Date.parse(s.servingSince) + scaledWindow(s.plan, s.timeScale) * 1000;
  return Math.max(0, (filled - nowMs) / 1000);
}

export function pause(state: RolloutState, by: 'user' | 'alert', reason: string, nowMs: number): Decision | Refusal {
  if (state.status === 'paused') return state.pause?.by === by ? { state, actions: [] } : { state: { ...state, pause: { by, reason, at: iso(nowMs) } }, actions: [] };
  if (state.status !== 'running' && state.status !== 'starting') return { refused: `a ${describeStatus(state.status)} rollout cannot be paused` };
  return { state: { ...state, status: 'paused', pause: { by, reason, at: iso(nowMs) }, updatedAt: iso(nowMs) }, actions: [], note: `paused: ${reason}` };
}

export function resume(state: RolloutState, nowMs: number): Decision | Refusal {
  if (state.status !== 'paused') return { refused: `only a paused rollout resumes (this one is ${describeStatus(state.status)})` };
  const at = iso(nowMs);
  const phaseWeight = state.plan.phases[state.phase].weight;
  const base: RolloutState = { ...state, status: 'running', pause: undefined, updatedAt: at };
  if (state.weight !== phaseWeight) {
    // A person drove the weight by hand: the phase starts over at its own weight.
    return { state: { ...base, weight: phaseWeight, phaseStartedAt: at, passingSince: at }, actions: [{ kind: 'setWeight', weight: phaseWeight }], note: `resumed at ${phaseWeight} %` };
  }
  return { state: base, actions: [], note: 'resumed' };
}

/** A person sets the weight: the rollout pauses there (checks still guard it) until resumed. */
export function setWeight(state: RolloutState, weight: number, by: string, nowMs: number): Decision | Refusal {
  if (!Number.isInteger(weight) || weight < 0 || weight > 100) return { refused: `a weight is a whole percent from 0 to 100, not ${weight}` };
  if (state.status !== 'running' && state.status !== 'paused') return { refused: `the weight of a ${describeStatus(state.status)} rollout cannot be set` };
  const at = iso(nowMs);
  const reason = `weight set to ${weight} % by ${by}`;
  return { state: { ...state, status: 'paused', weight, passingSince: undefined, pause: { by: 'user', reason, at }, updatedAt: at }, actions: [{ kind: 'setWeight', weight }], note: reason };
}

export function promoteNow(state: RolloutState, by: string, nowMs: number): Decision | Refusal {
  if (state.status === 'starting') return { refused: 'the canary is not ready yet: nothing has been tried to promote' };
  if (state.status !== 'running' && state.status !== 'paused') return { refused: `a ${describeStatus(state.status)} rollout cannot be promoted` };
  const reason = `promoted early by ${by} ${clockTime(nowMs)} at phase ${state.phase + 1}/${state.plan.phases.length} (${state.weight} %)`;
  return { state: { ...state, status: 'promoting', reason, pause: undefined, updatedAt: iso(nowMs) }, actions: [{ kind: 'promote' }], note: reason };
}

export function abort(state: RolloutState, by: string, nowMs: number): Decision | Refusal {
  if (state.status === 'promoting') return { refused: 'the promotion has started: the primary is taking the new image. Roll the deployment back instead.' };
  if (!isActive(state.status)) return { refused: `the rollout is already ${describeStatus(state.status)}` };
  if (state.status === 'rollingBack') return { state, actions: [{ kind: 'rollback' }] };
  return rollingBack(state, `rolled back ${clockTime(nowMs)}: aborted by ${by} at phase ${state.phase + 1}/${state.plan.phases.length} (${state.weight} %)`, nowMs);
}

/** The cluster actions of a rollback or promotion are done. */
export function finished(state: RolloutState, outcome: 'rolledBack' | 'promoted', nowMs: number): RolloutState {
  const at = iso(nowMs);
  return { ...state, status: outcome, weight: 0, endedAt: at, updatedAt: at, pause: undefined };
}

export function failed(state: RolloutState, reason: string, nowMs: number): RolloutState {
  const at = iso(nowMs);
  return { ...state, status: 'failed', reason, endedAt: at, updatedAt: at };
}

export function describeStatus(s: RolloutStatus): string {
  return { starting: 'starting', running: 'running', paused: 'paused', promoting: 'promoting', promoted: 'promoted', rollingBack: 'rolling back', rolledBack: 'rolled back', failed: 'failed' }[s];
}

/** The check as a row of the table, with what the driver did after it. */
export function checkRecord(state: RolloutState, check: CheckResult, nowMs: number, action?: string): CheckRecord {
  return {
    at: iso(nowMs),
    phase: state.phase,
    weight: state.weight,
    kind: check.kind,
    ...(check.requests !== undefined ? { requests: check.requests } : {}),
    gates: check.verdicts.map((v) => ({ gate: v.gate, kind: v.kind, threshold: v.threshold, detail: v.detail, ...(v.value !== undefined ? { value: v.value } : {}), ...(v.primary !== undefined ? { primary: v.primary } : {}) })),
    ...(action ? { action } : {}),
  };
}
