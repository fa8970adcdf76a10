// The cost panels' data: an experiment (platform API: experiment, analysis; Prometheus: its cardinality, reduction
// and savings over time), or the overview (cost flow, every experiment, savings and reduction over time). Failures of
// one source are kept as words beside what the others gave.
import type { ServiceError } from '../../clients/http/serviceError';
import { notConfigured } from '../../clients/http/serviceError';
import type { PlatformClient } from '../../clients/platform/platformClient';
import type { CostFlow, Experiment, ExperimentAnalysis } from '../../clients/platform/platformTypes';
import type { PrometheusClient } from '../../clients/prometheus/prometheusClient';
import { err, ok, type Result } from '../../core/result';
import { stepFor, timeRange } from '../../shared/chartPanelProtocol';
import type { PromqlSeries } from '../../shared/runbookOutput';
import { promString, type QueryWindow, rangeSeries } from '../metrics/rangeSeries';
import { lifeWindow } from './experimentTimeline';

export interface CostClients {
  platform?: PlatformClient;
  prometheus?: PrometheusClient;
}

/** "life" (the experiment's whole life) or one of TIME_RANGES. */
export const LIFE_RANGE = { id: 'life', label: "Experiment's life" } as const;

export interface SeriesResult {
  expr: string;
  series: PromqlSeries[];
}

export interface ExperimentCostData {
  experiment: Experiment;
  analysis?: ExperimentAnalysis;
  rangeId: string;
  window: QueryWindow;
  cardinality: SeriesResult;
  reduction: SeriesResult;
  savings: SeriesResult;
  /** What could not be fetched, in words (the rest is still shown). */
  problems: string[];
}

export interface CostOverviewData {
  costFlow?: CostFlow;
  experiments: Experiment[];
  rangeId: string;
  window: QueryWindow;
  reduction: SeriesResult;
  savings: SeriesResult;
  problems: string[];
}

const PROMETHEUS_MISSING = 'Prometheus is not configured (phoenixOps.prometheus.url): the charts over time need it.';

export function rangeWindow(rangeId: string, nowMs: number): QueryWindow {
  const r = timeRange(rangeId);
  const end = Math.floor(nowMs / 1000);
  return { start: end - r.seconds, end, stepSeconds: stepFor(r.seconds) };
}

export const experimentQueries = (id: string) => ({
  cardinality: `phoenix_experiment_cardinality{experiment_id="${promString(id)}"}`,
  reduction: `phoenix_cardinality_reduction_percent{experiment_id="${promString(id)}"}`,
  savings: `phoenix_cost_savings_dollars{experiment_id="${promString(id)}"}`,
});

export const OVERVIEW_QUERIES = {
  reduction: 'phoenix_cardinality_reduction_percent',
  savings: 'phoenix_cost_savings_dollars',
};

async function series(prometheus: PrometheusClient | undefined, expr: string, w: QueryWindow, problems: string[], signal?: AbortSignal): Promise<SeriesResult> {
  if (!prometheus) return { expr, series: [] };
  const r = await rangeSeries(prometheus, expr, w, signal);
  if (!r.ok) {
    if (r.error.kind !== 'cancelled' && !problems.some((p) => p === r.error.message)) problems.push(r.error.message);
    return { expr, series: [] };
  }
  return { expr, series: r.value };
}

export async function loadExperimentCost(clients: CostClients, id: string, rangeId: string, nowMs: number, signal?: AbortSignal): Promise<Result<ExperimentCostData, ServiceError>> {
  if (!clients.platform) return err(notConfigured('Phoenix platform API', 'phoenixOps.platformApi.url'));
  const [exp, analysis] = await Promise.all([clients.platform.experiment(id, signal), clients.platform.analysis(id, signal)]);
  if (!exp.ok) return exp;
  const problems: string[] = [];
  if (!analysis.ok && analysis.error.kind !== 'cancelled') problems.push(`The experiment's analysis: ${analysis.error.message}`);
  if (!clients.prometheus) problems.push(PROMETHEUS_MISSING);
  const life = rangeId === LIFE_RANGE.id;
  const window: QueryWindow = life ? { ...lifeWindow(exp.value, nowMs), stepSeconds: 0 } : rangeWindow(rangeId, nowMs);
  if (life) window.stepSeconds = stepFor(window.end - window.start);
  const q = experimentQueries(id);
  const [cardinality, reduction, savings] = await Promise.all([
    series(clients.prometheus, q.cardinality, window, problems, signal),
    series(clients.prometheus, q.reduction, window, problems, signal),
    series(clients.prometheus, q.savings, window, problems, signal),
  ]);
  return ok({
    experiment: exp.value,
    ...(analysis.ok ? { analysis: analysis.value } : {}),
    rangeId: life ? LIFE_RANGE.id : timeRange(rangeId).id,
    window,
    cardinality,
    reduction,
    savings,
    problems,
  });
}

export async function loadCostOverview(clients: CostClients, rangeId: string, nowMs: number, signal?: AbortSignal): Promise<Result<CostOverviewData, ServiceError>> {
  if (!clients.platform) return err(notConfigured('Phoenix platform API', 'phoenixOps.platformApi.url'));
  const [flow, experiments] = await Promise.all([clients.platform.costFlow(signal), clients.platform.experiments(signal)]);
  if (!experiments.ok) return experiments;
  const problems: string[] = [];
  if (!flow.ok && flow.error.kind !== 'cancelled') problems.push(`The cost flow: ${flow.error.message}`);
  if (!clients.prometheus) problems.push(PROMETHEUS_MISSING);
  const window = rangeWindow(rangeId, nowMs);
  const [reduction, savings] = await Promise.all([
    series(clients.prometheus, OVERVIEW_QUERIES.reduction, window, problems, signal),
    series(clients.prometheus, OVERVIEW_QUERIES.savings, window, problems, signal),
  ]);
  return ok({ ...(flow.ok ? { costFlow: flow.value } : {}), experiments: experiments.value, rangeId: timeRange(rangeId).id, window, reduction, savings, problems });
}
