// What the Service Health panel shows: the SLIs against their SLOs, the error budget left, burn rates at the
// workbook's 14.4× and 6× levels, golden-signal charts with firing alerts as bands (each with its runbook), and the
// same per service for a whole namespace.
import { formatDuration, formatValue } from '../../shared/chart/chartFormat';
import type { Band, ChartSpec, Threshold } from '../../shared/chart/chartSpec';
import { TIME_RANGES } from '../../shared/chartPanelProtocol';
import type { Cell, DashboardState, DashboardTable, Figure, Tone } from '../../shared/dashboardProtocol';
import type { QueryWindow } from '../metrics/rangeSeries';
import { windowChart, windowQuery } from '../metrics/windowChart';
import { BURN_KEYS, type AlertRun, type BurnKey, type HealthData, lastValue, type ServiceSli } from './healthData';
import type { ServiceSlo } from './sloConfig';
import { budgetRemaining, budgetSeconds, burnAlert, type BurnAlert, PAGE_BURN_RATE, shareUnder, sli, TICKET_BURN_RATE, timeToExhaustion } from './sloMath';

export const healthActions = {
  editSlos: 'edit-slos',
  runbook: (link: string) => `runbook:${link}`,
  service: (service: string) => `service:${service}`,
};

const BURN_LABEL: Record<BurnKey, string> = { h1: '1 h', m5: '5 m', h6: '6 h', m30: '30 m' };
const pct = (ratio: number | undefined, digits = 3) => (ratio === undefined ? '—' : `${Number((ratio * 100).toPrecision(digits))} %`);
const times = (v: number | undefined) => (v === undefined ? '—' : formatValue(v, 'multiple'));

/** The SLIs of one service over the SLO window, and its budget. */
export interface SliFigures {
  availability?: number;
  latency?: number;
  budgetLeft?: number;
  budgetSeconds: number;
  /** Seconds of the window that have data. */
  measuredSeconds?: number;
  alert: BurnAlert;
  latencyAlert: BurnAlert;
}

export function sliFigures(s: ServiceSli, windowDays: number, nowSeconds: number): SliFigures {
  const availability = s.total !== undefined ? sli(s.total - (s.errors ?? 0), s.total) : undefined;
  const latency = shareUnder(s.buckets, s.slo.latency.thresholdMs / 1000);
  return {
    ...(availability !== undefined ? { availability } : {}),
    ...(latency !== undefined ? { latency } : {}),
    ...(budgetRemaining(availability, s.slo.availability) !== undefined ? { budgetLeft: budgetRemaining(availability, s.slo.availability) } : {}),
    budgetSeconds: budgetSeconds(s.slo.availability, windowDays * 86_400),
    ...(s.since !== undefined ? { measuredSeconds: Math.max(0, nowSeconds - s.since) } : {}),
    alert: burnAlert(s.availabilityBurn),
    latencyAlert: burnAlert(s.latencyBurn),
  };
}

function alertTone(a: BurnAlert): Tone {
  return a === 'page' ? 'bad' : a === 'ticket' ? 'warning' : a === 'ok' ? 'good' : 'neutral';
}

function alertWords(a: BurnAlert, burn: Partial<Record<BurnKey, number>>): string {
  if (a === 'page') return `page: ${times(burn.h1)} over 1 h and ${times(burn.m5)} over 5 m (> ${PAGE_BURN_RATE}×)`;
  if (a === 'ticket') return `ticket: ${times(burn.h6)} over 6 h and ${times(burn.m30)} over 30 m (> ${TICKET_BURN_RATE}×)`;
  if (a === 'ok') return 'no burn-rate alert';
  return 'no traffic to judge';
}

function sloWords(slo: ServiceSlo, windowDays: number): string {
  return `availability ${slo.availability} %, p${slo.latency.percentile} < ${formatValue(slo.latency.thresholdMs / 1000, 'seconds')}, errors < ${slo.maxErrorRatePercent} % over ${windowDays} d (${slo.source})`;
}

