// A rollout state and check results to drive the state machine with in tests.
import { parsePlan } from '../../../../src/domain/rollouts/planParser';
import type { RolloutState } from '../../../../src/domain/rollouts/rolloutState';
import { GUIDE_001_PLAN } from '../../../../src/domain/rollouts/shippedPlans';
import type { CheckResult, GateVerdict } from '../../../../src/domain/rollouts/verdicts';

export const T0 = Date.parse('2026-12-03T10:00:00Z');
export const at = (seconds: number): number => T0 + seconds * 1000;

export function guide001(): RolloutState['plan'] {
  const r = parsePlan(GUIDE_001_PLAN);
  if (!r.ok) throw new Error('guide 001 plan does not parse');
  return r.plan;
}

/** A rollout of guide 001 that has just reached its first phase at T0. */
export function runningState(over: Partial<RolloutState> = {}): RolloutState {
  const iso = new Date(T0).toISOString();
  return {
    version: 1,
    id: 'r1',
    target: { namespace: 'phoenix-system', deployment: 'platform-api', container: 'platform-api', image: 'ghcr.io/phoenix/platform-api:1.9.0', previousImage: 'ghcr.io/phoenix/platform-api:1.8.2', service: 'platform-api', ingress: 'platform-api' },
    canary: { deployment: 'platform-api-canary', service: 'platform-api-canary', ingress: 'platform-api-canary', created: [] },
    plan: guide001(),
    timeScale: 1,
    status: 'running',
    phase: 0,
    weight: 5,
    phaseStartedAt: iso,
    passingSince: iso,
    failedChecks: 0,
    inconclusiveChecks: 0,
    startedAt: iso,
    startedBy: 'alice',
    updatedAt: iso,
    ...over,
  };
}

const verdict = (kind: GateVerdict['kind'], gate = 'p95-latency', detail = kind === 'fail' ? '142 ms ≥ 100 ms' : '80 ms < 100 ms'): GateVerdict => ({ gate, kind, threshold: 0.1, detail, value: 0.142 });

export const PASS: CheckResult = { kind: 'pass', requests: 1204, verdicts: [verdict('pass', 'error-ratio', '0 % < 0.1 %'), verdict('pass')] };
export const FAIL: CheckResult = { kind: 'fail', requests: 1204, verdicts: [verdict('pass', 'error-ratio', '0 % < 0.1 %'), verdict('fail')] };
export const NO_DATA: CheckResult = { kind: 'inconclusive', verdicts: [verdict('noData', 'error-ratio', 'no data: Cannot reach Prometheus'), verdict('noData', 'p95-latency', 'no data: Cannot reach Prometheus')] };
