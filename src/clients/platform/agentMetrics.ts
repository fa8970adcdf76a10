// The agent fleet as Prometheus sees it: phoenix_agent_last_seen_seconds per host_id (guide 003), the series the AgentDown rule reads.
import { err, ok, type Result } from '../../core/result';
import type { ServiceError } from '../http/serviceError';
import type { PrometheusClient } from '../prometheus/prometheusClient';

/** The AgentDown rule's own left-hand side, so the view and the alert agree on an agent's age (Prometheus' clock, not ours). */
export const AGENT_AGE_QUERY = 'time() - max by (host_id) (phoenix_agent_last_seen_seconds)';

export interface AgentLastSeen {
  hostId: string;
  /** Seconds since the agent's last poll, by Prometheus' clock. */
  ageSeconds: number;
}

export async function fetchAgentAges(prom: Pick<PrometheusClient, 'query'>, signal?: AbortSignal): Promise<Result<AgentLastSeen[], ServiceError>> {
  const r = await prom.query(AGENT_AGE_QUERY, { ...(signal ? { signal } : {}) });
  if (!r.ok) return r;
  if (r.value.resultType !== 'vector') return err({ kind: 'invalidResponse', service: 'Prometheus', message: `expected a vector, got ${r.value.resultType}`, hint: '' });
  return ok(
    r.value.result
      .filter((s) => s.metric.host_id)
      .map((s) => ({ hostId: s.metric.host_id, ageSeconds: Math.max(0, Number(s.value[1])) }))
      .sort((a, b) => a.hostId.localeCompare(b.hostId)),
  );
}
