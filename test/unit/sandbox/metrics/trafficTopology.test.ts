// Unit tests of how the exporter reads services, tracks, ready pods, -bad images and canary weights from a cluster's store.
import assert from 'node:assert/strict';
import { readTopology, type TrafficGroup } from '../../../../sandbox/metrics/trafficTopology';
import { addDeployment, addIngress, addReplicaSet, addService, NS, newStore, podsOf, podStatus, seedPlatform, setImage, setReady } from './clusterFixture';

function group(groups: TrafficGroup[], service: string): TrafficGroup {
  const g = groups.find((x) => x.service === service);
  assert.ok(g, `no group for ${service}: ${groups.map((x) => x.service).join(', ')}`);
  return g;
}

describe('traffic topology', () => {
  it('names services by the app label and tracks by the track label', () => {
    const store = newStore();
    seedPlatform(store, 25);
    const groups = readTopology('phoenix-dev', store);
    assert.deepEqual(groups.map((g) => g.service).sort(), ['analytics', 'controller', 'dashboard', 'generator', 'platform-api', 'postgres']);
    const api = group(groups, 'platform-api');
    assert.equal(api.cluster, 'phoenix-dev');
    assert.equal(api.namespace, NS);
    assert.equal(api.canaryWeight, 25);
    assert.deepEqual(
      api.members.map((m) => [m.deployment, m.track, m.ready, m.canary]).sort(),
      [
        ['platform-api', 'primary', 3, false],
        ['platform-api-canary', 'canary', 1, true],
      ],
    );
  });

  it('falls back to the deployment name, reading a -canary suffix as the track', () => {
    const store = newStore();
    addDeployment(store, { name: 'billing', labels: { tier: 'web' } });
    addDeployment(store, { name: 'billing-canary', labels: { tier: 'web', variant: 'c' }, replicas: 1 });
    const g = group(readTopology('c', store), 'billing');
    assert.deepEqual(g.members.map((m) => `${m.deployment}:${m.track}`).sort(), ['billing-canary:canary', 'billing:primary']);
    assert.equal(g.canaryWeight, undefined);
  });

  it('counts only Ready pods that are not being deleted', () => {
    const store = newStore();
    addDeployment(store, { name: 'generator', replicas: 4, ready: 2 });
    const ready = (): number => group(readTopology('c', store), 'generator').members[0].ready;
    assert.equal(ready(), 2);
    const terminating = structuredClone(podsOf(store, 'generator').find((p) => p.metadata.name.endsWith('-p0'))!);
    terminating.metadata.deletionTimestamp = new Date().toISOString();
    store.update('pods', terminating);
    assert.equal(ready(), 1);
    setReady(store, 'generator', false);
    assert.equal(ready(), 0);
  });

  it('counts ready pods running a -bad tag, across ReplicaSets of one rollout', () => {
    const store = newStore();
    const dep = addDeployment(store, { name: 'analytics', replicas: 3, image: 'reg.local:5000/phoenix/analytics:2.0.0' });
    addReplicaSet(store, dep, 'reg.local:5000/phoenix/analytics:2.1.0-bad', 2, 2, '2');
    const m = group(readTopology('c', store), 'analytics').members[0];
    assert.deepEqual([m.ready, m.bad], [5, 2]);
    setImage(store, 'analytics', 'analytics:2.1.0-bad@sha256:abc');
    assert.equal(group(readTopology('c', store), 'analytics').members[0].bad, 5);
  });

  it('gives pods to the deployment owning their ReplicaSet even when selectors overlap', () => {
    const store = newStore();
    // The primary selects app only, so its selector also matches the canary's pods.
    addDeployment(store, { name: 'platform-api', labels: { app: 'platform-api' }, replicas: 3 });
    addDeployment(store, { name: 'platform-api-canary', labels: { app: 'platform-api', track: 'canary' }, replicas: 1 });
    const g = group(readTopology('c', store), 'platform-api');
    assert.deepEqual(g.members.map((m) => m.ready).sort(), [1, 3]);
  });

  it('assigns a pod without owner to the deployment whose selector matches it', () => {
    const store = newStore();
    store.create('deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'dashboard', namespace: NS, labels: { app: 'dashboard' } },
      spec: { replicas: 1, selector: { matchLabels: { app: 'dashboard' } }, template: { metadata: { labels: { app: 'dashboard' } } } },
    });
    store.create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'dashboard-manual', namespace: NS, labels: { app: 'dashboard' } },
      spec: { containers: [{ name: 'main', image: 'dashboard:1-bad' }] },
      status: podStatus(true, 0),
    });
    const m = group(readTopology('c', store), 'dashboard').members[0];
    assert.deepEqual([m.ready, m.bad], [1, 1]);
  });

  it('counts a canary deployment under the primary service of the main Ingress sharing its host', () => {
    const store = newStore();
    addDeployment(store, { name: 'platform-api', labels: { app: 'platform-api', track: 'primary' } });
    addDeployment(store, { name: 'api-next', labels: { app: 'api-next', track: 'canary' }, replicas: 1 });
    addService(store, 'platform-api', { app: 'platform-api' });
    addService(store, 'api-next', { app: 'api-next' });
    addIngress(store, 'platform-api', 'api.phoenix.local', 'platform-api');
    addIngress(store, 'api-next', 'api.phoenix.local', 'api-next', 40);
    const groups = readTopology('c', store);
    assert.deepEqual(groups.map((g) => g.service), ['platform-api']);
    assert.equal(groups[0].canaryWeight, 40);
  });

  it('leaves the generated benchmark namespaces (load-NNNN) out: their idle echo services get no traffic series', () => {
    const store = newStore(NS, 'load-0001');
    addDeployment(store, { name: 'platform-api' });
    addDeployment(store, { namespace: 'load-0001', name: 'svc-0001' });
    assert.deepEqual(readTopology('phoenix-dev', store).map((g) => `${g.namespace}/${g.service}`), [`${NS}/platform-api`]);
  });
});
