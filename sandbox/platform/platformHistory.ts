// The platform's metric history for the sandbox's Prometheus: the seeded experiments' gauges (phase, reduction,
// savings, cardinality) at any past time, as they would have been scraped while each experiment ran.
import type { MetricFamily } from '../metrics/metricTypes';
import { baselineFor, targetReductionPercent } from './experimentMath';
import type { ExperimentRow } from './experimentStore';
import { experimentFamilies } from './platformMetrics';
import { type SeedExperiment, seedExperiments } from './platformSeedData';

/** The row as it stood at `tMs`: absent before it was created, deploying until it started, running until it ended. */
function rowAt(e: SeedExperiment, tMs: number): ExperimentRow | undefined {
  if (tMs < e.createdAt.getTime()) return undefined;
  const baseline = baselineFor(e.targetNamespaces);
  const started = tMs >= e.startedAt.getTime();
  const ended = e.endedAt !== undefined && tMs >= e.endedAt.getTime();
  return {
    id: e.id,
    name: e.name,
    description: e.description,
    baseline_pipeline: e.baselinePipeline,
    candidate_pipeline: e.candidatePipeline,
    target_namespaces: e.targetNamespaces,
    phase: ended ? e.phase : started ? 'running' : 'deploying',
    duration_seconds: e.durationSeconds,
    baseline_cardinality: String(baseline.cardinality),
    cost_before_monthly: String(baseline.costMonthly),
    target_reduction_percent: String(targetReductionPercent(e.candidatePipeline, e.baselinePipeline)),
    created_at: e.createdAt,
    started_at: started ? e.startedAt : null,
    ended_at: ended && e.endedAt ? e.endedAt : null,
    stop_reason: ended ? (e.stopReason ?? null) : null,
  };
}

/** Families of the seeded experiments at `tMs`, for a platform seeded at `seedMs`. */
export function platformHistory(seedMs: number): (tMs: number) => MetricFamily[] {
  const experiments = seedExperiments(seedMs);
  return (tMs) => experimentFamilies(experiments.flatMap((e) => rowAt(e, tMs) ?? []), tMs);
}

/** How far back the platform's history goes: to the oldest seeded experiment's creation. */
export function platformHistorySeconds(seedMs: number): number {
  return Math.ceil((seedMs - Math.min(...seedExperiments(seedMs).map((e) => e.createdAt.getTime()))) / 1000) + 600;
}