function bands(alerts: readonly AlertRun[]): Band[] {
  return alerts.map((a) => ({
    from: a.from,
    ...(a.to !== undefined ? { to: a.to } : {}),
    label: `${a.alertname}${a.labels.pod ? ` (${a.labels.pod})` : ''}${a.to === undefined ? ' firing' : ''}`,
    kind: a.severity === 'critical' ? 'failure' : 'warning',
    ...(a.runbook ? { link: { title: `${a.alertname} runbook`, target: a.runbook } } : {}),
  }));
}

function flat(value: number | undefined, w: QueryWindow, label: string, kind: Threshold['kind']): Threshold[] {
  return value === undefined ? [] : [{ label, kind, segments: [{ from: w.start, to: w.end, value }] }];
}

function rangeOptions(): DashboardState['range']['options'] {
  return TIME_RANGES.map((r) => ({ id: r.id, label: r.label }));
}

function alertsTable(alerts: readonly AlertRun[]): DashboardTable {
  const at = (t: number) => new Date(t * 1000).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
  return {
    id: 'alerts-table',
    caption: alerts.length ? 'Alerts that fired in this range (from Prometheus ALERTS)' : 'No alert fired in this range',
    header: ['alert', 'severity', 'from', 'until', 'runbook'],
    rows: [...alerts].reverse().map((a): Cell[] => [
      { text: a.alertname, tone: a.severity === 'critical' ? 'bad' : 'warning' },
      a.severity ?? '',
      at(a.from),
      a.to === undefined ? { text: 'still firing', tone: 'bad' } : at(a.to),
      a.runbook ? { text: '', action: { id: healthActions.runbook(a.runbook), title: 'Open runbook' } } : '—',
    ]),
  };
}

export function healthDashboard(d: HealthData, nowMs: number, liveEverySeconds: number): DashboardState {
  return d.scope.service ? serviceDashboard(d, nowMs, liveEverySeconds) : namespaceDashboard(d, nowMs, liveEverySeconds);
}

