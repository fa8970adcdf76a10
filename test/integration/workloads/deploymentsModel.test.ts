// The Deployments model against the simulated clusters: the tree data, live by watch, and the faults —
// the API server killed mid-watch and back (changes made meanwhile arrive, nothing relisted needlessly),
// 410 Gone after the history was compacted (relist), and a namespace that answers 403.
import assert from 'node:assert/strict';
import type { V1Deployment } from '@kubernetes/client-node';
import type { ListWatchSource } from '../../../src/clients/kubernetes/listWatch';
import { DeploymentsModel } from '../../../src/domain/workloads/deploymentsModel';
import type { DeploymentNode, NamespaceNode, WorkloadNode } from '../../../src/domain/workloads/workloadNodes';
import type { WorkloadSources } from '../../../src/domain/workloads/workloadStore';
import { startWorkloadEnv, type WorkloadEnv } from './workloadHarness';
import { waitFor } from '../../shared/waitFor';

/** The roots once the scope's list is complete (while it is in flight they are a Loading row). */
async function listedRoots(m: DeploymentsModel): Promise<WorkloadNode[]> {
  await m.whenListed();
  return m.roots();
}

describe('Deployments model against the sandbox', function () {
  this.timeout(90_000);
  let env: WorkloadEnv;
  let lists = 0;
  const models: DeploymentsModel[] = [];

  before(async () => {
    env = await startWorkloadEnv({ forbiddenNamespaces: ['phase-5'] });
  });
  afterEach(() => models.splice(0).forEach((m) => m.dispose()));
  after(() => env?.stop());

  const modelFor = (namespace: string, allNamespaces = false) => {
    const client = env.client('phoenix-dev', 2000);
    const counted = <T>(s: ListWatchSource<T>): ListWatchSource<T> => ({ ...s, list: (signal) => (lists++, s.list(signal)) });
    const sources: WorkloadSources = {
      deployments: (ns) => counted(client.source('deployments', ns)),
      replicaSets: (ns) => client.source('replicasets', ns),
      pods: (ns) => client.source('pods', ns),
    };
    const m = new DeploymentsModel({ sources: () => sources, coalesceMs: 10, initialBackoffMs: 100, maxBackoffMs: 400 });
    m.setScope({ context: 'phoenix-dev', namespace, allNamespaces });
    m.setActive(true);
    models.push(m);
    return m;
  };
  const deploymentNode = async (m: DeploymentsModel, name: string) => {
    const [ns] = (await listedRoots(m)).filter((n): n is NamespaceNode => n.kind === 'namespace');
    const d = m.children(ns).find((n): n is DeploymentNode => n.kind === 'deployment' && n.name === name);
    assert.ok(d, `${name} in the tree`);
    return d;
  };
  const titles = (nodes: WorkloadNode[]) => nodes.map((n) => (n.kind === 'message' ? `${n.severity}:${n.title}` : 'name' in n ? n.name : n.kind));

  it('lists the namespace’s deployments with counts, revisions and pods, then follows kubectl changes by watch', async () => {
    const m = modelFor('phoenix-system');
    const roots = await listedRoots(m);
    assert.deepEqual(titles(roots), ['phoenix-system']);
    const names = m.children(roots[0]).map((n) => ('name' in n ? n.name : ''));
    assert.deepEqual(names, ['analytics', 'api-gateway-blue', 'api-gateway-green', 'controller', 'dashboard', 'generator', 'platform-api', 'platform-api-canary', 'postgres']);
    const api = await deploymentNode(m, 'platform-api');
    assert.deepEqual([api.summary.state, api.summary.ready, api.summary.desired], ['healthy', 3, 3]);
    await waitFor('platform-api’s pods', () => m.children(api).filter((n) => n.kind === 'pod').length === 3, 20_000);

    await env.kubectl('-n', 'phoenix-system', 'scale', 'deployment/generator', '--replicas=4');
    const gen = await deploymentNode(m, 'generator');
    await waitFor('generator at 4/4 in the tree', () => gen.summary.desired === 4 && gen.summary.ready === 4 && gen.summary.state === 'healthy', 20_000);
    assert.equal(m.children(gen).filter((n) => n.kind === 'pod').length, 4);
  });

  it('the API server killed mid-watch: shows "Reconnecting", keeps the last state, and catches up when it is back', async () => {
    const m = modelFor('phoenix-system');
    const dashboard = await deploymentNode(m, 'dashboard');
    await waitFor('pods known', () => dashboard.summary.podCount === 2, 20_000);
    const listsBefore = lists;
    await env.sandbox.kube.stopServer('phoenix-dev');
    await waitFor('a Reconnecting row', async () => titles(await listedRoots(m)).some((t) => /^warning:Reconnecting since \d/.test(t)), 20_000);
    assert.ok(m.children((await listedRoots(m)).find((n) => n.kind === 'namespace')!).length > 0, 'the last known deployments stay in view');
    // Meanwhile the cluster moves on (as if someone scaled it with another tool).
    const store = env.sandbox.clusters[0].store;
    const stored = structuredClone(store.get('deployments', 'phoenix-system', 'dashboard')!) as unknown as V1Deployment;
    stored.spec!.replicas = 3;
    store.update('deployments', stored as never);
    await env.sandbox.kube.startServer('phoenix-dev');
    await waitFor('the change made while down', () => dashboard.summary.desired === 3, 30_000);
    await waitFor('the Reconnecting row gone', async () => !titles(await listedRoots(m)).some((t) => t.startsWith('warning:Reconnecting')), 30_000);
    assert.equal(lists, listsBefore, 'resumed from its resourceVersion: no relist');
  });

  it('410 Gone (history compacted while disconnected) relists and shows the current state', async () => {
    const m = modelFor('phoenix-system');
    const analytics = await deploymentNode(m, 'analytics');
    const listsBefore = lists;
    await env.sandbox.kube.stopServer('phoenix-dev');
    const store = env.sandbox.clusters[0].store;
    const stored = structuredClone(store.get('deployments', 'phoenix-system', 'analytics')!) as unknown as V1Deployment;
    stored.spec!.replicas = 1;
    store.update('deployments', stored as never);
    store.compact();
    await env.sandbox.kube.startServer('phoenix-dev');
    // The relist makes new node objects: read the tree again, as VS Code does after a full refresh.
    await waitFor('analytics at 1 replica after the relist', async () => (await deploymentNode(m, 'analytics')).summary.desired === 1, 30_000);
    assert.ok(lists > listsBefore, 'relisted');
    assert.notEqual(analytics, undefined);
  });

  it('a namespace that answers 403 is a Forbidden row saying what to do', async () => {
    const m = modelFor('phase-5');
    const [node] = await listedRoots(m);
    assert.equal(node?.kind, 'message');
    if (node?.kind !== 'message') return;
    assert.equal(node.title, 'Forbidden');
    assert.match(node.message, /403/);
    assert.match(node.hint ?? '', /RBAC|another namespace/);
  });

  it('all namespaces: one namespace row per namespace with deployments', async () => {
    const m = modelFor('phoenix-system', true);
    const names = titles(await listedRoots(m));
    assert.ok(names.includes('phoenix-system') && names.includes('phase-5'), names.join(', '));
  });
});
