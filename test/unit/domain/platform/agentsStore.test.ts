// The Agents view's store when its sources stop answering: could not ask is never "no agents" or "no tasks".
import assert from 'node:assert/strict';
import type { ServiceError } from '../../../../src/clients/http/serviceError';
import type { QueueDepth } from '../../../../src/clients/platform/taskQueueClient';
import type { PgError } from '../../../../src/clients/postgres/postgresClient';
import type { QueryData } from '../../../../src/clients/prometheus/prometheusClient';
import { err, ok, type Result } from '../../../../src/core/result';
import { agentsRoots } from '../../../../src/domain/platform/agentNodes';
import { AgentsStore, type TaskSource } from '../../../../src/domain/platform/agentsStore';

const down: ServiceError = { kind: 'unreachable', service: 'Prometheus', message: 'Cannot reach Prometheus at http://prom: ECONNREFUSED', hint: 'Check the URL' };
const dbDown: PgError = { kind: 'unreachable', message: 'Cannot connect to phoenix@db:5432/phoenix: ECONNREFUSED', hint: 'Check the host' };

describe('AgentsStore when a source stops answering', () => {
  let promFails = false;
  let dbFails = false;
  let fleet: Array<[string, number]> = [];
  const depth: QueueDepth = { pending: 3, assigned: 0, running: 1, completed: 10, failed: 2, other: 0 };
  const prometheus = {
    query: (): Promise<Result<QueryData, ServiceError>> =>
      Promise.resolve(promFails ? err(down) : ok({ resultType: 'vector', result: fleet.map(([host_id, age]) => ({ metric: { host_id }, value: [0, String(age)] as [number, string] })) })),
  };
  const tasks: TaskSource = {
    depth: () => Promise.resolve(dbFails ? err(dbDown) : ok(depth)),
    tasks: () => Promise.resolve(ok([])),
  };
  let store: AgentsStore;
  beforeEach(() => {
    promFails = false;
    dbFails = false;
    fleet = [
      ['agent-001', 2],
      ['agent-002', 400],
    ];
    store = new AgentsStore({ prometheus: () => prometheus, tasks: () => tasks, intervalMs: () => 0, downAfterSeconds: () => 300 });
  });
  afterEach(() => store.dispose());

  it('keeps the last known fleet under the error, with the time it was known', async () => {
    await store.refresh();
    const knownAt = store.snapshot.fetchedAt;
    promFails = true;
    await store.refresh();
    const s = store.snapshot;
    assert.equal(s.agentsError, down);
    assert.deepEqual(s.agentsAsOf, knownAt);
    assert.deepEqual(
      agentsRoots(s, true).map((n) => (n.kind === 'agent' ? `${n.agent.hostId}${n.asOf ? ' (last known)' : ''}` : n.kind)),
      ['queue', 'fleetError', 'agent-002 (last known)', 'agent-001 (last known)'],
    );
    promFails = false;
    await store.refresh();
    assert.equal(store.snapshot.agentsAsOf, undefined);
    assert.ok(agentsRoots(store.snapshot, true).every((n) => n.kind !== 'agent' || !n.asOf));
  });

  it('keeps the last known queue depth under the database error', async () => {
    await store.refresh();
    dbFails = true;
    await store.refresh();
    const roots = agentsRoots(store.snapshot, true);
    assert.deepEqual(roots.slice(0, 2).map((n) => n.kind), ['dbError', 'queue']);
    const queue = roots[1];
    assert.ok(queue?.kind === 'queue' && queue.asOf);
    assert.deepEqual(queue.depth, depth);
  });

  it('with no answer ever, shows the error alone: no empty fleet, no "no agents report" message', async () => {
    promFails = true;
    dbFails = true;
    await store.refresh();
    assert.deepEqual(agentsRoots(store.snapshot, true).map((n) => n.kind), ['dbError', 'fleetError']);
  });

  it('an answer with no agents is said in words (that is a real answer)', async () => {
    fleet = [];
    await store.refresh();
    assert.deepEqual(agentsRoots(store.snapshot, true).map((n) => (n.kind === 'message' ? n.text : n.kind)), ['queue', 'No agents report phoenix_agent_last_seen_seconds']);
  });
});
