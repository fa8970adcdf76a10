// The platform's PostgreSQL task queue (guide 003) read and changed through withPg: depth by status, the tasks of
// an agent or an experiment, and requeueing a failed task.
import type { Client } from 'pg';
import { err, ok, type Result } from '../../core/result';
import { type PgError, type PgSettings, withPg } from '../postgres/postgresClient';

export const TASK_STATUSES = ['pending', 'assigned', 'running', 'completed', 'failed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export type QueueDepth = Record<TaskStatus, number> & { other: number };

export interface QueueTask {
  id: string;
  hostId: string;
  experimentId?: string;
  type: string;
  action: string;
  priority: number;
  status: string;
  error?: string;
  attempts?: number;
  createdAt: Date;
  updatedAt?: Date;
}

export interface TaskFilter {
  hostId?: string;
  experimentId?: string;
  status?: TaskStatus;
  limit?: number;
}

interface TaskRow {
  id: string;
  host_id: string;
  experiment_id: string | null;
  type: string;
  action: string;
  priority: number;
  status: string;
  error: string | null;
  attempts: number | null;
  created_at: Date;
  updated_at: Date | null;
}

export class TaskQueueClient {
  constructor(private readonly pgSettings: () => Promise<PgSettings>) {}

  /** withPg, plus: with no password stored pg fails with a SASL message nobody can act on, so say what to do instead. */
  private async run<T>(fn: (c: Client) => Promise<T>, signal?: AbortSignal): Promise<Result<T, PgError>> {
    const settings = await this.pgSettings();
    const r = await withPg(settings, fn, signal);
    if (!r.ok && /client password must be a string/i.test(r.error.message)) {
      return err({ kind: 'auth', message: `No password is stored for ${settings.user}@${settings.host}:${settings.port}/${settings.database}`, hint: 'Run "Phoenix Ops: Set Database Password".' });
    }
    return r;
  }

  /** `where` for messages, e.g. phoenix@127.0.0.1:5432/phoenix. */
  async where(): Promise<string> {
    const s = await this.pgSettings();
    return `${s.user}@${s.host}:${s.port}/${s.database}`;
  }

  /** The guide's own query: SELECT status, count(*) FROM tasks GROUP BY status. Unknown statuses count as `other`. */
  async depth(signal?: AbortSignal): Promise<Result<QueueDepth, PgError>> {
    return this.run(
      async (c) => {
        const r = await c.query<{ status: string; n: string }>('SELECT status, count(*) AS n FROM tasks GROUP BY status');
        const depth: QueueDepth = { pending: 0, assigned: 0, running: 0, completed: 0, failed: 0, other: 0 };
        for (const row of r.rows) {
          if ((TASK_STATUSES as readonly string[]).includes(row.status)) depth[row.status as TaskStatus] = Number(row.n);
          else depth.other += Number(row.n);
        }
        return depth;
      },
      signal,
    );
  }

  /** Newest first. */
  async tasks(f: TaskFilter, signal?: AbortSignal): Promise<Result<QueueTask[], PgError>> {
    return this.run(
      async (c) => {
        // Only columns the guide names, plus the ones this schema adds (error, attempts, updated_at) read defensively.
        const cols = await this.columns(c);
        const opt = (name: string) => (cols.has(name) ? name : `NULL AS ${name}`);
        const r = await c.query<TaskRow>(
          `SELECT id::text AS id, host_id, ${opt('experiment_id')}, type, action, priority, status, ${opt('error')}, ${opt('attempts')}, created_at, ${opt('updated_at')}
           FROM tasks
           WHERE ($1::text IS NULL OR host_id = $1) AND ($2::text IS NULL OR ${cols.has('experiment_id') ? 'experiment_id' : 'NULL'} = $2) AND ($3::text IS NULL OR status = $3)
           ORDER BY created_at DESC LIMIT $4`,
          [f.hostId ?? null, f.experimentId ?? null, f.status ?? null, f.limit ?? 50],
        );
        return r.rows.map(toTask);
      },
      signal,
    );
  }

  /**
   * failed → pending, so an agent takes it on its next poll. Only a task that is still failed is
   * changed (someone may have requeued it meanwhile); the answer says which happened.
   */
  async requeue(id: string, signal?: AbortSignal): Promise<Result<QueueTask, PgError | { kind: 'notFailed'; message: string; hint: string }>> {
    const r = await this.run(
      async (c) => {
        const cols = await this.columns(c);
        const sets = ["status = 'pending'", ...(cols.has('error') ? ['error = NULL'] : []), ...(cols.has('updated_at') ? ['updated_at = now()'] : []), ...(cols.has('assigned_at') ? ['assigned_at = NULL'] : []), ...(cols.has('started_at') ? ['started_at = NULL'] : []), ...(cols.has('completed_at') ? ['completed_at = NULL'] : [])];
        const u = await c.query<TaskRow>(
          `UPDATE tasks SET ${sets.join(', ')} WHERE id::text = $1 AND status = 'failed'
           RETURNING id::text AS id, host_id, ${cols.has('experiment_id') ? 'experiment_id' : 'NULL AS experiment_id'}, type, action, priority, status, NULL AS error, NULL AS attempts, created_at, NULL AS updated_at`,
          [id],
        );
        if (u.rows[0]) return { task: toTask(u.rows[0]) };
        const cur = await c.query<{ status: string }>('SELECT status FROM tasks WHERE id::text = $1', [id]);
        return { status: cur.rows[0]?.status };
      },
      signal,
    );
    if (!r.ok) return r;
    if (r.value.task) return ok(r.value.task);
    return err({
      kind: 'notFailed',
      message: r.value.status ? `Task ${id} is ${r.value.status} now, not failed: nothing to requeue` : `Task ${id} no longer exists`,
      hint: 'Refresh the view.',
    });
  }

  private async columns(c: Client): Promise<Set<string>> {
    const r = await c.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = 'tasks' AND table_schema = current_schema()`);
    return new Set(r.rows.map((x) => x.column_name));
  }
}

function toTask(r: TaskRow): QueueTask {
  return {
    id: r.id,
    hostId: r.host_id,
    ...(r.experiment_id ? { experimentId: r.experiment_id } : {}),
    type: r.type,
    action: r.action,
    priority: Number(r.priority),
    status: r.status,
    ...(r.error ? { error: r.error } : {}),
    ...(r.attempts !== null ? { attempts: Number(r.attempts) } : {}),
    createdAt: r.created_at,
    ...(r.updated_at ? { updatedAt: r.updated_at } : {}),
  };
}
