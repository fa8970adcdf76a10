// The platform's tables in the sandbox's real PostgreSQL: the task queue of guide 003, experiments, pipeline deployments and the agents' last poll.
import type { Pool, PoolClient } from 'pg';

export const TASK_TYPES = ['deployment', 'metrics', 'experiment', 'health'] as const;
export type TaskType = (typeof TASK_TYPES)[number];
export const TASK_STATUSES = ['pending', 'assigned', 'running', 'completed', 'failed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * `tasks` follows guide 003 (id, host_id, type, action, priority, status, created_at; pending → assigned →
 * running → completed | failed; agents claim with FOR UPDATE SKIP LOCKED). `agents.last_seen_at` is what
 * phoenix_agent_last_seen_seconds exports. Idempotent, so a restarted simulator reuses the tables.
 */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS experiments (
  id text PRIMARY KEY,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  baseline_pipeline text NOT NULL,
  candidate_pipeline text NOT NULL,
  target_namespaces text[] NOT NULL,
  phase text NOT NULL DEFAULT 'pending',
  duration_seconds integer NOT NULL,
  baseline_cardinality bigint NOT NULL,
  cost_before_monthly numeric(12,2) NOT NULL,
  target_reduction_percent numeric(5,2) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  ended_at timestamptz,
  stop_reason text
);
CREATE TABLE IF NOT EXISTS pipeline_deployments (
  id text PRIMARY KEY,
  name text NOT NULL,
  namespace text NOT NULL,
  template text NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  experiment_id text REFERENCES experiments(id),
  variant text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS pipeline_deployments_namespace ON pipeline_deployments (namespace);
CREATE TABLE IF NOT EXISTS agents (
  host_id text PRIMARY KEY,
  version text NOT NULL DEFAULT '',
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS tasks (
  id bigserial PRIMARY KEY,
  host_id text NOT NULL,
  experiment_id text REFERENCES experiments(id),
  type text NOT NULL CHECK (type IN ('deployment', 'metrics', 'experiment', 'health')),
  action text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  priority integer NOT NULL DEFAULT 0,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'assigned', 'running', 'completed', 'failed')),
  error text,
  attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  assigned_at timestamptz,
  started_at timestamptz,
  completed_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS tasks_poll ON tasks (host_id, status, priority DESC, created_at);
CREATE INDEX IF NOT EXISTS tasks_experiment ON tasks (experiment_id);
`;

export async function createSchema(pool: Pool): Promise<void> {
  await pool.query(SCHEMA_SQL);
}

/** Runs `fn` in one transaction on one pooled connection. */
export async function inTransaction<T>(pool: Pool, fn: (c: PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const result = await fn(c);
    await c.query('COMMIT');
    return result;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}
