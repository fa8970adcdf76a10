// What the cost panels show, built from their data: key figures (cost before/after, savings a month and a year,
// the reduction against the 70 % goal), charts over time, per-namespace bars, the cost flow, the timeline.
import type { Experiment } from '../../clients/platform/platformTypes';
import { formatDuration, formatValue } from '../../shared/chart/chartFormat';
import type { ChartSpec, Threshold } from '../../shared/chart/chartSpec';
import { TIME_RANGES } from '../../shared/chartPanelProtocol';
import type { Cell, DashboardSection, DashboardState, Figure, Notice, Tone } from '../../shared/dashboardProtocol';
import type { QueryWindow } from '../metrics/rangeSeries';
import { windowChart, windowQuery } from '../metrics/windowChart';
import type { CostOverviewData, ExperimentCostData } from './costData';
import { LIFE_RANGE } from './costData';
import { COST_REDUCTION_GOAL_PERCENT, costFigures, type CostFigures, namespaceFigures, namespaceTotals } from './costFigures';
import { experimentTimeline, isActive, phaseSummary, timelineMarkers } from './experimentTimeline';

const money = (n: number | undefined) => (n === undefined ? '—' : formatValue(n, 'dollars'));
const pct = (n: number | undefined) => (n === undefined ? '—' : `${n.toFixed(1)} %`);
const count = (n: number | undefined) => (n === undefined ? '—' : formatValue(n, 'count'));

/** Action ids the cost panels' buttons send (the panel maps them to commands). */
export const costActions = {
  showExperiment: (id: string) => `experiment:${id}`,
  showResults: (id: string) => `results:${id}`,
  stopExperiment: (id: string) => `stop:${id}`,
};

function goalFigure(f: CostFigures, soFar: boolean): Figure {
  const tone: Tone = f.goalMet ? 'good' : f.reductionPercent !== undefined && f.reductionPercent > 0 ? 'warning' : 'bad';
  return {
    id: 'reduction',
    label: `Cost reduction${soFar ? ' so far' : ''}`,
    value: pct(f.reductionPercent),
    detail: f.goalMet ? `meets the ${f.goalPercent} % goal (guide 003)` : `${f.shortOfGoal.toFixed(1)} points short of the ${f.goalPercent} % goal`,
    tone,
  };
}

function moneyFigures(f: CostFigures): Figure[] {
  return [
    { id: 'cost', label: 'Cost per month', value: `${money(f.beforeMonthly)} → ${money(f.afterMonthly)}`, detail: 'before → after' },
    { id: 'savings-month', label: 'Saved per month', value: money(f.savingsMonthly), tone: f.savingsMonthly > 0 ? 'good' : f.savingsMonthly < 0 ? 'bad' : 'neutral' },
    { id: 'savings-year', label: 'Saved per year', value: money(f.savingsAnnual), detail: '12 × the monthly saving' },
  ];
}

function goalLine(w: QueryWindow): Threshold {
  return { label: 'goal', kind: 'warning', segments: [{ from: w.start, to: w.end, value: COST_REDUCTION_GOAL_PERCENT }] };
}

function rangeOptions(withLife: boolean): DashboardState['range']['options'] {
  return [...(withLife ? [LIFE_RANGE] : []), ...TIME_RANGES.map((r) => ({ id: r.id, label: r.label }))];
}

function problemsNotices(problems: readonly string[]): Notice[] {
  return problems.map((text) => ({ tone: 'warning' as const, text }));
}

/** The experiment's figures: from its analysis when there is one (the per-namespace view), else its own metrics. */
function experimentFigures(e: Experiment, d: ExperimentCostData): CostFigures | undefined {
  const before = d.analysis?.costBeforeMonthly ?? e.metrics.costBeforeMonthly;
  const after = d.analysis?.costAfterMonthly ?? e.metrics.costAfterMonthly;
  return before !== undefined && after !== undefined ? costFigures(before, after) : undefined;
}

