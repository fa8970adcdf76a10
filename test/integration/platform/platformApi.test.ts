// The platform API simulator through the cockpit's clients: experiments move through their phases and stop; the
// PostgreSQL queue as the cockpit reads it equals the guide's query and the exported metric; requeue; the agent fleet; failures.
import assert from 'node:assert/strict';
import { Client } from 'pg';
import { fetchAgentAges } from '../../../src/clients/platform/agentMetrics';
import { PlatformClient } from '../../../src/clients/platform/platformClient';
import { TaskQueueClient } from '../../../src/clients/platform/taskQueueClient';
import type { PgSettings } from '../../../src/clients/postgres/postgresClient';
import { PrometheusClient } from '../../../src/clients/prometheus/prometheusClient';
import { AgentsStore } from '../../../src/domain/platform/agentsStore';
import { ExperimentsStore } from '../../../src/domain/platform/experimentsStore';
import { startPlatformApi } from '../../../sandbox/platform/platformApiServer';
import { type Sandbox, startSandbox } from '../../../sandbox/sandbox';
import { promScalar } from '../services/serviceTestKit';
import { waitFor } from '../../shared/waitFor';

describe('platform API simulator and task queue through the cockpit clients', function () {
  this.timeout(120_000);
  let sandbox: Sandbox;
  let api: PlatformClient;
  let queue: TaskQueueClient;
  let pg: PgSettings;
  let prom: PrometheusClient;

  before(async () => {
    sandbox = await startSandbox({ timeScale: 0.2 });
    api = new PlatformClient({ baseUrl: sandbox.info.platformApiUrl!, timeoutMs: 5000 });
    const p = sandbox.info.postgres!;
    pg = { host: p.host, port: p.port, database: p.database, user: p.user, password: p.password, sslmode: 'disable', connectTimeoutMs: 3000, statementTimeoutMs: 3000 };
    queue = new TaskQueueClient(() => Promise.resolve(pg));
    prom = new PrometheusClient({ baseUrl: sandbox.info.prometheusUrl!, timeoutMs: 5000 });
  });
  after(() => sandbox?.stop());

  it('lists the seeded experiments with figures, their pipeline deployments by namespace, and the cost flow', async () => {
    const list = await api.experiments();
    assert.ok(list.ok);
    assert.deepEqual(list.value.map((e) => `${e.name}:${e.phase}`).sort(), ['adaptive-filter-dev:stopped', 'cost-opt-prod:completed', 'topk-sampling-trial:running']);
    const done = list.value.find((e) => e.phase === 'completed');
    assert.equal(done?.metrics.cardinalityReductionPercent, 70);
    const store = new ExperimentsStore({ platform: () => api, intervalMs: () => 0 });
    await store.refresh();
    assert.deepEqual(store.snapshot.deployments.get(done?.id ?? '')?.map((d) => `${d.namespace}/${d.variant}`).sort(), ['phase-5/baseline', 'phase-5/candidate', 'phoenix-system/baseline', 'phoenix-system/candidate']);
    assert.ok((store.snapshot.costFlow?.reductionPercent ?? 0) > 60);
    store.dispose();
  });

  it('creates an experiment that agents deploy (pending → deploying → running), then stops it', async () => {
    const created = await api.createExperiment({ name: 'it-cost-opt', baselinePipeline: 'process-baseline-v1', candidatePipeline: 'process-intelligent-v1', targetNamespaces: ['default'], durationSeconds: 600 });
    assert.ok(created.ok, !created.ok ? created.error.message : '');
    const id = created.value.id;
    const running = await waitFor('the agents to deploy both pipelines', async () => {
      const e = await api.experiment(id);
      return e.ok && e.value.phase === 'running' ? e.value : undefined;
    }, 30_000);
    assert.ok(running.startedAt);
    const deployments = await api.pipelineDeployments('default');
    assert.ok(deployments.ok);
    assert.deepEqual(deployments.value.filter((d) => d.experimentId === id).map((d) => `${d.variant}:${d.status}`).sort(), ['baseline:running', 'candidate:running']);
    const tasks = await queue.tasks({ experimentId: id });
    assert.ok(tasks.ok);
    assert.ok(tasks.value.filter((t) => t.type === 'deployment').every((t) => t.status === 'completed'));
    const phase = await waitFor('phoenix_experiment_phase to say running', () => promScalar(sandbox.info.prometheusUrl!, `phoenix_experiment_phase{experiment_id="${id}"}`).then((v) => (v === 2 ? v : undefined)), 20_000);
    assert.equal(phase, 2);

    const stopped = await api.stopExperiment(id, 'integration test');
    assert.ok(stopped.ok);
    assert.equal(stopped.value.phase, 'stopped');
    assert.equal(stopped.value.stopReason, 'integration test');
    const twice = await api.stopExperiment(id, 'again');
    assert.ok(!twice.ok && /already stopped/.test(twice.error.message), 'the API says why it refuses');
    const results = await api.results(id);
    const analysis = await api.analysis(id);
    assert.ok(results.ok && analysis.ok);
    assert.equal(results.value.baseline.pipeline, 'process-baseline-v1');
    assert.equal(analysis.value.status, 'partial');
  });

  it('refuses a bad experiment with the reason (400), and an unknown one with 404', async () => {
    const bad = await api.createExperiment({ name: 'Bad Name', baselinePipeline: 'a', candidatePipeline: 'b', targetNamespaces: ['default'] });
    assert.ok(!bad.ok && bad.error.kind === 'badRequest');
    assert.match(!bad.ok ? bad.error.message : '', /"name" must be lower-case/);
    const missing = await api.experiment('exp-nope');
    assert.ok(!missing.ok && missing.error.kind === 'notFound');
  });

  it("reads the queue depth exactly as the guide's query counts it, and as phoenix_task_queue_depth exports it", async () => {
    // Quiesce: with every agent stopped nothing moves (health checks stay one per agent).
    for (const host of ['agent-001', 'agent-002', 'agent-003']) await sandbox.triggers!.stopAgent(host, 1);
    try {
      // A task an agent had in hand when it stopped may still land between the two reads: read both again until they agree.
      const depth = await waitFor('the cockpit\'s depth to equal the database\'s count', async () => {
        const direct = new Client({ ...pg, ssl: false });
        await direct.connect();
        const rows = (await direct.query<{ status: string; count: string }>('SELECT status, count(*) FROM tasks GROUP BY status')).rows;
        await direct.end();
        const d = await queue.depth();
        assert.ok(d.ok);
        for (const r of rows) assert.equal(d.value[r.status as 'pending'], Number(r.count), r.status);
        assert.equal(Object.values(d.value).reduce((a, b) => a + b, 0), rows.reduce((a, r) => a + Number(r.count), 0));
        return d;
      }, 15_000);
      await waitFor('the exported pending depth to match', async () => {
        const v = await promScalar(sandbox.info.prometheusUrl!, 'phoenix_task_queue_depth{status="pending"}');
        return v === depth.value.pending ? v : undefined;
      }, 15_000);
    } finally {
      for (const host of ['agent-001', 'agent-002', 'agent-003']) await sandbox.platform!.simulator.startAgent(host);
    }
  });

  it('requeues a failed task: it goes back to pending and its agent completes it; a second requeue is refused', async () => {
    const failed = await queue.tasks({ status: 'failed', hostId: 'agent-002' });
    assert.ok(failed.ok);
    const task = failed.value.find((t) => t.error?.includes('otelcol'));
    assert.ok(task, 'the seeded failed task');
    const r = await queue.requeue(task.id);
    assert.ok(r.ok);
    assert.equal(r.value.status, 'pending');
    await waitFor('agent-002 to complete it', async () => {
      const t = await queue.tasks({ hostId: 'agent-002', limit: 100 });
      return t.ok && t.value.find((x) => x.id === task.id)?.status === 'completed' ? true : undefined;
    }, 20_000);
    const again = await queue.requeue(task.id);
    assert.ok(!again.ok && again.error.kind === 'notFailed');
    assert.match(!again.ok ? again.error.message : '', /is completed now, not failed/);
  });

  it('shows a stopped agent as down (past 300 s by Prometheus), the others up', async () => {
    const undo = await sandbox.triggers!.stopAgent('agent-003');
    try {
      const store = new AgentsStore({ prometheus: () => prom, tasks: () => queue, intervalMs: () => 0, downAfterSeconds: () => 300 });
      const agents = await waitFor('agent-003 to be down', async () => {
        await store.refresh();
        const a = store.snapshot.agents;
        return a.find((x) => x.hostId === 'agent-003')?.down ? a : undefined;
      }, 20_000);
      assert.deepEqual(agents.map((a) => `${a.hostId}:${a.down ? 'down' : 'up'}`), ['agent-001:up', 'agent-002:up', 'agent-003:down']);
      assert.ok(store.snapshot.depth && store.snapshot.depth.completed > 0);
      store.dispose();
    } finally {
      await undo();
    }
    const ages = await waitFor('agent-003 back', async () => {
      const r = await fetchAgentAges(prom);
      return r.ok && (r.value.find((a) => a.hostId === 'agent-003')?.ageSeconds ?? 999) < 30 ? r.value : undefined;
    }, 20_000);
    assert.equal(ages.length, 3);
  });

  it('a stopped agent stays stopped in the database even when it was polling at that moment', async () => {
    // Stopping an agent rewinds its "last seen" so AgentDown fires at once. A poll in flight at the stop
    // used to write "last seen = now" after the rewind (the server finishes a request its client gave up on),
    // and the alert then never fired. Start-then-stop at varying short delays catches a poll in flight.
    const lastSeenAgo = async () =>
      (await sandbox.platform!.simulator.db.query<{ ago: number }>(`SELECT extract(epoch FROM now() - last_seen_at)::float8 AS ago FROM agents WHERE host_id = 'agent-002'`)).rows[0]?.ago ?? 0;
    const rewound: number[] = [];
    for (let i = 0; i < 40; i++) {
      const undo = await sandbox.triggers!.stopAgent('agent-002');
      await new Promise((r) => setTimeout(r, 30)); // long enough for a late write from a poll to land
      rewound.push(Math.round(await lastSeenAgo()));
      await undo();
      await new Promise((r) => setTimeout(r, i % 15));
    }
    assert.deepEqual(rewound.filter((s) => s < 300), [], `every stop leaves last seen ≥ 300 s ago: ${rewound.join(', ')}`);
  });

  it('reports a rejected token (401), an unreachable API, a wrong and a missing database password in words', async () => {
    const guarded = await startPlatformApi({ db: sandbox.platform!.simulator.db, engine: sandbox.platform!.simulator.engine, controls: sandbox.platform!.simulator, experimentDurationSeconds: 60, token: 's3cret' });
    try {
      const without = await new PlatformClient({ baseUrl: guarded.url, timeoutMs: 3000 }).experiments();
      assert.ok(!without.ok && without.error.kind === 'unauthorized');
      assert.match(!without.ok ? without.error.hint : '', /Set API Token/);
      const withToken = await new PlatformClient({ baseUrl: guarded.url, timeoutMs: 3000, token: () => 's3cret' }).experiments();
      assert.ok(withToken.ok);
    } finally {
      await guarded.stop();
    }
    const dead = await new PlatformClient({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 2000 }).experiments();
    assert.ok(!dead.ok && dead.error.kind === 'unreachable');
    const wrong = await new TaskQueueClient(() => Promise.resolve({ ...pg, password: 'wrong' })).depth();
    assert.ok(!wrong.ok && wrong.error.kind === 'auth');
    const none = await new TaskQueueClient(() => Promise.resolve({ ...pg, password: undefined })).depth();
    assert.ok(!none.ok && none.error.kind === 'auth');
    assert.match(!none.ok ? none.error.message : '', /No password is stored for phoenix@/);
  });
});
