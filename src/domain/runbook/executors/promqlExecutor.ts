// PromQL cells: an instant query, or a range query when the attributes give one (range=1h step=30s), against
// the configured Prometheus; Prometheus' own message for a bad query.
import type { PrometheusClient, QueryData } from '../../../clients/prometheus/prometheusClient';
import type { ServiceError } from '../../../clients/http/serviceError';
import { type PromqlResultPayload, RUNBOOK_MIME } from '../../../shared/runbookOutput';
import { fillTemplate } from '../placeholders';
import type { CellExecution, CellExecutor, ExecutionResult } from './executor';
import { timeoutMessage } from './executor';

export interface PromqlExecutorDeps {
  /** A client for the configured Prometheus (or the cell's prometheus= URL), or why there is none. */
  client(urlOverride: string | undefined, timeoutMs: number): PrometheusClient | ServiceError;
  now?(): Date;
}

export class PromqlExecutor implements CellExecutor {
  constructor(private readonly deps: PromqlExecutorDeps) {}

  async run(cell: CellExecution): Promise<ExecutionResult> {
    const client = this.deps.client(cell.options.prometheus, cell.timeoutMs);
    if (!('query' in client)) return this.fail(cell, client);
    // Values go into PromQL string literals escaped; the query is read-only whatever they hold.
    const expr = fillTemplate(stripComments(cell.text), cell.variables, (v) => v.replace(/[\\"]/g, '\\$&')).trim();
    if (!expr) {
      cell.out.text('stderr', 'Nothing to run: the cell holds no PromQL expression.\n');
      return { outcome: 'failed', message: 'no PromQL expression' };
    }
    const started = Date.now();
    const end = this.deps.now?.() ?? new Date();
    const range = cell.options.rangeMs;
    const stepSeconds = range ? Math.max(1, (cell.options.stepMs ?? Math.max(1000, Math.round(range / 240))) / 1000) : 0;
    const r = range
      ? await client.queryRange(expr, { start: new Date(end.getTime() - range), end, stepSeconds, signal: cell.signal })
      : await client.query(expr, { time: end, signal: cell.signal });
    if (!r.ok) return this.fail(cell, r.error);
    const payload = toPayload(expr, r.value, Date.now() - started, range ? { start: end.getTime() / 1000 - range / 1000, end: end.getTime() / 1000, stepSeconds } : undefined);
    cell.out.data(RUNBOOK_MIME.promql, payload, textResult(payload));
    return { outcome: 'succeeded' };
  }

  private fail(cell: CellExecution, e: ServiceError): ExecutionResult {
    if (e.kind === 'cancelled') {
      const timedOut = cell.signal.reason instanceof Error && cell.signal.reason.name === 'TimeoutError';
      return timedOut ? { outcome: 'timedOut', message: timeoutMessage(cell.timeoutMs) } : { outcome: 'cancelled' };
    }
    cell.out.text('stderr', `${e.kind === 'badRequest' ? 'Prometheus rejected the query: ' : ''}${e.message}\n${e.hint ? `${e.hint}\n` : ''}`);
    return { outcome: 'failed', message: e.message };
  }
}

function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n');
}

function num(v: string): number | null {
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function toPayload(expr: string, data: QueryData, durationMs: number, range: PromqlResultPayload['range']): PromqlResultPayload {
  const base = { kind: 'promql' as const, expr, resultType: data.resultType, durationMs, ...(range ? { range } : {}) };
  switch (data.resultType) {
    case 'vector':
      return { ...base, series: data.result.map((s) => ({ labels: s.metric, values: [[s.value[0], num(s.value[1])]] })) };
    case 'matrix':
      return { ...base, series: data.result.map((s) => ({ labels: s.metric, values: s.values.map(([t, v]) => [t, num(v)] as [number, number | null]) })) };
    default:
      return { ...base, series: [], scalar: data.result[1] };
  }
}

export function seriesName(labels: Record<string, string>): string {
  const name = labels.__name__ ?? '';
  const rest = Object.entries(labels)
    .filter(([k]) => k !== '__name__')
    .map(([k, v]) => `${k}="${v}"`)
    .join(', ');
  return rest ? `${name}{${rest}}` : name || '{}';
}

export function textResult(p: PromqlResultPayload): string {
  if (p.scalar !== undefined) return `${p.resultType}: ${p.scalar}\n`;
  if (!p.series.length) return 'no data (empty result)\n';
  return (
    p.series
      .map((s) => {
        const last = s.values[s.values.length - 1];
        return `${seriesName(s.labels)}  ${last?.[1] ?? 'NaN'}${p.range ? `  (${s.values.length} points)` : ''}`;
      })
      .join('\n') + '\n'
  );
}
