// Node heartbeat Leases: one per simulated node in kube-node-lease, held by the node and renewed by the node pool.
import { strict as assert } from 'node:assert';
import { NODE_LEASE_NAMESPACE, NodePool } from '../../../../../sandbox/kube/controllers/nodePool';
import { ObjectStore } from '../../../../../sandbox/kube/store/objectStore';
import { waitFor } from '../../../../shared/waitFor';

function storeWithNamespaces(...names: string[]): ObjectStore {
  const store = new ObjectStore();
  for (const name of names) store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return store;
}

describe('sim node Leases', () => {
  let pool: NodePool;
  afterEach(() => pool.dispose());

  it('writes kube-node-lease/<node> for every node, held by the node and owned by its Node object', () => {
    const store = storeWithNamespaces(NODE_LEASE_NAMESPACE);
    pool = new NodePool('dev', 2);
    pool.attach(store);
    const leases = store.list('leases', NODE_LEASE_NAMESPACE);
    assert.deepEqual(leases.map((l) => l.metadata.name).sort(), ['dev-worker-1', 'dev-worker-2']);
    for (const lease of leases) {
      const node = store.get('nodes', undefined, lease.metadata.name);
      assert.equal(lease.spec?.holderIdentity, lease.metadata.name);
      assert.equal(lease.spec?.leaseDurationSeconds, 40);
      assert.match(String(lease.spec?.renewTime), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      assert.deepEqual(lease.metadata.ownerReferences?.map((r) => `${r.kind}/${r.name}/${r.uid}`), [`Node/${lease.metadata.name}/${node?.metadata.uid ?? ''}`]);
    }
  });

  it('renews each Lease (a newer renewTime) and recreates one deleted by hand', async () => {
    const store = storeWithNamespaces(NODE_LEASE_NAMESPACE);
    pool = new NodePool('dev', 1);
    pool.attach(store);
    const first = String(store.get('leases', NODE_LEASE_NAMESPACE, 'dev-worker-1')?.spec?.renewTime);
    await waitFor('a later millisecond', () => new Date().toISOString().replace(/Z$/, '000Z') > first);
    pool.renewLeases();
    const renewed = String(store.get('leases', NODE_LEASE_NAMESPACE, 'dev-worker-1')?.spec?.renewTime);
    assert.ok(renewed > first, `${renewed} after ${first}`);
    store.delete('leases', NODE_LEASE_NAMESPACE, 'dev-worker-1');
    pool.renewLeases();
    assert.ok(store.get('leases', NODE_LEASE_NAMESPACE, 'dev-worker-1'), 'the next heartbeat recreates it');
  });

  it('writes no Lease when the cluster has no kube-node-lease namespace', () => {
    const store = storeWithNamespaces('default');
    pool = new NodePool('dev', 1);
    pool.attach(store);
    assert.equal(store.list('leases').length, 0);
  });
});
