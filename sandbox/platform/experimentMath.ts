// Pure numbers of a simulated experiment: baseline cardinality and cost per namespace, the reduction a candidate pipeline reaches, and its progress over time.
import { hashString } from '../kube/logs/prng';

export const PHASES = ['pending', 'deploying', 'running', 'analyzing', 'completed', 'stopped', 'failed'] as const;
export type Phase = (typeof PHASES)[number];

/** The value of phoenix_experiment_phase (one gauge per experiment, as guide 003 shows it). */
export const PHASE_NUMBER: Readonly<Record<Phase, number>> = { pending: 0, deploying: 1, running: 2, analyzing: 3, completed: 4, stopped: 5, failed: 6 };

/** What one active metric series costs per month: 600k series ≈ the guide's $50,000/month "before". */
export const DOLLARS_PER_SERIES_MONTH = 0.0833;

export interface Baseline {
  cardinality: number;
  costMonthly: number;
}

/** A namespace's active series, stable per name (120k–480k). */
export function namespaceCardinality(namespace: string): number {
  return 120_000 + (hashString(`card:${namespace}`) % 360) * 1000;
}

export function baselineFor(namespaces: readonly string[]): Baseline {
  const cardinality = namespaces.reduce((sum, ns) => sum + namespaceCardinality(ns), 0);
  return { cardinality, costMonthly: round2(cardinality * DOLLARS_PER_SERIES_MONTH) };
}

/**
 * The reduction a candidate pipeline settles at, after the strategies of guide 003 (adaptive filter,
 * top-k sampling, hybrid; the "intelligent" pipeline is the 70 % of its headline). The baseline itself reduces nothing.
 */
export function targetReductionPercent(candidate: string, baseline: string): number {
  const c = candidate.toLowerCase();
  if (c === baseline.toLowerCase()) return 0;
  if (c.includes('hybrid')) return 72;
  if (c.includes('intelligent')) return 70;
  if (c.includes('adaptive')) return 62;
  if (c.includes('topk') || c.includes('top-k')) return 55;
  return 35 + (hashString(`target:${c}`) % 20);
}

export interface ProgressInput {
  phase: Phase;
  targetReductionPercent: number;
  durationSeconds: number;
  startedAtMs?: number;
  endedAtMs?: number;
}

/** Cardinality reduction measured so far: 0 before the candidate runs, rising towards the target while running, frozen when it ends. */
export function reductionPercent(e: ProgressInput, nowMs: number): number {
  if (e.phase === 'pending' || e.phase === 'deploying' || e.startedAtMs === undefined) return 0;
  // A completed run reports the converged figure of its final analysis.
  if (e.phase === 'completed') return e.targetReductionPercent;
  const until = e.phase === 'running' || e.phase === 'analyzing' ? nowMs : (e.endedAtMs ?? nowMs);
  const elapsed = Math.max(0, (until - e.startedAtMs) / 1000);
  // The candidate learns quickly: ~95 % of the final reduction at a third of the run (1 − e^(−9·f)).
  const f = Math.min(1, elapsed / Math.max(1, e.durationSeconds));
  return round2(e.targetReductionPercent * (1 - Math.exp(-9 * f)));
}

export interface CostFigures {
  baselineCardinality: number;
  candidateCardinality: number;
  reductionPercent: number;
  costBeforeMonthly: number;
  costAfterMonthly: number;
  savingsMonthly: number;
}

export function costFigures(baseline: Baseline, reduction: number): CostFigures {
  const after = round2(baseline.costMonthly * (1 - reduction / 100));
  return {
    baselineCardinality: baseline.cardinality,
    candidateCardinality: Math.round(baseline.cardinality * (1 - reduction / 100)),
    reductionPercent: reduction,
    costBeforeMonthly: baseline.costMonthly,
    costAfterMonthly: after,
    savingsMonthly: round2(baseline.costMonthly - after),
  };
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
