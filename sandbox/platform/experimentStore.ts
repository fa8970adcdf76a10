// Experiments and pipeline deployments in PostgreSQL, and their JSON as the platform API serves it (snake_case, like the guide's requests).
import { randomBytes } from 'node:crypto';
import type { PoolClient } from 'pg';
import { baselineFor, costFigures, type Phase, reductionPercent, round2, targetReductionPercent } from './experimentMath';
import type { PlatformDb } from './platformDb';

export interface ExperimentRow {
  id: string;
  name: string;
  description: string;
  baseline_pipeline: string;
  candidate_pipeline: string;
  target_namespaces: string[];
  phase: Phase;
  duration_seconds: number;
  baseline_cardinality: string;
  cost_before_monthly: string;
  target_reduction_percent: string;
  created_at: Date;
  started_at: Date | null;
  ended_at: Date | null;
  stop_reason: string | null;
}

export interface PipelineDeploymentRow {
  id: string;
  name: string;
  namespace: string;
  template: string;
  status: string;
  experiment_id: string | null;
  variant: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface NewExperiment {
  name: string;
  description?: string;
  baselinePipeline: string;
  candidatePipeline: string;
  targetNamespaces: string[];
  durationSeconds: number;
}

export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

export async function insertExperiment(c: Pick<PoolClient, 'query'>, e: NewExperiment & { id?: string; phase?: Phase; createdAt?: Date; startedAt?: Date; endedAt?: Date; stopReason?: string }): Promise<ExperimentRow> {
  const baseline = baselineFor(e.targetNamespaces);
  const r = await c.query<ExperimentRow>(
    `INSERT INTO experiments (id, name, description, baseline_pipeline, candidate_pipeline, target_namespaces, phase, duration_seconds,
       baseline_cardinality, cost_before_monthly, target_reduction_percent, created_at, started_at, ended_at, stop_reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, coalesce($12, now()), $13, $14, $15) RETURNING *`,
    [
      e.id ?? newId('exp'),
      e.name,
      e.description ?? '',
      e.baselinePipeline,
      e.candidatePipeline,
      e.targetNamespaces,
      e.phase ?? 'pending',
      e.durationSeconds,
      baseline.cardinality,
      baseline.costMonthly,
      targetReductionPercent(e.candidatePipeline, e.baselinePipeline),
      e.createdAt ?? null,
      e.startedAt ?? null,
      e.endedAt ?? null,
      e.stopReason ?? null,
    ],
  );
  return r.rows[0];
}

export async function listExperiments(db: PlatformDb): Promise<ExperimentRow[]> {
  return (await db.query<ExperimentRow>('SELECT * FROM experiments ORDER BY created_at DESC')).rows;
}

export async function getExperiment(db: PlatformDb, id: string): Promise<ExperimentRow | undefined> {
  return (await db.query<ExperimentRow>('SELECT * FROM experiments WHERE id = $1', [id])).rows[0];
}

export async function listPipelineDeployments(db: PlatformDb, filter: { namespace?: string; experimentId?: string }): Promise<PipelineDeploymentRow[]> {
  const r = await db.query<PipelineDeploymentRow>(
    `SELECT * FROM pipeline_deployments WHERE ($1::text IS NULL OR namespace = $1) AND ($2::text IS NULL OR experiment_id = $2) ORDER BY created_at DESC, name`,
    [filter.namespace ?? null, filter.experimentId ?? null],
  );
  return r.rows;
}

/** The measured figures of an experiment now. */
export function figuresOf(row: ExperimentRow, nowMs: number) {
  const reduction = reductionPercent(
    {
      phase: row.phase,
      targetReductionPercent: Number(row.target_reduction_percent),
      durationSeconds: row.duration_seconds,
      ...(row.started_at ? { startedAtMs: row.started_at.getTime() } : {}),
      ...(row.ended_at ? { endedAtMs: row.ended_at.getTime() } : {}),
    },
    nowMs,
  );
  return costFigures({ cardinality: Number(row.baseline_cardinality), costMonthly: Number(row.cost_before_monthly) }, reduction);
}

export function experimentJson(row: ExperimentRow, nowMs: number): Record<string, unknown> {
  const f = figuresOf(row, nowMs);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    baseline_pipeline: row.baseline_pipeline,
    candidate_pipeline: row.candidate_pipeline,
    target_namespaces: row.target_namespaces,
    phase: row.phase,
    duration_seconds: row.duration_seconds,
    created_at: row.created_at.toISOString(),
    started_at: row.started_at?.toISOString() ?? null,
    ended_at: row.ended_at?.toISOString() ?? null,
    ...(row.stop_reason ? { stop_reason: row.stop_reason } : {}),
    metrics: {
      baseline_cardinality: f.baselineCardinality,
      candidate_cardinality: f.candidateCardinality,
      cardinality_reduction_percent: f.reductionPercent,
      cost_before_monthly: f.costBeforeMonthly,
      cost_after_monthly: f.costAfterMonthly,
      cost_savings_monthly: f.savingsMonthly,
    },
  };
}

