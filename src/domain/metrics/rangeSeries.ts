// Range queries for charts: a matrix as PromqlSeries (NaN/±Inf as gaps), label values escaped for PromQL, and the
// window a panel asks for (start, end, step) from a range and "now".
import type { ServiceError } from '../../clients/http/serviceError';
import type { PrometheusClient } from '../../clients/prometheus/prometheusClient';
import type { Result } from '../../core/result';
import type { PromqlSeries } from '../../shared/runbookOutput';

export interface QueryWindow {
  /** Unix seconds. */
  start: number;
  end: number;
  stepSeconds: number;
}

/** A label value inside "…" of a PromQL selector. */
export function promString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** A PromQL duration for a number of seconds ("90s", "5m", "6h", "30d"). */
export function promDuration(seconds: number): string {
  const s = Math.max(1, Math.round(seconds));
  if (s % 86_400 === 0) return `${s / 86_400}d`;
  if (s % 3600 === 0) return `${s / 3600}h`;
  if (s % 60 === 0) return `${s / 60}m`;
  return `${s}s`;
}

export async function rangeSeries(prometheus: PrometheusClient, expr: string, w: QueryWindow, signal?: AbortSignal): Promise<Result<PromqlSeries[], ServiceError>> {
  const r = await prometheus.queryRange(expr, { start: new Date(w.start * 1000), end: new Date(w.end * 1000), stepSeconds: w.stepSeconds, ...(signal ? { signal } : {}) });
  if (!r.ok) return r;
  if (r.value.resultType !== 'matrix') return { ok: true, value: [] };
  return {
    ok: true,
    value: r.value.result.map((s) => ({
      labels: s.metric,
      values: s.values.map(([t, v]): [number, number | null] => {
        const n = Number(v);
        return [t, Number.isFinite(n) ? n : null];
      }),
    })),
  };
}

/** An instant query's vector as label sets and numbers (NaN/±Inf dropped: they are not a measurement). */
export async function instantValues(prometheus: PrometheusClient, expr: string, at: Date, signal?: AbortSignal): Promise<Result<Array<{ labels: Record<string, string>; value: number }>, ServiceError>> {
  const r = await prometheus.query(expr, { time: at, ...(signal ? { signal } : {}) });
  if (!r.ok) return r;
  if (r.value.resultType === 'scalar') {
    const n = Number(r.value.result[1]);
    return { ok: true, value: Number.isFinite(n) ? [{ labels: {}, value: n }] : [] };
  }
  if (r.value.resultType !== 'vector') return { ok: true, value: [] };
  return { ok: true, value: r.value.result.map((s) => ({ labels: s.metric, value: Number(s.value[1]) })).filter((s) => Number.isFinite(s.value)) };
}
