// Moves experiments through their phases over time, driven by the task queue: pending → deploying (deployment
// tasks) → running (metrics tasks) → analyzing (an experiment task) → completed; stop ends one early.
import type { Phase } from './experimentMath';
import { type ExperimentRow, insertExperiment, newId, type NewExperiment, type PipelineDeploymentRow } from './experimentStore';
import type { PlatformDb } from './platformDb';
import { inTransaction } from './platformSchema';
import { enqueue } from './taskQueue';

const ACTIVE: readonly Phase[] = ['pending', 'deploying', 'running', 'analyzing'];

export type StopOutcome = { ok: true; experiment: ExperimentRow } | { ok: false; status: 404 | 409; message: string };

export class ExperimentEngine {
  private lastHealthMs = 0;

  constructor(
    private readonly db: PlatformDb,
    private readonly opts: { healthEveryMs: number },
  ) {}

  /** Creates an experiment in phase pending; the next tick deploys its pipelines. */
  async create(e: NewExperiment): Promise<ExperimentRow> {
    return insertExperiment(this.db.current, e);
  }

  async stop(id: string, reason: string): Promise<StopOutcome> {
    return inTransaction(this.db.current, async (c) => {
      const r = await c.query<ExperimentRow>(
        `UPDATE experiments SET phase = 'stopped', ended_at = now(), stop_reason = $2 WHERE id = $1 AND phase = ANY($3) RETURNING *`,
        [id, reason, ACTIVE],
      );
      const row = r.rows[0];
      if (!row) {
        const cur = (await c.query<ExperimentRow>('SELECT * FROM experiments WHERE id = $1', [id])).rows[0];
        return cur ? { ok: false, status: 409, message: `experiment ${id} is already ${cur.phase}` } : { ok: false, status: 404, message: `experiment ${id} not found` };
      }
      await c.query(`UPDATE tasks SET status = 'failed', error = 'cancelled: experiment stopped', completed_at = now(), updated_at = now() WHERE experiment_id = $1 AND status = 'pending'`, [id]);
      await c.query(`UPDATE pipeline_deployments SET status = 'stopped', updated_at = now() WHERE experiment_id = $1`, [id]);
      return { ok: true, experiment: row };
    });
  }

  /** A pipeline deployment outside any experiment: one deployment task for an agent. */
  async deployPipeline(d: { name: string; namespace: string; template: string }): Promise<PipelineDeploymentRow> {
    const hosts = await this.hosts();
    return inTransaction(this.db.current, async (c) => {
      const row = (
        await c.query<PipelineDeploymentRow>(
          `INSERT INTO pipeline_deployments (id, name, namespace, template, status) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
          [newId('pd'), d.name, d.namespace, d.template, hosts.length ? 'deploying' : 'pending'],
        )
      ).rows[0];
      if (hosts[0]) await enqueue(c, { hostId: hosts[0], type: 'deployment', action: `deploy-pipeline ${d.template}`, payload: { deployment_id: row.id, namespace: d.namespace }, priority: 5 });
      return row;
    });
  }

  /** One step of every experiment; safe to run concurrently with API requests (each step is one statement or transaction). */
  async tick(nowMs = Date.now()): Promise<void> {
    await this.deployPending();
    // Pipeline deployments follow their deployment task (a requeued failure deploys again).
    await this.db.query(
      `UPDATE pipeline_deployments pd SET status = s.next, updated_at = now()
       FROM (SELECT pd2.id, CASE t.status WHEN 'completed' THEN 'running' WHEN 'failed' THEN 'failed' ELSE 'deploying' END AS next
             FROM pipeline_deployments pd2 JOIN tasks t ON t.type = 'deployment' AND t.payload->>'deployment_id' = pd2.id
             WHERE pd2.status IN ('pending', 'deploying', 'failed')) s
       WHERE pd.id = s.id AND pd.status <> s.next`,
    );
    const started = await this.db.query<{ id: string }>(
      `UPDATE experiments e SET phase = 'running', started_at = now()
       WHERE phase = 'deploying' AND NOT EXISTS (SELECT 1 FROM pipeline_deployments pd WHERE pd.experiment_id = e.id AND pd.status <> 'running')
       RETURNING id`,
    );
    const hosts = await this.hosts();
    for (const { id } of started.rows) {
      for (const h of hosts) await enqueue(this.db.current, { hostId: h, experimentId: id, type: 'metrics', action: 'configure-metrics-collection', priority: 3 });
    }
    const analyzing = await this.db.query<{ id: string }>(
      `UPDATE experiments SET phase = 'analyzing' WHERE phase = 'running' AND started_at + duration_seconds * interval '1 second' <= now() RETURNING id`,
    );
    for (const { id } of analyzing.rows) {
      if (hosts[0]) await enqueue(this.db.current, { hostId: hosts[0], experimentId: id, type: 'experiment', action: 'analyze-results', priority: 4 });
    }
    await this.db.query(
      `UPDATE experiments e SET phase = 'completed', ended_at = now()
       WHERE phase = 'analyzing' AND EXISTS (SELECT 1 FROM tasks t WHERE t.experiment_id = e.id AND t.type = 'experiment' AND t.status = 'completed')`,
    );
    if (nowMs - this.lastHealthMs >= this.opts.healthEveryMs) {
      this.lastHealthMs = nowMs;
      // One outstanding health check per agent: a silent agent's queue grows by one, not without bound.
      await this.db.query(
        `INSERT INTO tasks (host_id, type, action, priority)
         SELECT a.host_id, 'health', 'report-health', 1 FROM agents a
         WHERE NOT EXISTS (SELECT 1 FROM tasks t WHERE t.host_id = a.host_id AND t.type = 'health' AND t.status IN ('pending', 'assigned', 'running'))`,
      );
    }
  }

  /** pending → deploying: a baseline and a candidate pipeline per target namespace, each deployed by an agent (round robin). */
  private async deployPending(): Promise<void> {
    const hosts = await this.hosts();
    if (hosts.length === 0) return;
    const pending = (await this.db.query<ExperimentRow>(`SELECT * FROM experiments WHERE phase = 'pending' ORDER BY created_at`)).rows;
    for (const e of pending) {
      await inTransaction(this.db.current, async (c) => {
        const claimed = await c.query(`UPDATE experiments SET phase = 'deploying' WHERE id = $1 AND phase = 'pending'`, [e.id]);
        if (claimed.rowCount !== 1) return;
        let i = 0;
        for (const ns of e.target_namespaces) {
          for (const [variant, template] of [['baseline', e.baseline_pipeline], ['candidate', e.candidate_pipeline]] as const) {
            const id = newId('pd');
            await c.query(
              `INSERT INTO pipeline_deployments (id, name, namespace, template, status, experiment_id, variant) VALUES ($1, $2, $3, $4, 'deploying', $5, $6)`,
              [id, `${e.name}-${variant}`, ns, template, e.id, variant],
            );
            const host = hosts[i++ % hosts.length];
            await enqueue(c, { hostId: host, experimentId: e.id, type: 'deployment', action: `deploy-pipeline ${template}`, payload: { deployment_id: id, namespace: ns, variant }, priority: 5 });
          }
        }
      });
    }
  }

  private async hosts(): Promise<string[]> {
    return (await this.db.query<{ host_id: string }>('SELECT host_id FROM agents ORDER BY host_id')).rows.map((r) => r.host_id);
  }
}
