// Store event application: each watch event changes the cache in place, indexes follow, and one
// coalesced batch per burst says which keys changed (a relist says "resynced").
import assert from 'node:assert/strict';
import type { V1Pod } from '@kubernetes/client-node';
import { type CacheBatch, ObjectCache } from '../../../src/domain/kube/objectCache';
import { waitFor } from '../../shared/waitFor';

const pod = (name: string, owner: string, rv = '1'): V1Pod => ({ metadata: { name, namespace: 'ns', resourceVersion: rv, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, uid: owner, controller: true }] } });

describe('ObjectCache batches and indexes', () => {
  it('applies events in place, keeps the owner index current and reports one batch per burst', async () => {
    const cache = new ObjectCache<V1Pod>({ coalesceMs: 5 });
    cache.addIndex('owner', (p) => (p.metadata?.ownerReferences ?? []).map((r) => r.uid));
    const batches: CacheBatch<V1Pod>[] = [];
    cache.onDidChangeBatch((b) => batches.push(b));
    cache.apply({ type: 'synced', items: [pod('a', 'rs1'), pod('b', 'rs1'), pod('c', 'rs2')], resourceVersion: '10', relist: false });
    await waitFor('the first batch', () => batches.length > 0);
    assert.equal(batches.length, 1);
    assert.equal(batches[0].resynced, true);
    assert.deepEqual(cache.byIndex('owner', 'rs1').map((p) => p.metadata?.name).sort(), ['a', 'b']);

    cache.apply({ type: 'changed', kind: 'MODIFIED', object: pod('b', 'rs2', '11') });
    cache.apply({ type: 'changed', kind: 'DELETED', object: pod('a', 'rs1', '12') });
    cache.apply({ type: 'changed', kind: 'ADDED', object: pod('d', 'rs3', '13') });
    await waitFor('the second batch', () => batches.length > 1);
    assert.equal(batches.length, 2, 'three events, one batch');
    const b = batches[1];
    assert.deepEqual([b.resynced, [...b.upserted].sort(), [...b.deleted.keys()]], [false, ['ns/b', 'ns/d'], ['ns/a']]);
    assert.deepEqual(cache.byIndex('owner', 'rs1'), []);
    assert.deepEqual(cache.byIndex('owner', 'rs2').map((p) => p.metadata?.name).sort(), ['b', 'c']);
    assert.deepEqual(cache.indexValues('owner').sort(), ['rs2', 'rs3']);
    assert.equal(cache.get('ns/b')?.metadata?.resourceVersion, '11');
    cache.dispose();
  });

  it("shows the first of several pages at once (the first screenful), not after the coalescing window", async () => {
    // A window far longer than any wait below: a batch that comes at all came without waiting for it.
    const cache = new ObjectCache<V1Pod>({ coalesceMs: 600_000 });
    const batches: CacheBatch<V1Pod>[] = [];
    cache.onDidChangeBatch((b) => batches.push(b));
    cache.apply({ type: 'page', items: [pod('a', 'rs1')], loaded: 1, remaining: 2, restarted: false });
    await waitFor('the first page announced', () => (batches.length > 0 ? true : undefined));
    assert.deepEqual([batches[0].resynced, cache.status], [true, { state: 'loading', loaded: 1, remaining: 2 }]);
    cache.dispose();
  });

  it('a relist replaces everything, indexes included', () => {
    const cache = new ObjectCache<V1Pod>({ coalesceMs: 5 });
    cache.addIndex('owner', (p) => (p.metadata?.ownerReferences ?? []).map((r) => r.uid));
    cache.apply({ type: 'synced', items: [pod('a', 'rs1')], resourceVersion: '1', relist: false });
    cache.apply({ type: 'synced', items: [pod('z', 'rs9')], resourceVersion: '50', relist: true });
    assert.deepEqual(cache.byIndex('owner', 'rs1'), []);
    assert.deepEqual(cache.byIndex('owner', 'rs9').map((p) => p.metadata?.name), ['z']);
    cache.dispose();
  });
});
