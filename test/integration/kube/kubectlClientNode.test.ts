// The other client the cockpit uses, @kubernetes/client-node 1.4.0, against the same simulator
// kubectl talks to: lists through the generated kubeconfig (real TLS + token) and a Watch.
import assert from 'node:assert/strict';
import { AppsV1Api, CoreV1Api, KubeConfig, Watch, type V1Deployment } from '@kubernetes/client-node';
import { deployment } from '../../unit/sandbox/kube/server/fakeCluster';
import { eventually } from '../../shared/waitFor';
import { startKubectlEnv, type KubectlEnv } from './kubectlHarness';

describe('@kubernetes/client-node 1.4.0 against the simulator', function () {
  this.timeout(30_000);
  let env: KubectlEnv;
  let kc: KubeConfig;
  before(async () => {
    env = await startKubectlEnv();
    kc = new KubeConfig();
    kc.loadFromFile(env.sim.kubeconfigPath);
  });
  after(() => env.stop());

  it('CoreV1Api.listNamespace and AppsV1Api.listNamespacedDeployment', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const ns = await core.listNamespace();
    assert.deepEqual(ns.items.map((n) => n.metadata?.name), ['phase-5', 'phoenix-system', 'restricted']);
    assert.equal(ns.metadata?.resourceVersion, String(env.clusters[0].store.resourceVersion));
    const apps = kc.makeApiClient(AppsV1Api);
    const list = await apps.listNamespacedDeployment({ namespace: 'phoenix-system', labelSelector: 'app=web' });
    assert.deepEqual(list.items.map((d) => d.metadata?.name), ['web']);
    assert.equal(list.items[0].status?.availableReplicas, 2);
  });

  it('the other context reaches the other cluster', async () => {
    kc.setCurrentContext('phoenix-prod');
    try {
      env.clusters[1].store.create('deployments', deployment('phase-5', 'prod-backend'));
      const list = await kc.makeApiClient(AppsV1Api).listDeploymentForAllNamespaces();
      assert.deepEqual(list.items.map((d) => d.metadata?.name).sort(), ['prod-backend', 'web']);
    } finally {
      kc.setCurrentContext('phoenix-dev');
    }
  });

  it('errors carry the Status code (404)', async () => {
    await assert.rejects(kc.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'nope', namespace: 'phoenix-system' }), (e: { code?: number }) => e.code === 404);
  });

  it('Watch receives ADDED and MODIFIED from a list resourceVersion', async () => {
    const apps = kc.makeApiClient(AppsV1Api);
    const list = await apps.listNamespacedDeployment({ namespace: 'phoenix-system' });
    const seen: string[] = [];
    let ended: unknown = 'running';
    const controller = await new Watch(kc).watch(
      '/apis/apps/v1/namespaces/phoenix-system/deployments',
      { resourceVersion: list.metadata?.resourceVersion, allowWatchBookmarks: true },
      (type: string, obj: V1Deployment) => seen.push(`${type} ${obj.metadata?.name ?? ''}`),
      (err: unknown) => (ended = err),
    );
    try {
      const store = env.clusters[0].store;
      store.create('deployments', deployment('phoenix-system', 'watched'));
      const d = structuredClone(store.get('deployments', 'phoenix-system', 'watched')!);
      (d.spec as { replicas: number }).replicas = 5;
      store.update('deployments', d);
      await eventually('ADDED then MODIFIED', () => assert.deepEqual(seen, ['ADDED watched', 'MODIFIED watched']));
      assert.equal(ended, 'running');
    } finally {
      controller.abort();
    }
  });
});
