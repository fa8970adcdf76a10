// The Eviction subresource as kubectl drain meets it: discovery lists pods/eviction (policy/v1 Eviction), an eviction
// the budget allows deletes the pod and takes one disruption from the budget's status, one it does not allow is the
// real server's 429 (TooManyRequests, the DisruptionBudget cause naming the budget), and pods the budget ignores go.
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../../../sandbox/kube/store/types';
import { namespace } from './fakeCluster';
import { fakeCluster } from './fakeCluster';
import { startHarness, type Harness } from './serverHarness';

const NS = 'phoenix-system';

function pod(name: string, opts: { ready?: boolean; phase?: string; labels?: Record<string, string> } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: NS, labels: opts.labels ?? { app: 'api' } },
    spec: { nodeName: 'w1', containers: [{ name: 'api', image: 'api:1' }] },
    status: { phase: opts.phase ?? 'Running', conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }] },
  };
}

function pdb(name: string, status: Record<string, unknown>, selector: Record<string, string> = { app: 'api' }): KubeObject {
  return { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, namespace: NS }, spec: { minAvailable: 2, selector: { matchLabels: selector } }, status: { observedGeneration: 1, ...status } };
}

const eviction = (name: string) => ({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: NS } });
const evict = (h: Harness, name: string, body: unknown = eviction(name), query = '') => h.request('POST', `/api/v1/namespaces/${NS}/pods/${name}/eviction${query}`, { body });

describe('kube simulator: the Eviction subresource', function () {
  this.timeout(30_000);
  let h: Harness;
  beforeEach(async () => {
    const cluster = fakeCluster('phoenix-dev', { seed: false });
    cluster.store.create('namespaces', namespace(NS));
    for (const n of ['api-1', 'api-2', 'api-3']) cluster.store.create('pods', pod(n));
    h = await startHarness({ cluster });
  });
  afterEach(async () => h?.stop());

  it('is listed in discovery as pods/eviction speaking policy/v1 Eviction (kubectl drain checks before evicting)', async () => {
    const list = (await h.request('GET', '/api/v1')).json<{ resources: Array<{ name: string; group?: string; version?: string; kind: string; verbs: string[] }> }>();
    const sub = list.resources.find((r) => r.name === 'pods/eviction');
    assert.deepEqual(sub && { group: sub.group, version: sub.version, kind: sub.kind, verbs: sub.verbs }, { group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] });
  });

  it('deletes the pod when the budget allows, and takes the disruption from the budget at once', async () => {
    h.cluster.store.create('poddisruptionbudgets', pdb('api', { currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1, expectedPods: 3 }));
    const r = await evict(h, 'api-1');
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json().status, 'Success');
    assert.equal(h.cluster.store.get('pods', NS, 'api-1'), undefined);
    const status = h.cluster.store.get('poddisruptionbudgets', NS, 'api')!.status as { disruptionsAllowed: number; disruptedPods: Record<string, string> };
    assert.equal(status.disruptionsAllowed, 0);
    assert.ok(status.disruptedPods['api-1']);
    // The next one, before any controller ran, is refused: two evictions cannot spend one disruption.
    const again = await evict(h, 'api-2');
    assert.equal(again.status, 429);
    assert.ok(h.cluster.store.get('pods', NS, 'api-2'));
  });

  it('refuses with the real 429 Status naming the budget when no disruption is left', async () => {
    h.cluster.store.create('poddisruptionbudgets', pdb('api', { currentHealthy: 2, desiredHealthy: 2, disruptionsAllowed: 0, expectedPods: 3 }));
    const r = await evict(h, 'api-1');
    assert.equal(r.status, 429);
    assert.deepEqual(r.json(), {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      reason: 'TooManyRequests',
      details: { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget api needs 2 healthy pods and has 2 currently' }] },
      code: 429,
    });
    assert.ok(h.cluster.store.get('pods', NS, 'api-1'), 'the refused pod is still there');
  });

  it('refuses while the budget is still being processed (status older than its spec)', async () => {
    const b = pdb('api', { currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1, expectedPods: 3 });
    h.cluster.store.create('poddisruptionbudgets', b);
    const stored = h.cluster.store.get('poddisruptionbudgets', NS, 'api')!;
    h.cluster.store.update('poddisruptionbudgets', { ...stored, spec: { ...(stored.spec as object), minAvailable: 1 } });
    const r = await evict(h, 'api-1');
    assert.equal(r.status, 429);
    assert.match(r.text, /The disruption budget api is still being processed by the server\./);
  });

  it('lets pods the budget does not count go: pending, finished, unready while the budget is met, unmatched', async () => {
    h.cluster.store.create('poddisruptionbudgets', pdb('api', { currentHealthy: 2, desiredHealthy: 2, disruptionsAllowed: 0, expectedPods: 4 }));
    h.cluster.store.create('pods', pod('api-pending', { phase: 'Pending', ready: false }));
    h.cluster.store.create('pods', pod('api-done', { phase: 'Succeeded', ready: false }));
    h.cluster.store.create('pods', pod('api-unready', { ready: false }));
    h.cluster.store.create('pods', pod('other', { labels: { app: 'other' } }));
    for (const n of ['api-pending', 'api-done', 'api-unready', 'other']) {
      const r = await evict(h, n);
      assert.equal(r.status, 201, `${n}: ${r.text}`);
      assert.equal(h.cluster.store.get('pods', NS, n), undefined, n);
    }
    assert.equal((h.cluster.store.get('poddisruptionbudgets', NS, 'api')!.status as { disruptionsAllowed: number }).disruptionsAllowed, 0);
  });

  it('refuses a pod under two budgets (500, as the real server), a missing pod (404), a dry run leaves the pod, a mismatched name (400)', async () => {
    h.cluster.store.create('poddisruptionbudgets', pdb('a', { currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1 }));
    h.cluster.store.create('poddisruptionbudgets', pdb('b', { currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1 }));
    const two = await evict(h, 'api-1');
    assert.equal(two.status, 500);
    assert.match(two.text, /more than one PodDisruptionBudget/);
    h.cluster.store.delete('poddisruptionbudgets', NS, 'b');
    assert.equal((await evict(h, 'nope')).status, 404);
    assert.equal((await evict(h, 'api-1', eviction('api-1'), '?dryRun=All')).status, 201);
    assert.ok(h.cluster.store.get('pods', NS, 'api-1'), 'a dry run deletes nothing');
    assert.equal((h.cluster.store.get('poddisruptionbudgets', NS, 'a')!.status as { disruptionsAllowed: number }).disruptionsAllowed, 1);
    assert.equal((await evict(h, 'api-1', eviction('api-2'))).status, 400);
    assert.equal((await h.request('GET', `/api/v1/namespaces/${NS}/pods/api-1/eviction`)).status, 405);
  });
});