export function experimentCostDashboard(d: ExperimentCostData, nowMs: number, liveEverySeconds: number): DashboardState {
  const e = d.experiment;
  const f = experimentFigures(e, d);
  const active = isActive(e);
  const timeline = experimentTimeline(e);
  const markers = timelineMarkers(timeline);
  const w = d.window;
  const byVariant = (v: string) => d.cardinality.series.find((s) => s.labels.variant === v);
  const charts: ChartSpec[] = [
    windowChart({
      id: 'cardinality',
      title: 'Active series: baseline vs candidate',
      summary: `${count(e.metrics.baselineCardinality)} → ${count(e.metrics.candidateCardinality)} now`,
      unit: 'count',
      window: w,
      lines: [
        { label: `baseline (${e.baselinePipeline})`, series: byVariant('baseline') },
        { label: `candidate (${e.candidatePipeline})`, series: byVariant('candidate'), style: 'area' },
      ],
      markers,
      listEvents: false,
      queries: [windowQuery(d.cardinality.expr, w)],
      emptyText: 'Prometheus has no phoenix_experiment_cardinality for this experiment in this range.',
    }),
    windowChart({
      id: 'reduction',
      title: 'Cardinality reduction',
      summary: `${pct(e.metrics.cardinalityReductionPercent)} now; goal ${COST_REDUCTION_GOAL_PERCENT} %`,
      unit: 'percent',
      yRange: [0, 100],
      window: w,
      lines: [{ label: 'reduction', series: d.reduction.series[0] }],
      thresholds: [goalLine(w)],
      markers,
      listEvents: false,
      queries: [windowQuery(d.reduction.expr, w)],
      emptyText: 'Prometheus has no phoenix_cardinality_reduction_percent for this experiment in this range.',
    }),
    windowChart({
      id: 'savings',
      title: 'Savings per month',
      summary: f ? `${money(f.savingsMonthly)} a month, ${money(f.savingsAnnual)} a year` : undefined,
      unit: 'dollars',
      window: w,
      lines: [{ label: 'saved per month', series: d.savings.series[0], style: 'area' }],
      markers,
      listEvents: false,
      queries: [windowQuery(d.savings.expr, w)],
      emptyText: 'Prometheus has no phoenix_cost_savings_dollars for this experiment in this range.',
    }),
  ];

  const ns = namespaceFigures(d.analysis?.byNamespace ?? []);
  const nsTotals = namespaceTotals(ns);
  const namespaceSection: DashboardSection = {
    id: 'namespaces',
    title: 'By namespace',
    description: ns.length ? `Active series and monthly cost of each target namespace, baseline (before) against candidate (after)${nsTotals ? `; together ${money(nsTotals.beforeMonthly)} → ${money(nsTotals.afterMonthly)} a month` : ''}.` : 'The analysis has no per-namespace figures yet.',
    grid: true,
    charts: ns.length
      ? [
          { kind: 'bar', id: 'ns-series', title: 'Active series by namespace', unit: 'count', categories: ns.map((n) => n.namespace), series: [{ label: 'before', values: ns.map((n) => n.seriesBefore ?? null) }, { label: 'after', values: ns.map((n) => n.seriesAfter ?? null) }] },
          { kind: 'bar', id: 'ns-cost', title: 'Monthly cost by namespace', unit: 'dollars', categories: ns.map((n) => n.namespace), series: [{ label: 'before', values: ns.map((n) => n.costBefore ?? null) }, { label: 'after', values: ns.map((n) => n.costAfter ?? null) }] },
        ]
      : [],
    tables: ns.length
      ? [
          {
            id: 'ns-table',
            caption: 'Per namespace',
            header: ['namespace', 'series before', 'series after', 'cost before', 'cost after', 'saves / month', 'reduction'],
            numeric: [1, 2, 3, 4, 5, 6],
            rows: ns.map((n) => [n.namespace, count(n.seriesBefore), count(n.seriesAfter), money(n.costBefore), money(n.costAfter), money(n.savingsMonthly), pct(n.reductionPercent)]),
          },
        ]
      : [],
  };

  const recommendation = d.analysis?.recommendation;
  const conclusive = d.analysis?.status === 'conclusive';
  const figures: Figure[] = [
    ...(f ? [goalFigure(f, active), ...moneyFigures(f)] : []),
    { id: 'series', label: 'Active series', value: `${count(e.metrics.baselineCardinality)} → ${count(e.metrics.candidateCardinality)}`, detail: 'baseline → candidate' },
    { id: 'phase', label: 'Phase', value: e.phase, detail: `${phaseSummary(e, nowMs, formatDuration)}${d.analysis?.confidence !== undefined ? ` · confidence ${Math.round(d.analysis.confidence * 100)} %` : ''}`, tone: e.phase === 'failed' ? 'bad' : e.phase === 'stopped' ? 'warning' : e.phase === 'completed' ? 'good' : 'neutral' },
  ];
  return {
    title: `Cost reduction: ${e.name}`,
    subtitle: `${e.baselinePipeline} → ${e.candidatePipeline} · ${e.targetNamespaces.join(', ') || 'no namespaces'} · ${e.id}`,
    figures,
    notices: problemsNotices(d.problems),
    range: { id: d.rangeId, options: rangeOptions(true) },
    updatedAt: nowMs,
    liveEverySeconds: active ? liveEverySeconds : 0,
    sections: [
      {
        id: 'over-time',
        title: d.rangeId === LIFE_RANGE.id ? "Over the experiment's life" : 'Over time',
        ...(recommendation ? { callout: { tone: conclusive ? (/^Promote/i.test(recommendation) ? 'good' : 'warning') : 'neutral', text: `Recommendation: ${recommendation}` } as Notice } : {}),
        charts,
        actions: [{ id: costActions.showResults(e.id), title: 'Show Results' }, ...(active ? [{ id: costActions.stopExperiment(e.id), title: 'Stop Experiment…' }] : [])],
      },
      namespaceSection,
      {
        id: 'timeline',
        title: 'Timeline',
        charts: [],
        tables: [
          {
            id: 'timeline-table',
            caption: 'Phases of the experiment',
            header: ['time', 'event', 'detail'],
            rows: timeline.map((t): Cell[] => [new Date(t.at).toISOString().replace('T', ' ').slice(0, 19) + ' UTC', { text: t.event, tone: t.kind === 'success' ? 'good' : t.kind === 'failure' ? 'bad' : t.kind === 'warning' ? 'warning' : 'neutral' }, t.detail]),
          },
        ],
      },
    ],
  };
}

