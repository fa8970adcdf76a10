// One check against Prometheus: the canary's request count, then every gate for the canary and the
// primary over the same (time-scaled) window, all at once; the answers become the check's verdicts.
import type { CanaryGate } from '../canaryPlan';
import { expandQuery, type QueryTarget, type Track } from '../gateQueries';
import type { RolloutState } from '../rolloutState';
import { formatCount, formatValue } from '../rolloutText';
import { type CheckResult, evaluateCheck, readScalar } from '../verdicts';
import type { MetricsPort } from './ports';

export function queryTarget(s: RolloutState): QueryTarget {
  return { namespace: s.target.namespace, service: s.target.service, ingress: s.target.ingress, deployment: s.target.deployment };
}

/** The exact PromQL a gate runs for one track of this rollout (for the panel's "open query"). */
export function gateQuery(s: RolloutState, gate: CanaryGate, track: Track): string {
  return expandQuery(gate.query, queryTarget(s), track, s.plan, s.timeScale);
}

export function requestsQuery(s: RolloutState, track: Track): string {
  return expandQuery(s.plan.requestsQuery, queryTarget(s), track, s.plan, s.timeScale);
}

export async function runCheck(s: RolloutState, metrics: MetricsPort, signal?: AbortSignal): Promise<CheckResult> {
  const plan = s.plan;
  const ask = async (q: string) => readScalar(await metrics.query(q, signal));
  const [requests, ...gateReadings] = await Promise.all([
    ask(requestsQuery(s, 'canary')),
    ...plan.gates.map(async (g) => {
      const [canary, primary] = await Promise.all([ask(gateQuery(s, g, 'canary')), ask(gateQuery(s, g, 'primary'))]);
      return { canary, primary };
    }),
  ]);
  return evaluateCheck(
    plan.gates,
    plan.phases[s.phase]?.thresholds ?? {},
    plan.minRequests,
    { requests, gates: gateReadings as { canary: typeof requests; primary: typeof requests }[] },
    (g, v) => formatValue(g.unit, v),
    formatCount,
  );
}