function serviceDashboard(d: HealthData, nowMs: number, liveEverySeconds: number): DashboardState {
  const w = d.window;
  const service = d.scope.service ?? '';
  const s = d.slis[0];
  const slo = s?.slo;
  const f = s ? sliFigures(s, d.sloConfig.windowDays, w.end) : undefined;
  const g = d.golden;
  const b = bands(d.alerts);
  const q = (expr: string) => [windowQuery(expr, w)];
  const common = { window: w, bands: b, listEvents: false as const };
  const rateNow = lastValue(g.rate.series[0]);
  const errNow = lastValue(g.errorRatio.series[0]);
  const p95Now = lastValue(g.p95.series[0]);
  const cpuReq = lastValue(g.cpuRequest.series[0]);
  const cpuLim = lastValue(g.cpuLimit.series[0]);
  const memReq = lastValue(g.memoryRequest.series[0]);
  const memLim = lastValue(g.memoryLimit.series[0]);
  const firing = d.alerts.filter((a) => a.to === undefined);
  const windowWords = `${d.sloConfig.windowDays} d`;

  const golden: ChartSpec[] = [
    windowChart({ id: 'rate', title: 'Request rate', summary: rateNow === undefined ? undefined : `${formatValue(rateNow, 'requestsPerSecond')} now`, unit: 'requestsPerSecond', lines: [{ label: 'requests', series: g.rate.series[0], style: 'area' }], queries: q(g.rate.expr), emptyText: `No http_requests_total for ${service} in this range.`, ...common }),
    windowChart({
      id: 'errors',
      title: 'Error ratio (5xx)',
      summary: errNow === undefined ? undefined : `${formatValue(errNow, 'ratio')} now; limit ${slo?.maxErrorRatePercent ?? '—'} %`,
      unit: 'ratio',
      lines: [{ label: '5xx share', series: g.errorRatio.series[0] }],
      thresholds: flat(slo ? slo.maxErrorRatePercent / 100 : undefined, w, 'limit', 'critical'),
      queries: q(g.errorRatio.expr),
      emptyText: 'No requests in this range.',
      ...common,
    }),
    windowChart({
      id: 'latency',
      title: 'Latency p95 and p99',
      summary: p95Now === undefined ? undefined : `p95 ${formatValue(p95Now, 'seconds')} now; objective p${slo?.latency.percentile ?? 95} < ${formatValue((slo?.latency.thresholdMs ?? 0) / 1000, 'seconds')}`,
      unit: 'seconds',
      lines: [
        { label: 'p95', series: g.p95.series[0] },
        { label: 'p99', series: g.p99.series[0] },
      ],
      thresholds: flat(slo ? slo.latency.thresholdMs / 1000 : undefined, w, `p${slo?.latency.percentile ?? 95} objective`, 'critical'),
      queries: [...q(g.p95.expr), ...q(g.p99.expr)],
      emptyText: 'No latency histogram in this range.',
      ...common,
    }),
    windowChart({
      id: 'cpu',
      title: 'CPU (saturation)',
      summary: cpuReq === undefined ? undefined : `requests ${formatValue(cpuReq, 'cores')}, limits ${formatValue(cpuLim, 'cores')}`,
      unit: 'cores',
      lines: [{ label: 'used', series: g.cpu.series[0], style: 'area' }],
      thresholds: [...flat(cpuReq, w, 'requested', 'warning'), ...flat(cpuLim, w, 'limit', 'critical')],
      queries: [...q(g.cpu.expr), ...q(g.cpuRequest.expr), ...q(g.cpuLimit.expr)],
      emptyText: 'No container_cpu_usage_seconds_total for these pods in this range.',
      ...common,
    }),
    windowChart({
      id: 'memory',
      title: 'Memory (saturation)',
      summary: memReq === undefined ? undefined : `requests ${formatValue(memReq, 'bytes')}, limits ${formatValue(memLim, 'bytes')}`,
      unit: 'bytes',
      lines: [{ label: 'working set', series: g.memory.series[0], style: 'area' }],
      thresholds: [...flat(memReq, w, 'requested', 'warning'), ...flat(memLim, w, 'limit', 'critical')],
      queries: [...q(g.memory.expr), ...q(g.memoryRequest.expr), ...q(g.memoryLimit.expr)],
      emptyText: 'No container_memory_working_set_bytes for these pods in this range.',
      ...common,
    }),
  ];

  const burnChart = (id: string, title: string, data: Record<BurnKey, { expr: string; series: Array<{ labels: Record<string, string>; values: Array<[number, number | null]> }> }> | undefined, objective: string): ChartSpec =>
    windowChart({
      id,
      title,
      summary: objective,
      unit: 'multiple',
      lines: BURN_KEYS.map(([k]) => ({ label: `over ${BURN_LABEL[k]}`, series: data?.[k].series[0] })),
      thresholds: [...flat(PAGE_BURN_RATE, w, 'page', 'critical'), ...flat(TICKET_BURN_RATE, w, 'ticket', 'warning')],
      queries: BURN_KEYS.flatMap(([k]) => (data?.[k].expr ? q(data[k].expr) : [])),
      emptyText: 'No traffic to compute a burn rate from in this range.',
      ...common,
    });
  const sloCharts: ChartSpec[] = [
    burnChart('availability-burn', 'Availability burn rate', d.availabilityBurn, slo ? `5xx share over the ${pct(1 - slo.availability / 100)} budget` : ''),
    burnChart('latency-burn', 'Latency burn rate', d.latencyBurn, slo ? `share slower than ${formatValue(slo.latency.thresholdMs / 1000, 'seconds')} over the ${100 - slo.latency.percentile} % budget` : ''),
    windowChart({
      id: 'budget',
      title: `Error budget left (availability, ${windowWords} window)`,
      summary: f?.budgetLeft === undefined ? undefined : `${pct(f.budgetLeft)} now`,
      unit: 'percent',
      yRange: [0, 100],
      lines: [{ label: 'budget left', series: d.budget?.series[0], style: 'area' }],
      thresholds: flat(0, d.budgetWindow ?? w, 'all spent', 'critical'),
      queries: d.budget ? [windowQuery(d.budget.expr, d.budgetWindow ?? w)] : [],
      emptyText: 'No traffic in the SLO window.',
      ...common,
      window: d.budgetWindow ?? w,
    }),
  ];

  const objectivesTable: DashboardTable | undefined =
    s && slo && f
      ? {
          id: 'slo-table',
          caption: `Objectives over the ${windowWords} window (${d.sloConfig.origin})`,
          header: ['objective', 'target', `SLI (${windowWords})`, 'budget left', 'burn 1 h / 5 m', 'burn 6 h / 30 m', 'alert'],
          numeric: [1, 2, 3, 4, 5],
          rows: [
            [
              'availability (no 5xx)',
              `${slo.availability} %`,
              pct(f.availability, 5),
              { text: pct(f.budgetLeft), tone: f.budgetLeft === undefined ? 'neutral' : f.budgetLeft > 0.25 ? 'good' : f.budgetLeft > 0 ? 'warning' : 'bad' },
              `${times(s.availabilityBurn.h1)} / ${times(s.availabilityBurn.m5)}`,
              `${times(s.availabilityBurn.h6)} / ${times(s.availabilityBurn.m30)}`,
              { text: alertWords(f.alert, s.availabilityBurn), tone: alertTone(f.alert) },
            ],
            [
              `latency (p${slo.latency.percentile} < ${formatValue(slo.latency.thresholdMs / 1000, 'seconds')})`,
              `${slo.latency.percentile} % within`,
              pct(f.latency, 4),
              { text: pct(budgetRemaining(f.latency, slo.latency.percentile)), tone: (budgetRemaining(f.latency, slo.latency.percentile) ?? 1) > 0 ? 'good' : 'bad' },
              `${times(s.latencyBurn.h1)} / ${times(s.latencyBurn.m5)}`,
              `${times(s.latencyBurn.h6)} / ${times(s.latencyBurn.m30)}`,
              { text: alertWords(f.latencyAlert, s.latencyBurn), tone: alertTone(f.latencyAlert) },
            ],
          ],
        }
      : undefined;

  const exhaustion = f ? timeToExhaustion(f.budgetLeft, s?.availabilityBurn.h1, d.sloConfig.windowDays * 86_400) : undefined;
  const measured = f?.measuredSeconds !== undefined && f.measuredSeconds < d.sloConfig.windowDays * 86_400 * 0.99 ? ` · measured over the last ${formatDuration(f.measuredSeconds)} (Prometheus has no older data)` : '';
  const figures: Figure[] = [];
  if (s && slo && f) {
    figures.push(
      { id: 'availability', label: `Availability (${windowWords})`, value: pct(f.availability, 5), detail: `target ${slo.availability} %${measured}`, tone: f.availability === undefined ? 'neutral' : f.availability * 100 >= slo.availability ? 'good' : 'bad' },
      {
        id: 'budget',
        label: 'Error budget left',
        value: pct(f.budgetLeft),
        detail:
          f.budgetLeft !== undefined && f.budgetLeft <= 0
            ? `spent ${pct(1 - f.budgetLeft)} of the ${formatDuration(f.budgetSeconds)} of errors a ${windowWords} window allows`
            : `of the ${formatDuration(f.budgetSeconds)} of errors a ${windowWords} window allows${exhaustion !== undefined ? `; at the 1 h burn rate gone in ${formatDuration(exhaustion)}` : ''}`,
        tone: f.budgetLeft === undefined ? 'neutral' : f.budgetLeft > 0.25 ? 'good' : f.budgetLeft > 0 ? 'warning' : 'bad',
      },
      { id: 'burn-page', label: 'Burn rate 1 h / 5 m', value: `${times(s.availabilityBurn.h1)} / ${times(s.availabilityBurn.m5)}`, detail: `pages above ${PAGE_BURN_RATE}× on both`, tone: f.alert === 'page' ? 'bad' : 'neutral' },
      { id: 'burn-ticket', label: 'Burn rate 6 h / 30 m', value: `${times(s.availabilityBurn.h6)} / ${times(s.availabilityBurn.m30)}`, detail: `tickets above ${TICKET_BURN_RATE}× on both`, tone: f.alert === 'ticket' ? 'warning' : 'neutral' },
      {
        id: 'latency',
        label: `Latency p${slo.latency.percentile} now`,
        value: formatValue(p95Now, 'seconds'),
        detail: `objective < ${formatValue(slo.latency.thresholdMs / 1000, 'seconds')}; ${pct(f.latency, 4)} within over ${windowWords}`,
        tone: p95Now === undefined ? 'neutral' : p95Now <= slo.latency.thresholdMs / 1000 ? 'good' : 'bad',
      },
    );
  }
  figures.push(
    { id: 'requests', label: 'Requests now', value: formatValue(rateNow, 'requestsPerSecond'), detail: `errors ${formatValue(errNow, 'ratio')}${slo ? ` (limit ${slo.maxErrorRatePercent} %)` : ''}`, tone: errNow !== undefined && slo && errNow * 100 > slo.maxErrorRatePercent ? 'bad' : 'neutral' },
    { id: 'alerts', label: 'Alerts firing', value: String(firing.length), detail: firing.map((a) => a.alertname).join(', ') || 'none for this service', tone: firing.length ? 'bad' : 'good' },
  );

  return {
    title: `Service health: ${service}`,
    subtitle: `${d.request.context} / ${d.request.namespace}${d.request.deployment ? ` · deployment ${d.request.deployment.name}` : ''}${slo ? ` · SLO: ${sloWords(slo, d.sloConfig.windowDays)}` : ''}`,
    figures,
    notices: d.problems.map((text) => ({ tone: 'warning', text })),
    range: { id: d.request.rangeId, options: rangeOptions() },
    updatedAt: nowMs,
    liveEverySeconds,
    sections: [
      { id: 'golden', title: 'Golden signals', description: `Traffic, errors, latency and saturation (guide 000), rates over ${formatDuration(d.rateWindow)}; alerts that fired are shaded, click a band for its runbook.`, grid: true, charts: golden },
      {
        id: 'slo',
        title: 'SLOs and error budget',
        description: `Burn rate = the bad share over the budget (1× spends exactly the budget in ${windowWords}). The SRE workbook pages when the 1 h and 5 m burn rates both exceed ${PAGE_BURN_RATE}× (2 % of the budget in an hour) and opens a ticket when the 6 h and 30 m ones both exceed ${TICKET_BURN_RATE}× (5 % in 6 hours).`,
        grid: true,
        charts: sloCharts,
        ...(objectivesTable ? { tables: [objectivesTable] } : {}),
        actions: [{ id: healthActions.editSlos, title: 'Edit SLOs' }],
      },
      { id: 'alerts', title: 'Alerts', charts: [], tables: [alertsTable(d.alerts)] },
    ],
  };
}

