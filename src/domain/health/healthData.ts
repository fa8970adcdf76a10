// The Service Health panel's data from Prometheus: golden signals over the selected range, the SLIs over the SLO
// window, burn rates over the multi-window alert windows, the error budget over time, firing alerts with their
// runbooks. One service (from a deployment) or a whole namespace. Queries run a few at a time.
import type { ServiceError } from '../../clients/http/serviceError';
import { notConfigured } from '../../clients/http/serviceError';
import type { PrometheusClient } from '../../clients/prometheus/prometheusClient';
import { err, ok, type Result } from '../../core/result';
import { runbookRef } from '../alerts/runbookLink';
import type { PromqlSeries } from '../../shared/runbookOutput';
import { instantValues, promDuration, promString, type QueryWindow, rangeSeries } from '../metrics/rangeSeries';
import type { SeriesResult } from '../cost/costData';
import { rangeWindow } from '../cost/costData';
import { availabilityBurnQuery, alertsQuery, bucketBounds, budgetRemainingQuery, goldenQueries, type HealthScope, latencyBurnQuery, rateWindowSeconds, selector, sliQueries } from './healthQueries';
import { type SloConfig, type ServiceSlo, sloFor } from './sloConfig';
import { BURN_WINDOWS, errorBudget, shareUnder } from './sloMath';

export type BurnKey = 'h1' | 'm5' | 'h6' | 'm30';
export const BURN_KEYS: ReadonlyArray<[BurnKey, number]> = [
  ['h1', BURN_WINDOWS.page.long],
  ['m5', BURN_WINDOWS.page.short],
  ['h6', BURN_WINDOWS.ticket.long],
  ['m30', BURN_WINDOWS.ticket.short],
];

export interface HealthRequest {
  context: string;
  namespace: string;
  /** A deployment: its service (app label) and its pods. Absent: the whole namespace. */
  deployment?: { name: string; service: string };
  rangeId: string;
}

/** Per service: the SLO window's event counts and latency buckets, and the burn rates now. */
export interface ServiceSli {
  service: string;
  slo: ServiceSlo;
  total?: number;
  errors?: number;
  /** Cumulative latency buckets over the SLO window. */
  buckets: Array<{ le: number; count: number }>;
  /** Unix seconds of the first data in the SLO window. */
  since?: number;
  availabilityBurn: Partial<Record<BurnKey, number>>;
  latencyBurn: Partial<Record<BurnKey, number>>;
}

export interface AlertRun {
  alertname: string;
  severity?: string;
  /** The series' other labels, for the band's words. */
  labels: Record<string, string>;
  from: number;
  /** Undefined: still firing at the end of the range. */
  to?: number;
  runbook?: string;
}

export interface HealthData {
  request: HealthRequest;
  scope: HealthScope;
  sloConfig: SloConfig;
  window: QueryWindow;
  rateWindow: number;
  golden: Record<keyof ReturnType<typeof goldenQueries>, SeriesResult>;
  /** Service view: burn rates over time and budget remaining over time. */
  availabilityBurn?: Record<BurnKey, SeriesResult>;
  latencyBurn?: Record<BurnKey, SeriesResult>;
  budget?: SeriesResult;
  /** The budget's own grid: the range at a coarser step (a 30-day window changes slowly). */
  budgetWindow?: QueryWindow;
  slis: ServiceSli[];
  alerts: AlertRun[];
  alertsQuery: string;
  problems: string[];
}

/** Runs `tasks` at most `limit` at a time (a panel refresh must not flood Prometheus). */
async function limited<T>(tasks: Array<() => Promise<T>>, limit = 6): Promise<T[]> {
  const out: T[] = new Array<T>(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await (tasks[i] as () => Promise<T>)();
      }
    }),
  );
  return out;
}

/**
 * Whether the metrics carry a `cluster` label (one Prometheus for several clusters, as in the sandbox): then the
 * context's name selects its cluster; without the label, Prometheus is the cluster's own and no filter is needed.
 */
async function clusterLabel(prom: PrometheusClient, context: string, namespace: string, signal?: AbortSignal): Promise<{ cluster?: string; problem?: string }> {
  const r = await instantValues(prom, `count by (cluster) (http_requests_total{namespace="${promString(namespace)}"})`, new Date(), signal);
  if (!r.ok) return {};
  const clusters = [...new Set(r.value.map((v) => v.labels.cluster).filter((c): c is string => !!c))];
  if (!clusters.length) return {};
  if (clusters.includes(context)) return { cluster: context };
  return { problem: `Prometheus has metrics of clusters ${clusters.join(', ')} but none labelled ${context}: showing all of them.` };
}