export function costOverviewDashboard(d: CostOverviewData, nowMs: number, liveEverySeconds: number): DashboardState {
  const flow = d.costFlow;
  const f = flow?.beforeMonthly !== undefined && flow.afterMonthly !== undefined ? costFigures(flow.beforeMonthly, flow.afterMonthly) : undefined;
  const w = d.window;
  const experiments = [...d.experiments].sort((a, b) => Number(isActive(b)) - Number(isActive(a)) || (b.metrics.costSavingsMonthly ?? 0) - (a.metrics.costSavingsMonthly ?? 0));
  const nameOf = new Map(d.experiments.map((e) => [e.id, e.name]));
  const label = (s: { labels: Record<string, string> }) => s.labels.name ?? nameOf.get(s.labels.experiment_id ?? '') ?? s.labels.experiment_id ?? 'experiment';
  const phases = Object.entries(flow?.phases ?? {}).filter(([, n]) => n > 0);
  const figures: Figure[] = [
    ...(f ? [goalFigure(f, false), ...moneyFigures(f)] : []),
    { id: 'experiments', label: 'Experiments', value: `${flow?.activeExperiments ?? experiments.filter(isActive).length} active`, detail: phases.map(([p, n]) => `${n} ${p}`).join(' · ') || `${experiments.length} in all` },
  ];
  const flowRows = flow?.byExperiment ?? [];
  const sections: DashboardSection[] = [
    {
      id: 'cost-flow',
      title: 'Where the cost goes',
      description: `The cost flow of the platform API: the monthly cost of the optimised namespaces before and after, from the latest completed experiment of each namespace; the goal is guide 003's ${COST_REDUCTION_GOAL_PERCENT} % ($50,000 → $15,000 a month).`,
      grid: true,
      charts: [
        {
          kind: 'bar',
          id: 'flow-total',
          title: 'Monthly cost: before and after',
          unit: 'dollars',
          categories: ['all optimised namespaces'],
          series: [{ label: 'before', values: [flow?.beforeMonthly ?? null] }, { label: 'after', values: [flow?.afterMonthly ?? null] }, { label: `at the ${COST_REDUCTION_GOAL_PERCENT} % goal`, values: [flow?.beforeMonthly !== undefined ? Math.round(flow.beforeMonthly * (1 - COST_REDUCTION_GOAL_PERCENT / 100) * 100) / 100 : null] }],
          emptyText: 'The platform API gave no cost flow.',
        },
        {
          kind: 'bar',
          id: 'flow-by-experiment',
          title: 'Monthly cost by experiment (the cost flow)',
          unit: 'dollars',
          categories: flowRows.map((r) => r.name),
          series: [{ label: 'before', values: flowRows.map((r) => r.costBeforeMonthly ?? null) }, { label: 'after', values: flowRows.map((r) => r.costAfterMonthly ?? null) }],
          emptyText: 'No completed experiment yet: nothing is optimised.',
        },
      ],
    },
    {
      id: 'experiments',
      title: 'What each experiment saves',
      description: 'Running experiments show what they save so far; finished ones what they measured.',
      grid: true,
      charts: [
        {
          kind: 'bar',
          id: 'savings-by-experiment',
          title: 'Saved per month by experiment',
          unit: 'dollars',
          categories: experiments.map((e) => e.name),
          series: [{ label: 'saved per month', values: experiments.map((e) => e.metrics.costSavingsMonthly ?? null) }],
          emptyText: 'No experiments yet.',
        },
        windowChart({
          id: 'reduction-over-time',
          title: 'Cardinality reduction over time',
          unit: 'percent',
          yRange: [0, 100],
          window: w,
          lines: d.reduction.series.map((s) => ({ label: label(s), series: s })),
          thresholds: [goalLine(w)],
          queries: [windowQuery(d.reduction.expr, w)],
          emptyText: 'Prometheus has no phoenix_cardinality_reduction_percent in this range.',
        }),
        windowChart({
          id: 'savings-over-time',
          title: 'Savings per month over time',
          unit: 'dollars',
          window: w,
          lines: d.savings.series.map((s) => ({ label: label(s), series: s })),
          queries: [windowQuery(d.savings.expr, w)],
          emptyText: 'Prometheus has no phoenix_cost_savings_dollars in this range.',
        }),
      ],
      tables: [
        {
          id: 'experiments-table',
          caption: 'Every experiment',
          header: ['experiment', 'phase', 'pipelines', 'reduction', 'cost before → after', 'saves / month', 'saves / year'],
          numeric: [3, 5, 6],
          rows: experiments.map((e): Cell[] => {
            const ef = e.metrics.costBeforeMonthly !== undefined && e.metrics.costAfterMonthly !== undefined ? costFigures(e.metrics.costBeforeMonthly, e.metrics.costAfterMonthly) : undefined;
            return [
              { text: e.name, action: { id: costActions.showExperiment(e.id), title: 'Show Cost Reduction' } },
              { text: e.phase, tone: e.phase === 'completed' ? 'good' : e.phase === 'failed' ? 'bad' : e.phase === 'stopped' ? 'warning' : 'neutral' },
              `${e.baselinePipeline} → ${e.candidatePipeline}`,
              pct(e.metrics.cardinalityReductionPercent),
              ef ? `${money(ef.beforeMonthly)} → ${money(ef.afterMonthly)}` : '—',
              money(e.metrics.costSavingsMonthly),
              ef ? money(ef.savingsAnnual) : '—',
            ];
          }),
        },
      ],
    },
  ];
  return {
    title: 'Cost overview',
    subtitle: `All experiments against guide 003's ${COST_REDUCTION_GOAL_PERCENT} % goal`,
    figures,
    notices: problemsNotices(d.problems),
    range: { id: d.rangeId, options: rangeOptions(false) },
    updatedAt: nowMs,
    liveEverySeconds,
    sections,
  };
}
