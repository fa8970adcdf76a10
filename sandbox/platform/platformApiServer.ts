// The Phoenix platform API of the operations guides over HTTP on 127.0.0.1: health, experiments, pipeline deployments, cost flow and the agents' task endpoint,
// plus /sandbox/* controls (not part of the real API) that trigger failures for tests and demos.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExperimentEngine } from './experimentEngine';
import { PHASES } from './experimentMath';
import { analysisJson, experimentJson, type ExperimentRow, figuresOf, getExperiment, listExperiments, listPipelineDeployments, pipelineDeploymentJson, resultsJson } from './experimentStore';
import { HttpError, readJson, requireString, sendJson, stringArray } from './httpJson';
import type { PlatformDb } from './platformDb';
import { TASK_STATUSES, type TaskStatus } from './platformSchema';
import { claimTasks, reportStatus } from './taskQueue';

/** What the /sandbox/* routes can do; the simulator implements it. */
export interface SandboxControls {
  stopAgent(hostId: string, lastSeenSecondsAgo?: number): Promise<void>;
  startAgent(hostId: string): Promise<void>;
  floodQueue(count?: number): Promise<void>;
  drainQueue(): Promise<number>;
  breakDatabase(): Promise<void>;
  repairDatabase(): Promise<void>;
}

export interface PlatformApiOptions {
  db: PlatformDb;
  engine: ExperimentEngine;
  controls: SandboxControls;
  /** Default duration of a created experiment (the sandbox keeps it short so phases move while you watch). */
  experimentDurationSeconds: number;
  /** When set, /api/v1/* (except the agents' endpoint, which authenticates by X-Agent-Host-ID) needs this bearer token. */
  token?: string;
  /**
   * Whether the API has a ready pod to answer (the simulated cluster's platform-api deployment): without one,
   * everything but /sandbox/* answers 503 as the Service would, so nothing writes to the database.
   */
  serving?: () => boolean;
  port?: number;
}

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

type Handler = (req: IncomingMessage, res: ServerResponse, params: string[], url: URL) => Promise<void>;