export async function loadHealth(prom: PrometheusClient | undefined, config: SloConfig, req: HealthRequest, nowMs: number, signal?: AbortSignal): Promise<Result<HealthData, ServiceError>> {
  if (!prom) return err(notConfigured('Prometheus', 'phoenixOps.prometheus.url'));
  const problems: string[] = [];
  const detected = await clusterLabel(prom, req.context, req.namespace, signal);
  if (detected.problem) problems.push(detected.problem);
  const scope: HealthScope = { namespace: req.namespace, ...(req.deployment ? { service: req.deployment.service, deployment: req.deployment.name } : {}), ...(detected.cluster ? { cluster: detected.cluster } : {}) };
  const window = rangeWindow(req.rangeId, nowMs);
  const rateWindow = rateWindowSeconds(window.stepSeconds);
  const at = new Date(window.end * 1000);
  let firstError: ServiceError | undefined;
  const note = (e: ServiceError) => {
    if (e.kind === 'cancelled') return;
    firstError ??= e;
    if (!problems.includes(e.message)) problems.push(e.message);
  };
  const range = async (expr: string, w: QueryWindow = window): Promise<SeriesResult> => {
    const r = await rangeSeries(prom, expr, w, signal);
    if (!r.ok) note(r.error);
    return { expr, series: r.ok ? r.value : [] };
  };
  const instant = async (expr: string) => {
    const r = await instantValues(prom, expr, at, signal);
    if (!r.ok) note(r.error);
    return r.ok ? r.value : [];
  };

  // Golden signals and the SLO window's counts.
  const g = goldenQueries(scope, rateWindow);
  const s = sliQueries(scope, config.windowDays);
  const keys = Object.keys(g) as Array<keyof typeof g>;
  const [goldenResults, [totals, errors, buckets, since, rules]] = await Promise.all([
    limited(keys.map((k) => () => range(g[k]))),
    Promise.all([instant(s.total), instant(s.errors), instant(s.buckets), instant(s.since), prom.rules({ type: 'alert', ...(signal ? { signal } : {}) })]),
  ]);
  // Everything failed the same way (Prometheus down): that is the panel's error, not a notice.
  if (firstError && goldenResults.every((r) => !r.series.length) && !totals.length) return err(firstError);
  const golden = Object.fromEntries(keys.map((k, i) => [k, goldenResults[i] ?? { expr: g[k], series: [] }])) as HealthData['golden'];

  const serviceOf = (labels: Record<string, string>) => scope.service ?? labels.service ?? '';
  const services = [...new Set([...totals.map((t) => serviceOf(t.labels)), ...(scope.service ? [scope.service] : [])])].filter(Boolean).sort();
  const slis: ServiceSli[] = services.map((service) => {
    const own = (v: { labels: Record<string, string> }) => serviceOf(v.labels) === service;
    return {
      service,
      slo: sloFor(config, service, req.namespace),
      ...(totals.find(own) ? { total: totals.find(own)?.value } : {}),
      ...(errors.find(own) ? { errors: errors.find(own)?.value } : { ...(totals.find(own) ? { errors: 0 } : {}) }),
      buckets: buckets.filter(own).map((b) => ({ le: b.labels.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(b.labels.le), count: b.value })),
      ...(since.find(own) ? { since: since.find(own)?.value } : {}),
      availabilityBurn: {},
      latencyBurn: {},
    };
  });
  const les = [...new Set(buckets.map((b) => b.labels.le).filter((le): le is string => !!le))];

  // Burn rates: over time for one service (charts), now for every service of a namespace (the table).
  let availabilityBurn: HealthData['availabilityBurn'];
  let latencyBurn: HealthData['latencyBurn'];
  let budget: SeriesResult | undefined;
  const budgetWindow: QueryWindow = { ...window, stepSeconds: Math.max(window.stepSeconds, 300) };
  if (scope.service) {
    const sli = slis[0];
    const slo = sli?.slo ?? sloFor(config, scope.service, req.namespace);
    const aBudget = errorBudget(slo.availability);
    const lBudget = errorBudget(slo.latency.percentile);
    const bounds = bucketBounds(les, slo.latency.thresholdMs / 1000);
    const tasks: Array<() => Promise<SeriesResult>> = [
      ...BURN_KEYS.map(([, secs]) => () => range(availabilityBurnQuery(scope, secs, aBudget))),
      ...BURN_KEYS.map(([, secs]) => () => (bounds ? range(latencyBurnQuery(scope, secs, lBudget, bounds)) : Promise.resolve({ expr: '', series: [] }))),
      // The budget over the SLO window changes slowly: a coarser step keeps this 30-day query cheap.
      () => range(budgetRemainingQuery(scope, config.windowDays, aBudget), budgetWindow),
    ];
    const r = await limited(tasks);
    availabilityBurn = Object.fromEntries(BURN_KEYS.map(([k], i) => [k, r[i] ?? { expr: '', series: [] }])) as Record<BurnKey, SeriesResult>;
    latencyBurn = Object.fromEntries(BURN_KEYS.map(([k], i) => [k, r[i + 4] ?? { expr: '', series: [] }])) as Record<BurnKey, SeriesResult>;
    budget = r[8];
    if (sli) {
      for (const [k] of BURN_KEYS) {
        const a = lastValue(availabilityBurn[k].series[0]);
        const l = lastValue(latencyBurn[k].series[0]);
        if (a !== undefined) sli.availabilityBurn[k] = a;
        if (l !== undefined) sli.latencyBurn[k] = l;
      }
    }
  } else {
    type Part = { k: BurnKey; kind: 'errors' | 'total' | 'buckets'; v: Array<{ labels: Record<string, string>; value: number }> };
    const tasks = BURN_KEYS.flatMap(([k, secs]): Array<() => Promise<Part>> => [
      async () => ({ k, kind: 'errors' as const, v: await instant(`sum by (service) (rate(http_requests_total${selector(scope, ['status=~"5.."'], false)}[${promDuration(secs)}]))`) }),
      async () => ({ k, kind: 'total' as const, v: await instant(`sum by (service) (rate(http_requests_total${selector(scope, [], false)}[${promDuration(secs)}]))`) }),
      async () => ({ k, kind: 'buckets' as const, v: await instant(`sum by (service, le) (rate(http_request_duration_seconds_bucket${selector(scope, [], false)}[${promDuration(secs)}]))`) }),
    ]);
    const r = await limited(tasks);
    for (const sli of slis) {
      for (const [k] of BURN_KEYS) {
        const pick = (kind: 'errors' | 'total' | 'buckets') => r.find((x) => x.k === k && x.kind === kind)?.v.filter((v) => v.labels.service === sli.service) ?? [];
        const total = pick('total')[0]?.value;
        if (total !== undefined && total > 0) sli.availabilityBurn[k] = (pick('errors')[0]?.value ?? 0) / total / errorBudget(sli.slo.availability);
        const share = shareUnder(
          pick('buckets').map((b) => ({ le: b.labels.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(b.labels.le), count: b.value })),
          sli.slo.latency.thresholdMs / 1000,
        );
        if (share !== undefined) sli.latencyBurn[k] = (1 - share) / errorBudget(sli.slo.latency.percentile);
      }
    }
  }

  const alertsExpr = alertsQuery(scope);
  const alertSeries = await range(alertsExpr);
  const runbooks = new Map<string, string>();
  if (rules.ok) for (const group of rules.value) for (const rule of group.rules) if (rule.type === 'alerting') {
    const ref = runbookRef(rule.annotations ?? {});
    if (ref) runbooks.set(rule.name, ref.link);
  }
  return ok({
    request: req,
    scope,
    sloConfig: config,
    window,
    rateWindow,
    golden,
    ...(availabilityBurn ? { availabilityBurn } : {}),
    ...(latencyBurn ? { latencyBurn } : {}),
    ...(budget ? { budget, budgetWindow } : {}),
    slis,
    alerts: alertRuns(alertSeries.series, window, runbooks),
    alertsQuery: alertsExpr,
    problems,
  });
}