function namespaceDashboard(d: HealthData, nowMs: number, liveEverySeconds: number): DashboardState {
  const w = d.window;
  const g = d.golden;
  const b = bands(d.alerts);
  const common = { window: w, bands: b, listEvents: false as const };
  const byLabel = (key: string) => (series: Array<{ labels: Record<string, string>; values: Array<[number, number | null]> }>) => series.map((s) => ({ label: s.labels[key] ?? '?', series: s })).sort((a, c) => a.label.localeCompare(c.label));
  const q = (...exprs: string[]) => exprs.map((e) => windowQuery(e, w));
  const rows = d.slis.map((s) => ({ s, f: sliFigures(s, d.sloConfig.windowDays, w.end) }));
  const worst = [...rows].sort((a, c) => (c.s.availabilityBurn.h1 ?? -1) - (a.s.availabilityBurn.h1 ?? -1))[0];
  const firing = d.alerts.filter((a) => a.to === undefined);
  const totalRate = g.rate.series.reduce((sum, s) => sum + (lastValue(s) ?? 0), 0);
  const windowWords = `${d.sloConfig.windowDays} d`;
  return {
    title: `Namespace health: ${d.request.namespace}`,
    subtitle: `${d.request.context} / ${d.request.namespace} · ${d.slis.length} services · SLOs from ${d.sloConfig.origin}`,
    figures: [
      { id: 'services', label: 'Services without a burn-rate alert', value: `${rows.filter((r) => r.f.alert === 'ok').length} of ${rows.length}`, detail: rows.filter((r) => r.f.alert === 'page' || r.f.alert === 'ticket').map((r) => `${r.s.service}: ${r.f.alert}`).join(', ') || 'no burn-rate alert', tone: rows.some((r) => r.f.alert === 'page') ? 'bad' : rows.some((r) => r.f.alert === 'ticket') ? 'warning' : 'good' },
      { id: 'worst', label: 'Fastest burn (1 h)', value: times(worst?.s.availabilityBurn.h1), detail: worst ? worst.s.service : '—', tone: (worst?.s.availabilityBurn.h1 ?? 0) > PAGE_BURN_RATE ? 'bad' : 'neutral' },
      { id: 'requests', label: 'Requests now', value: formatValue(totalRate, 'requestsPerSecond'), detail: 'all services' },
      { id: 'alerts', label: 'Alerts firing', value: String(firing.length), detail: [...new Set(firing.map((a) => `${a.alertname}${a.labels.service ? ` (${a.labels.service})` : ''}`))].join(', ') || 'none in this namespace', tone: firing.length ? 'bad' : 'good' },
    ],
    notices: d.problems.map((text) => ({ tone: 'warning', text })),
    range: { id: d.request.rangeId, options: rangeOptions() },
    updatedAt: nowMs,
    liveEverySeconds,
    sections: [
      {
        id: 'slo',
        title: 'Services against their SLOs',
        charts: [],
        tables: [
          {
            id: 'services-table',
            caption: `Per service, over the ${windowWords} window (${d.sloConfig.origin})`,
            header: ['service', 'availability', 'target', 'budget left', 'burn 1 h / 5 m', 'burn 6 h / 30 m', `p${'95'} within`, 'alert'],
            numeric: [1, 2, 3, 4, 5, 6],
            rows: rows.map(({ s, f }): Cell[] => [
              { text: s.service, action: { id: healthActions.service(s.service), title: 'Show Service Health' } },
              pct(f.availability, 5),
              `${s.slo.availability} %`,
              { text: pct(f.budgetLeft), tone: f.budgetLeft === undefined ? 'neutral' : f.budgetLeft > 0.25 ? 'good' : f.budgetLeft > 0 ? 'warning' : 'bad' },
              `${times(s.availabilityBurn.h1)} / ${times(s.availabilityBurn.m5)}`,
              `${times(s.availabilityBurn.h6)} / ${times(s.availabilityBurn.m30)}`,
              `${pct(f.latency, 4)} < ${formatValue(s.slo.latency.thresholdMs / 1000, 'seconds')}`,
              { text: alertWords(f.alert, s.availabilityBurn), tone: alertTone(f.alert) },
            ]),
          },
        ],
        actions: [{ id: healthActions.editSlos, title: 'Edit SLOs' }],
      },
      {
        id: 'golden',
        title: 'Golden signals by service',
        grid: true,
        charts: [
          windowChart({ id: 'rate', title: 'Request rate', unit: 'requestsPerSecond', lines: byLabel('service')(g.rate.series), queries: q(g.rate.expr), emptyText: 'No http_requests_total in this namespace.', ...common }),
          windowChart({ id: 'errors', title: 'Error ratio (5xx)', unit: 'ratio', lines: byLabel('service')(g.errorRatio.series), queries: q(g.errorRatio.expr), emptyText: 'No requests in this range.', ...common }),
          windowChart({ id: 'latency', title: 'Latency p95', unit: 'seconds', lines: byLabel('service')(g.p95.series), queries: q(g.p95.expr), emptyText: 'No latency histogram in this range.', ...common }),
          windowChart({ id: 'cpu', title: 'CPU by deployment', unit: 'cores', lines: byLabel('deployment')(g.cpu.series), queries: q(g.cpu.expr), emptyText: 'No CPU metrics in this namespace.', ...common }),
          windowChart({ id: 'memory', title: 'Memory by deployment', unit: 'bytes', lines: byLabel('deployment')(g.memory.series), queries: q(g.memory.expr), emptyText: 'No memory metrics in this namespace.', ...common }),
        ],
      },
      { id: 'alerts', title: 'Alerts', charts: [], tables: [alertsTable(d.alerts)] },
    ],
  };
}
