// Paged lists against the simulated API server, as on a big cluster behind a slow link: a page size
// small enough to force many pages and a server that takes its time over each one. The tree shows a
// Loading row and the rows of the pages received so far, then completes although the whole list took
// longer than the request timeout; a continue token that expires mid-list starts the list over.
import assert from 'node:assert/strict';
import type { V1Deployment } from '@kubernetes/client-node';
import type { ListWatchSource } from '../../../src/clients/kubernetes/listWatch';
import type { PageProgress } from '../../../src/clients/kubernetes/pagedList';
import { DeploymentsModel } from '../../../src/domain/workloads/deploymentsModel';
import type { WorkloadNode } from '../../../src/domain/workloads/workloadNodes';
import { startWorkloadEnv, type WorkloadEnv } from './workloadHarness';
import { waitFor } from '../../shared/waitFor';

const TIMEOUT_MS = 1000;
const LATENCY_MS = 300;
const PAGE_SIZE = 2;

describe('Paged lists against a slow simulated API server', function () {
  this.timeout(90_000);
  let env: WorkloadEnv;
  const models: DeploymentsModel[] = [];

  before(async () => {
    env = await startWorkloadEnv();
  });
  afterEach(() => {
    models.splice(0).forEach((m) => m.dispose());
    env.sandbox.kube.get('phoenix-dev').server.setListLatency(0);
  });
  after(() => env?.stop());

  /** All namespaces of phoenix-dev, listed PAGE_SIZE at a time; `pages` records every page the deployments list got. */
  const modelFor = (onPage?: (p: PageProgress<V1Deployment>) => void) => {
    const client = env.client('phoenix-dev', TIMEOUT_MS, PAGE_SIZE);
    const pages: PageProgress<V1Deployment>[] = [];
    const deployments = (ns?: string): ListWatchSource<V1Deployment> => {
      const inner = client.source<V1Deployment>('deployments', ns);
      return { ...inner, list: (signal, seen) => inner.list(signal, (p) => (pages.push(p), onPage?.(p), seen?.(p))) };
    };
    const m = new DeploymentsModel({ sources: () => ({ deployments, replicaSets: (ns) => client.source('replicasets', ns), pods: (ns) => client.source('pods', ns) }), coalesceMs: 10 });
    m.setScope({ context: 'phoenix-dev', namespace: 'phoenix-system', allNamespaces: true });
    m.setActive(true);
    models.push(m);
    return { m, pages };
  };
  const kubectlNames = async () => (await env.kubectl('get', 'deployments', '-A', '--chunk-size=500', '-o', 'jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name}{"\\n"}{end}')).trim().split('\n').sort();
  const treeNames = (m: DeploymentsModel) =>
    m
      .roots()
      .flatMap((ns) => (ns.kind === 'namespace' ? m.children(ns) : []))
      .flatMap((d) => (d.kind === 'deployment' ? [`${d.namespace}/${d.name}`] : []))
      .sort();
  const titles = (nodes: WorkloadNode[]) => nodes.map((n) => (n.kind === 'message' ? n.title : 'name' in n ? n.name : n.kind));

  it('shows a Loading row with the rows received so far, then the complete tree, although the whole list took longer than the timeout', async () => {
    env.sandbox.kube.get('phoenix-dev').server.setListLatency(LATENCY_MS);
    const { m, pages } = modelFor();
    assert.deepEqual(titles(m.roots()), ['Loading deployments…'], 'in flight: a Loading row, never an empty tree');
    await waitFor('a Loading row above the namespaces of the pages received so far', () => {
      const roots = m.roots();
      return roots[0]?.kind === 'message' && roots[0].title === 'Loading deployments…' && roots.some((n) => n.kind === 'namespace');
    });
    const loading = m.roots()[0];
    assert.match(loading.kind === 'message' ? loading.message : '', /^\d+ of ~\d+ deployments$/, 'says how far it got');
    await m.whenListed();
    const roots = m.roots();
    assert.ok(!titles(roots).includes('Loading deployments…'), titles(roots).join(', '));
    assert.deepEqual(treeNames(m), await kubectlNames(), 'every deployment kubectl lists, each once');
    // Each page waited LATENCY_MS at the server: the list as a whole took longer than the 1 s timeout.
    assert.ok(pages.length * LATENCY_MS > TIMEOUT_MS, `${pages.length} pages × ${LATENCY_MS} ms`);
    assert.ok(pages.every((p) => p.items.length <= PAGE_SIZE));
  });

  it('a continue token that expires mid-list (history compacted) starts the list over and ends with the current state', async () => {
    const store = env.sandbox.clusters[0].store;
    let compacted = false;
    const { m, pages } = modelFor((p) => {
      if (compacted || p.loaded !== PAGE_SIZE) return;
      compacted = true;
      // A write, then compaction: the first page's snapshot is now older than the server keeps.
      const d = structuredClone(store.get('deployments', 'phoenix-system', 'analytics')!) as unknown as V1Deployment;
      d.metadata!.labels = { ...d.metadata!.labels, paged: 'relisted' };
      store.update('deployments', d as never);
      store.compact();
    });
    m.roots();
    await m.whenListed();
    assert.ok(compacted);
    assert.ok(pages.some((p) => p.restarted), 'the list started over after the 410');
    assert.deepEqual(treeNames(m), await kubectlNames(), 'no duplicates, nothing missing');
    const analytics = m.liveStore?.deployments.get('phoenix-system/analytics');
    assert.equal(analytics?.metadata?.labels?.paged, 'relisted', 'the state after the expiry');
  });
});
