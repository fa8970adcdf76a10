// The PostgreSQL task queue of guide 003, server side: enqueue, claim with FOR UPDATE SKIP LOCKED (so agents never take the same task), status reports.
import type { PoolClient } from 'pg';
import type { PlatformDb } from './platformDb';
import { inTransaction, type TaskStatus, type TaskType } from './platformSchema';

export interface TaskRow {
  id: string;
  host_id: string;
  experiment_id: string | null;
  type: TaskType;
  action: string;
  payload: Record<string, unknown>;
  priority: number;
  status: TaskStatus;
  error: string | null;
  attempts: number;
  created_at: Date;
  assigned_at: Date | null;
  started_at: Date | null;
  completed_at: Date | null;
  updated_at: Date;
}

export interface NewTask {
  hostId: string;
  type: TaskType;
  action: string;
  experimentId?: string;
  payload?: Record<string, unknown>;
  priority?: number;
}

/** Tasks an agent takes per poll (the guide's LIMIT 10). */
export const CLAIM_LIMIT = 10;
/** Host id of the tasks the "flood the queue" trigger adds: no agent serves it, so they stay pending. */
export const FLOOD_HOST = 'agent-decommissioned';

export async function enqueue(c: Pick<PoolClient, 'query'>, t: NewTask): Promise<string> {
  const r = await c.query<{ id: string }>(
    'INSERT INTO tasks (host_id, experiment_id, type, action, payload, priority) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [t.hostId, t.experimentId ?? null, t.type, t.action, JSON.stringify(t.payload ?? {}), t.priority ?? 0],
  );
  return r.rows[0]?.id ?? '';
}

/**
 * One agent poll: records the agent as seen, then claims its pending tasks, highest priority and
 * oldest first, skipping rows another transaction holds — the guide's polling query.
 */
export async function claimTasks(db: PlatformDb, hostId: string, version: string): Promise<TaskRow[]> {
  return inTransaction(db.current, async (c) => {
    await c.query(
      `INSERT INTO agents (host_id, version) VALUES ($1, $2)
       ON CONFLICT (host_id) DO UPDATE SET last_seen_at = now(), version = excluded.version`,
      [hostId, version],
    );
    const r = await c.query<TaskRow>(
      `WITH claimed AS (
         SELECT id FROM tasks WHERE host_id = $1 AND status = 'pending'
         ORDER BY priority DESC, created_at ASC
         FOR UPDATE SKIP LOCKED LIMIT ${CLAIM_LIMIT})
       UPDATE tasks t SET status = 'assigned', assigned_at = now(), updated_at = now(), attempts = t.attempts + 1
       FROM claimed WHERE t.id = claimed.id RETURNING t.*`,
      [hostId],
    );
    return r.rows.sort((a, b) => b.priority - a.priority || a.created_at.getTime() - b.created_at.getTime());
  });
}

export type ReportOutcome = { ok: true; task: TaskRow } | { ok: false; status: 404 | 409; message: string };

const NEXT: Readonly<Record<string, readonly TaskStatus[]>> = { assigned: ['running', 'completed', 'failed'], running: ['completed', 'failed'] };

/** An agent's status report for a task it holds: assigned → running → completed | failed. */
export async function reportStatus(db: PlatformDb, hostId: string, id: string, status: TaskStatus, error?: string): Promise<ReportOutcome> {
  return inTransaction(db.current, async (c) => {
    const cur = (await c.query<TaskRow>('SELECT * FROM tasks WHERE id = $1 FOR UPDATE', [id])).rows[0];
    if (!cur) return { ok: false, status: 404, message: `task ${id} not found` };
    if (cur.host_id !== hostId) return { ok: false, status: 409, message: `task ${id} belongs to ${cur.host_id}, not ${hostId}` };
    if (!(NEXT[cur.status] ?? []).includes(status)) return { ok: false, status: 409, message: `task ${id} is ${cur.status}; cannot become ${status}` };
    const r = await c.query<TaskRow>(
      `UPDATE tasks SET status = $2, updated_at = now(),
         started_at = CASE WHEN $2 = 'running' THEN now() ELSE started_at END,
         completed_at = CASE WHEN $2 IN ('completed', 'failed') THEN now() ELSE completed_at END,
         error = CASE WHEN $2 = 'failed' THEN $3 ELSE NULL END
       WHERE id = $1 RETURNING *`,
      [id, status, error ?? null],
    );
    return { ok: true, task: r.rows[0] };
  });
}

/** The "flood the queue" trigger: `count` pending tasks for a host no agent serves. */
export async function flood(db: PlatformDb, count: number): Promise<void> {
  await db.query(
    `INSERT INTO tasks (host_id, type, action, payload, priority)
     SELECT $1, 'metrics', 'collect-metrics', jsonb_build_object('flood', true, 'n', g), 0 FROM generate_series(1, $2) g`,
    [FLOOD_HOST, count],
  );
}

/** Undoes flood(): deletes the flood's tasks that are still pending. */
export async function drainFlood(db: PlatformDb): Promise<number> {
  return (await db.query(`DELETE FROM tasks WHERE host_id = $1 AND status = 'pending'`, [FLOOD_HOST])).rowCount ?? 0;
}

export async function queueDepth(db: PlatformDb): Promise<Record<TaskStatus, number>> {
  const r = await db.query<{ status: TaskStatus; n: string }>('SELECT status, count(*) AS n FROM tasks GROUP BY status');
  const depth: Record<TaskStatus, number> = { pending: 0, assigned: 0, running: 0, completed: 0, failed: 0 };
  for (const row of r.rows) depth[row.status] = Number(row.n);
  return depth;
}
