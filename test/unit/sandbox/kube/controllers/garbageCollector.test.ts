// Owner-reference garbage collection, the bounded event recorder, and pure helpers (template hash and equality, rollout math).
import { strict as assert } from 'node:assert';
import { EventRecorder } from '../../../../../sandbox/kube/controllers/eventRecorder';
import { asDeployment } from '../../../../../sandbox/kube/controllers/kinds';
import { equalIgnoringHash, podTemplateHash } from '../../../../../sandbox/kube/controllers/podTemplate';
import { fenceposts, maxUnavailable } from '../../../../../sandbox/kube/controllers/rolloutMath';
import { SimClock } from '../../../../../sandbox/kube/controllers/simTime';
import { ObjectStore } from '../../../../../sandbox/kube/store/objectStore';
import { deployment, type Harness, NS, podsOf, replicaSetsOf, rolledOut, startCluster } from './simHarness';
import { waitFor } from '../../../../shared/waitFor';

describe('sim garbage collector', () => {
  let h: Harness;
  afterEach(() => h.dispose());

  it('deleting a deployment deletes its ReplicaSets and their pods', async () => {
    h = startCluster();
    h.store.create('deployments', deployment('api', { replicas: 2 }));
    h.store.create('deployments', deployment('other', { replicas: 1 }));
    await waitFor('rollouts', () => rolledOut(h.store, 'api') && rolledOut(h.store, 'other'));
    h.store.delete('deployments', NS, 'api');
    await waitFor('collected', () => h.store.list('replicasets', NS).every((rs) => !rs.metadata.name.startsWith('api-')) && podsOf(h.store, 'api').length === 0);
    assert.equal(podsOf(h.store, 'other').length, 1, 'other deployments are untouched');
    assert.equal(h.manager.pods.activePods, 0, 'no timers left for collected pods');
  });

  it('deleting a ReplicaSet deletes its pods (and the deployment makes a fresh one)', async () => {
    h = startCluster();
    h.store.create('deployments', deployment('api', { replicas: 2 }));
    await waitFor('rollout', () => rolledOut(h.store, 'api'));
    const [rs] = replicaSetsOf(h.store, 'api');
    const oldPods = podsOf(h.store, 'api').map((p) => p.metadata.name);
    h.store.delete('replicasets', NS, rs?.metadata.name ?? '');
    await waitFor('old pods gone', () => oldPods.every((n) => !h.store.get('pods', NS, n)));
    await waitFor('recreated', () => rolledOut(h.store, 'api'));
    assert.equal(replicaSetsOf(h.store, 'api')[0]?.metadata.name, rs?.metadata.name, 'same template, same name');
  });

  it('collects a dependent created with an owner that does not exist', async () => {
    h = startCluster();
    h.store.create('configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'orphan', namespace: NS, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'gone', uid: 'no-such-uid' }] },
    });
    await waitFor('collected', () => !h.store.get('configmaps', NS, 'orphan'));
  });
});

describe('sim event recorder', () => {
  const store = new ObjectStore();
  store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  const involved = store.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: NS } });

  it('counts a repeated event on one object and keeps the first timestamp', () => {
    const rec = new EventRecorder(store, new SimClock());
    rec.record(involved, 'Warning', 'BackOff', 'Back-off restarting', { component: 'kubelet', host: 'n1' }, 'spec.containers{c}');
    rec.record(involved, 'Warning', 'BackOff', 'Back-off restarting', { component: 'kubelet', host: 'n1' }, 'spec.containers{c}');
    const events = store.list('events', NS).filter((e) => e.reason === 'BackOff');
    assert.equal(events.length, 1);
    const e = events[0];
    assert.equal(e?.count, 2);
    assert.deepEqual(e?.involvedObject, { apiVersion: 'v1', kind: 'ConfigMap', name: 'cm', namespace: NS, uid: involved.metadata.uid, resourceVersion: involved.metadata.resourceVersion, fieldPath: 'spec.containers{c}' });
    assert.deepEqual(e?.source, { component: 'kubelet', host: 'n1' });
    assert.match(e?.metadata.name ?? '', /^cm\.[0-9a-f]{16}$/);
    assert.ok(e?.firstTimestamp && e.lastTimestamp && e.type === 'Warning');
  });

  it('keeps at most maxEvents, dropping the oldest', () => {
    const rec = new EventRecorder(store, new SimClock(), { maxEvents: 5 });
    for (let i = 0; i < 20; i++) rec.record(involved, 'Normal', 'Test', `message ${i}`, { component: 'test' });
    const kept = store.list('events', NS).filter((e) => e.reason === 'Test').map((e) => e.message);
    assert.deepEqual(kept, ['message 15', 'message 16', 'message 17', 'message 18', 'message 19']);
    assert.equal(rec.size, 5);
  });
});

describe('sim pod template identity and rollout math', () => {
  const template = { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'api:1' }] } };

  it('ignores the hash label, Go zero values and API defaults when comparing templates', () => {
    const fromKubectl = {
      metadata: { creationTimestamp: null, labels: { app: 'api', 'pod-template-hash': 'abc' } },
      spec: {
        containers: [{ name: 'api', image: 'api:1', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent' }],
        restartPolicy: 'Always',
        securityContext: {},
        dnsPolicy: 'ClusterFirst',
      },
    };
    assert.ok(equalIgnoringHash(template, fromKubectl as never));
    assert.ok(!equalIgnoringHash(template, { ...template, spec: { containers: [{ name: 'api', image: 'api:2' }] } }));
    assert.equal(podTemplateHash(template), podTemplateHash(fromKubectl as never));
    assert.match(podTemplateHash(template), /^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    assert.notEqual(podTemplateHash(template), podTemplateHash({ ...template, spec: { containers: [{ name: 'api', image: 'api:2' }] } }));
  });

  it('resolves maxSurge up and maxUnavailable down, never both zero', () => {
    const d = (replicas: number, maxSurge: number | string, maxUnavailable: number | string) =>
      asDeployment({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } } } });
    assert.deepEqual(fenceposts(d(10, '25%', '25%')), { surge: 3, unavailable: 2 });
    assert.deepEqual(fenceposts(d(3, '25%', '25%')), { surge: 1, unavailable: 0 });
    assert.deepEqual(fenceposts(d(3, 0, 0)), { surge: 0, unavailable: 1 });
    assert.deepEqual(fenceposts(d(1, '10%', '10%')), { surge: 1, unavailable: 0 });
    assert.equal(maxUnavailable(d(2, 0, 5)), 2);
    assert.equal(maxUnavailable(asDeployment({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 4, strategy: { type: 'Recreate' } } })), 0);
  });
});