export async function startPlatformApi(opts: PlatformApiOptions): Promise<{ url: string; server: Server; stop(): Promise<void> }> {
  const { db, engine, controls } = opts;
  const now = () => Date.now();
  const experimentOr404 = async (id: string): Promise<ExperimentRow> => {
    const row = await getExperiment(db, id);
    if (!row) throw new HttpError(404, `experiment ${id} not found`);
    return row;
  };
  const agentId = (req: IncomingMessage): string => {
    const id = req.headers['x-agent-host-id'];
    if (typeof id !== 'string' || !id.trim()) throw new HttpError(400, 'X-Agent-Host-ID header is required');
    return id.trim();
  };

  const routes: Array<[string, RegExp, Handler]> = [
    ['GET', /^\/health$/, async (_q, res) => {
      const dbOk = await db.query('SELECT 1').then(() => true, () => false);
      sendJson(res, dbOk ? 200 : 503, { status: dbOk ? 'healthy' : 'unhealthy', database: dbOk ? 'up' : 'down', version: 'sandbox' });
    }],
    ['GET', /^\/api\/v1\/experiments$/, async (_q, res) => {
      const rows = await listExperiments(db);
      sendJson(res, 200, { experiments: rows.map((r) => experimentJson(r, now())), total: rows.length });
    }],
    ['POST', /^\/api\/v1\/experiments$/, async (req, res) => {
      const body = await readJson(req);
      const name = requireString(body, 'name');
      if (!NAME.test(name) || name.length > 63) throw new HttpError(400, `"name" must be lower-case letters, digits and dashes (at most 63), got "${name}"`);
      const duration = body.duration_seconds === undefined ? opts.experimentDurationSeconds : Number(body.duration_seconds);
      if (!Number.isInteger(duration) || duration < 1) throw new HttpError(400, '"duration_seconds" must be a positive integer');
      const active = (await listExperiments(db)).find((e) => e.name === name && ['pending', 'deploying', 'running', 'analyzing'].includes(e.phase));
      if (active) throw new HttpError(409, `experiment "${name}" is already ${active.phase} (${active.id})`);
      const row = await engine.create({
        name,
        description: typeof body.description === 'string' ? body.description : '',
        baselinePipeline: requireString(body, 'baseline_pipeline'),
        candidatePipeline: requireString(body, 'candidate_pipeline'),
        targetNamespaces: stringArray(body, 'target_namespaces'),
        durationSeconds: duration,
      });
      sendJson(res, 201, experimentJson(row, now()));
    }],
    ['GET', /^\/api\/v1\/experiments\/([^/]+)$/, async (_q, res, [id]) => sendJson(res, 200, experimentJson(await experimentOr404(id), now()))],
    ['POST', /^\/api\/v1\/experiments\/([^/]+)\/stop$/, async (req, res, [id]) => {
      const body = await readJson(req);
      const reason = typeof body.reason === 'string' && body.reason.trim() ? body.reason.trim() : 'stopped via API';
      const r = await engine.stop(id, reason);
      if (!r.ok) throw new HttpError(r.status, r.message);
      sendJson(res, 200, experimentJson(r.experiment, now()));
    }],
    ['GET', /^\/api\/v1\/experiments\/([^/]+)\/results$/, async (_q, res, [id]) => sendJson(res, 200, resultsJson(await experimentOr404(id), now()))],
    ['GET', /^\/api\/v1\/experiments\/([^/]+)\/analysis$/, async (_q, res, [id]) => sendJson(res, 200, analysisJson(await experimentOr404(id), now()))],
    ['GET', /^\/api\/v1\/pipeline-deployments$/, async (_q, res, _p, url) => {
      const rows = await listPipelineDeployments(db, { namespace: url.searchParams.get('namespace') ?? undefined, experimentId: url.searchParams.get('experiment_id') ?? undefined });
      sendJson(res, 200, { deployments: rows.map(pipelineDeploymentJson), total: rows.length });
    }],
    ['POST', /^\/api\/v1\/pipeline-deployments$/, async (req, res) => {
      const body = await readJson(req);
      const row = await engine.deployPipeline({ name: requireString(body, 'name'), namespace: requireString(body, 'namespace'), template: requireString(body, 'template') });
      sendJson(res, 201, pipelineDeploymentJson(row));
    }],
    ['GET', /^\/api\/v1\/cost-flow$/, async (_q, res) => sendJson(res, 200, costFlow(await listExperiments(db), now()))],
    ['GET', /^\/api\/v1\/agent\/tasks$/, async (req, res) => {
      const host = agentId(req);
      const version = typeof req.headers['x-agent-version'] === 'string' ? req.headers['x-agent-version'] : '';
      const tasks = await claimTasks(db, host, version);
      sendJson(res, 200, { tasks: tasks.map((t) => ({ id: t.id, type: t.type, action: t.action, payload: t.payload, priority: t.priority, experiment_id: t.experiment_id })) });
    }],
    ['POST', /^\/api\/v1\/agent\/tasks\/([^/]+)\/status$/, async (req, res, [id]) => {
      const host = agentId(req);
      const body = await readJson(req);
      const status = requireString(body, 'status') as TaskStatus;
      if (!TASK_STATUSES.includes(status)) throw new HttpError(400, `"status" must be one of ${TASK_STATUSES.join(', ')}`);
      const r = await reportStatus(db, host, id, status, typeof body.error === 'string' ? body.error : undefined);
      if (!r.ok) throw new HttpError(r.status, r.message);
      sendJson(res, 200, { id: r.task.id, status: r.task.status });
    }],
    ['GET', /^\/sandbox$/, (_q, res) => Promise.resolve(sendJson(res, 200, { triggers: SANDBOX_HELP }))],
    ['POST', /^\/sandbox\/agents\/([^/]+)\/stop$/, async (_q, res, [host], url) => {
      const ago = url.searchParams.get('lastSeenSecondsAgo');
      await controls.stopAgent(host, ago === null ? undefined : Number(ago));
      sendJson(res, 200, { stopped: host });
    }],
    ['POST', /^\/sandbox\/agents\/([^/]+)\/start$/, async (_q, res, [host]) => {
      await controls.startAgent(host);
      sendJson(res, 200, { started: host });
    }],
    ['POST', /^\/sandbox\/queue\/flood$/, async (_q, res, _p, url) => {
      const count = Number(url.searchParams.get('count') ?? 150);
      await controls.floodQueue(count);
      sendJson(res, 200, { flooded: count });
    }],
    ['POST', /^\/sandbox\/queue\/drain$/, async (_q, res) => sendJson(res, 200, { drained: await controls.drainQueue() })],
    ['POST', /^\/sandbox\/database\/break$/, async (_q, res) => {
      await controls.breakDatabase();
      sendJson(res, 200, { database: 'broken' });
    }],
    ['POST', /^\/sandbox\/database\/repair$/, async (_q, res) => {
      await controls.repairDatabase();
      sendJson(res, 200, { database: 'repaired' });
    }],
  ];

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const handle = async () => {
      const sameMethod = routes.filter(([m]) => m === req.method);
      for (const [, re, handler] of sameMethod) {
        const m = re.exec(path);
        if (m) {
          if (opts.serving && !path.startsWith('/sandbox') && !opts.serving()) throw new HttpError(503, 'no endpoints available for service "platform-api"');
          if (opts.token && path.startsWith('/api/v1/') && !path.startsWith('/api/v1/agent/') && req.headers.authorization !== `Bearer ${opts.token}`) {
            throw new HttpError(401, 'missing or invalid bearer token');
          }
          return handler(req, res, m.slice(1).map(decodeURIComponent), url);
        }
      }
      const otherMethod = routes.some(([, re]) => re.test(path));
      throw new HttpError(otherMethod ? 405 : 404, otherMethod ? `${req.method ?? ''} not allowed on ${path}` : `no route ${path}`);
    };
    handle().catch((e: unknown) => {
      if (res.headersSent) return res.end();
      if (e instanceof HttpError) return sendJson(res, e.status, { error: e.message });
      // The database is gone (or refuses us): the real API answers 503 then.
      const message = e instanceof Error ? e.message : String(e);
      const dbDown = typeof (e as { code?: unknown }).code === 'string' || /connect|terminat|password|timeout/i.test(message);
      sendJson(res, dbDown ? 503 : 500, { error: dbDown ? `database unavailable: ${message}` : message });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let stopped: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}

export const SANDBOX_HELP = [
  'POST /sandbox/agents/{host_id}/stop?lastSeenSecondsAgo=360  stop an agent (its last seen is set that far back, so AgentDown fires at once)',
  'POST /sandbox/agents/{host_id}/start                        start it again',
  'POST /sandbox/queue/flood?count=150                        add pending tasks for a host no agent serves (TaskQueueBackup)',
  'POST /sandbox/queue/drain                                  delete those flood tasks again',
  'POST /sandbox/database/break                               the API loses its database (wrong credentials; DatabaseConnectionFailed)',
  'POST /sandbox/database/repair                              and gets it back',
];

/** The guide's "current cost flow": what the optimised namespaces cost before and after, from completed experiments. */
function costFlow(rows: ExperimentRow[], nowMs: number): Record<string, unknown> {
  const latest = new Map<string, ExperimentRow>();
  for (const r of rows.filter((e) => e.phase === 'completed')) for (const ns of r.target_namespaces) if (!latest.has(ns)) latest.set(ns, r);
  let before = 0;
  let after = 0;
  const byExperiment = [...new Set(latest.values())].map((r) => {
    const f = figuresOf(r, nowMs);
    before += f.costBeforeMonthly;
    after += f.costAfterMonthly;
    return { experiment_id: r.id, name: r.name, cost_before_monthly: f.costBeforeMonthly, cost_after_monthly: f.costAfterMonthly };
  });
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    before_monthly: round(before),
    after_monthly: round(after),
    savings_monthly: round(before - after),
    reduction_percent: before > 0 ? round(((before - after) / before) * 100) : 0,
    active_experiments: rows.filter((r) => ['pending', 'deploying', 'running', 'analyzing'].includes(r.phase)).length,
    phases: Object.fromEntries(PHASES.map((p) => [p, rows.filter((r) => r.phase === p).length])),
    by_experiment: byExperiment,
  };
}