export function lastValue(s: PromqlSeries | undefined): number | undefined {
  if (!s) return undefined;
  for (let i = s.values.length - 1; i >= 0; i--) {
    const v = s.values[i]?.[1];
    if (v !== null && v !== undefined && Number.isFinite(v)) return v;
  }
  return undefined;
}

/** Each ALERTS series' runs of consecutive samples (a gap of more than a step ends a run) as firing intervals. */
export function alertRuns(series: readonly PromqlSeries[], w: QueryWindow, runbooks: ReadonlyMap<string, string>): AlertRun[] {
  const runs: AlertRun[] = [];
  for (const s of series) {
    const { alertname = 'alert', severity, alertstate: _state, __name__: _name, ...labels } = s.labels;
    const times = s.values.filter(([, v]) => v !== null).map(([t]) => t);
    let start: number | undefined;
    let prev: number | undefined;
    const close = (end: number | undefined) => {
      if (start === undefined) return;
      const runbook = runbooks.get(alertname);
      runs.push({ alertname, ...(severity ? { severity } : {}), labels, from: start, ...(end !== undefined ? { to: end } : {}), ...(runbook ? { runbook } : {}) });
    };
    for (const t of times) {
      if (prev !== undefined && t - prev > w.stepSeconds * 1.5) {
        close(prev);
        start = undefined;
      }
      start ??= t;
      prev = t;
    }
    // Still firing when the last sample is the range's end.
    if (prev !== undefined) close(prev >= w.end - w.stepSeconds ? undefined : prev);
  }
  return runs.sort((a, b) => a.from - b.from);
}
