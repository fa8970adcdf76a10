// The platform's starting state (only into empty tables): three agents, a completed, a running and a stopped experiment with their pipelines, and task history including two failures to requeue.
import type { PoolClient } from 'pg';
import type { Phase } from './experimentMath';
import { insertExperiment } from './experimentStore';
import type { PlatformDb } from './platformDb';
import { inTransaction } from './platformSchema';

export const SEED_AGENTS = ['agent-001', 'agent-002', 'agent-003'] as const;
export const AGENT_VERSION = '1.4.2';

export const SEED_EXPERIMENTS = {
  completed: { id: 'exp-c0ffee', name: 'cost-opt-prod' },
  running: { id: 'exp-70b5a1', name: 'topk-sampling-trial' },
  stopped: { id: 'exp-ad4f17', name: 'adaptive-filter-dev' },
} as const;

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

export interface SeedExperiment {
  id: string;
  name: string;
  description: string;
  baselinePipeline: string;
  candidatePipeline: string;
  targetNamespaces: string[];
  durationSeconds: number;
  phase: Phase;
  createdAt: Date;
  startedAt: Date;
  endedAt?: Date;
  stopReason?: string;
}

/** The seeded experiments relative to `nowMs` (also what the metric history of the sandbox is computed from). */
export function seedExperiments(nowMs: number): SeedExperiment[] {
  const at = (agoMs: number) => new Date(nowMs - agoMs);
  const done = SEED_EXPERIMENTS.completed;
  const run = SEED_EXPERIMENTS.running;
  const stopped = SEED_EXPERIMENTS.stopped;
  return [
    {
      id: done.id, name: done.name, description: 'Intelligent pipeline on the platform and the todo app (the 70 % of guide 003).',
      baselinePipeline: 'process-baseline-v1', candidatePipeline: 'process-intelligent-v1', targetNamespaces: ['phoenix-system', 'phase-5'],
      durationSeconds: 86_400, phase: 'completed', createdAt: at(4 * DAY), startedAt: at(4 * DAY - 5 * MIN), endedAt: at(3 * DAY - 4 * MIN),
    },
    {
      id: run.id, name: run.name, description: 'Top-k sampling of the todo app metrics.',
      baselinePipeline: 'process-baseline-v1', candidatePipeline: 'process-topk-v1', targetNamespaces: ['phase-5'],
      durationSeconds: 2 * 3600, phase: 'running', createdAt: at(12 * MIN), startedAt: at(10 * MIN),
    },
    {
      id: stopped.id, name: stopped.name, description: 'Adaptive filter on the dev platform.',
      baselinePipeline: 'process-baseline-v1', candidatePipeline: 'process-adaptive-filter-v1', targetNamespaces: ['phoenix-system'],
      durationSeconds: 4 * 3600, phase: 'stopped', createdAt: at(2 * DAY), startedAt: at(2 * DAY - 3 * MIN), endedAt: at(2 * DAY - 50 * MIN),
      stopReason: 'stopped by operator: dashboards missing series',
    },
  ];
}

/** Seeds once: a database that already holds experiments (a restarted simulator) is left alone. */
export async function seedPlatform(db: PlatformDb, nowMs = Date.now()): Promise<boolean> {
  return inTransaction(db.current, async (c) => {
    const { rows } = await c.query<{ n: string }>('SELECT count(*) AS n FROM experiments');
    if (Number(rows[0]?.n ?? 0) > 0) return false;
    const at = (agoMs: number) => new Date(nowMs - agoMs);
    for (const host of SEED_AGENTS) {
      await c.query(`INSERT INTO agents (host_id, version, first_seen_at, last_seen_at) VALUES ($1, $2, $3, now())`, [host, AGENT_VERSION, at(30 * DAY)]);
    }
    const [done, run, stopped] = seedExperiments(nowMs) as [SeedExperiment, SeedExperiment, SeedExperiment];

    await insertExperiment(c, done);
    await pipelines(c, done.id, done.name, done.targetNamespaces, done.baselinePipeline, done.candidatePipeline, 'running', at(4 * DAY));
    await history(c, done.id, at(4 * DAY), [
      ['agent-001', 'deployment', 'deploy-pipeline process-baseline-v1', 'completed'],
      ['agent-002', 'deployment', 'deploy-pipeline process-intelligent-v1', 'completed'],
      ['agent-003', 'deployment', 'deploy-pipeline process-baseline-v1', 'completed'],
      ['agent-001', 'deployment', 'deploy-pipeline process-intelligent-v1', 'completed'],
      ['agent-001', 'experiment', 'analyze-results', 'completed'],
    ]);

    await insertExperiment(c, run);
    await pipelines(c, run.id, run.name, run.targetNamespaces, run.baselinePipeline, run.candidatePipeline, 'running', at(12 * MIN));
    await history(c, run.id, at(12 * MIN), [
      ['agent-001', 'deployment', 'deploy-pipeline process-baseline-v1', 'completed'],
      ['agent-002', 'deployment', 'deploy-pipeline process-topk-v1', 'completed'],
      ['agent-001', 'metrics', 'configure-metrics-collection', 'completed'],
      ['agent-003', 'metrics', 'configure-metrics-collection', 'completed'],
      ['agent-002', 'metrics', 'configure-metrics-collection', 'failed', 'otelcol config reload failed: exit status 1 (processor "topk" not found in build)'],
    ]);

    await insertExperiment(c, stopped);
    await pipelines(c, stopped.id, stopped.name, stopped.targetNamespaces, stopped.baselinePipeline, stopped.candidatePipeline, 'stopped', at(2 * DAY));
    await history(c, null, at(40 * MIN), [['agent-003', 'health', 'report-health', 'failed', 'health check timed out after 30s']]);
    return true;
  });
}

async function pipelines(c: PoolClient, expId: string, name: string, namespaces: string[], baseline: string, candidate: string, status: string, created: Date): Promise<void> {
  let n = 0;
  for (const ns of namespaces) {
    for (const [variant, template] of [['baseline', baseline], ['candidate', candidate]] as const) {
      await c.query(
        `INSERT INTO pipeline_deployments (id, name, namespace, template, status, experiment_id, variant, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
        [`pd-${expId.slice(4)}${n++}`, `${name}-${variant}`, ns, template, status, expId, variant, created],
      );
    }
  }
}

type HistoryRow = [host: string, type: string, action: string, status: 'completed' | 'failed', error?: string];

async function history(c: PoolClient, expId: string | null, start: Date, rows: HistoryRow[]): Promise<void> {
  let t = start.getTime();
  for (const [host, type, action, status, error] of rows) {
    t += 20_000;
    const at = new Date(t);
    await c.query(
      `INSERT INTO tasks (host_id, experiment_id, type, action, status, error, attempts, priority, created_at, assigned_at, started_at, completed_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 1, 3, $7, $7, $7, $8, $8)`,
      [host, expId, type, action, status, error ?? null, at, new Date(t + 4000)],
    );
  }
}