export function resultsJson(row: ExperimentRow, nowMs: number): Record<string, unknown> {
  const f = figuresOf(row, nowMs);
  return {
    experiment_id: row.id,
    name: row.name,
    phase: row.phase,
    final: row.phase === 'completed',
    baseline: { pipeline: row.baseline_pipeline, cardinality: f.baselineCardinality, cost_monthly: f.costBeforeMonthly },
    candidate: { pipeline: row.candidate_pipeline, cardinality: f.candidateCardinality, cost_monthly: f.costAfterMonthly },
    cardinality_reduction_percent: f.reductionPercent,
    cost_savings_monthly: f.savingsMonthly,
    cost_savings_annual: round2(f.savingsMonthly * 12),
    generated_at: new Date(nowMs).toISOString(),
  };
}

export function analysisJson(row: ExperimentRow, nowMs: number): Record<string, unknown> {
  const f = figuresOf(row, nowMs);
  const perNamespace = row.target_namespaces.map((ns) => {
    const b = baselineFor([ns]);
    const nf = costFigures(b, f.reductionPercent);
    return { namespace: ns, cardinality_before: b.cardinality, cardinality_after: nf.candidateCardinality, cost_before_monthly: nf.costBeforeMonthly, cost_after_monthly: nf.costAfterMonthly };
  });
  const conclusive = row.phase === 'completed' || row.phase === 'analyzing';
  const recommendation =
    row.phase === 'stopped'
      ? 'Stopped before completion: results are partial.'
      : !conclusive
        ? 'Still collecting data: keep the experiment running.'
        : f.reductionPercent >= 30
          ? `Promote ${row.candidate_pipeline}: it cuts cardinality by ${f.reductionPercent}% with no loss of critical metrics.`
          : `Keep ${row.baseline_pipeline}: ${row.candidate_pipeline} saves too little (${f.reductionPercent}%).`;
  return {
    experiment_id: row.id,
    status: conclusive ? 'conclusive' : row.phase === 'stopped' ? 'partial' : 'in_progress',
    recommendation,
    confidence: conclusive ? 0.95 : 0.5,
    cardinality_reduction_percent: f.reductionPercent,
    cost_before_monthly: f.costBeforeMonthly,
    cost_after_monthly: f.costAfterMonthly,
    cost_savings_monthly: f.savingsMonthly,
    cost_savings_annual: round2(f.savingsMonthly * 12),
    by_namespace: perNamespace,
  };
}

export function pipelineDeploymentJson(row: PipelineDeploymentRow): Record<string, unknown> {
  return {
    id: row.id,
    name: row.name,
    namespace: row.namespace,
    template: row.template,
    status: row.status,
    experiment_id: row.experiment_id,
    variant: row.variant,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}
