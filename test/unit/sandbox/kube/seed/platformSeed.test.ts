// The seeded cluster: the platform of the guides in the shape the controllers leave it, both environments, and bulk load that stays idle.
import { strict as assert } from 'node:assert';
import { asReplicaSet, controllerOf, isPodReady, asPod } from '../../../../../sandbox/kube/controllers/kinds';
import { podTemplateHash } from '../../../../../sandbox/kube/controllers/podTemplate';
import { createSimCluster, type SimCluster } from '../../../../../sandbox/kube/simCluster';
import type { KubeObject } from '../../../../../sandbox/kube/store/types';
import { waitFor } from '../../../../shared/waitFor';

const SYS = 'phoenix-system';

function get(c: SimCluster, resource: Parameters<SimCluster['store']['get']>[0], ns: string, name: string): KubeObject {
  const o = c.store.get(resource, ns, name);
  assert.ok(o, `${resource} ${ns}/${name}`);
  return o;
}

function image(d: KubeObject): string {
  return (d.spec?.template as { spec: { containers: { image: string }[] } }).spec.containers[0]?.image ?? '';
}

describe('sim seed', () => {
  let dev: SimCluster;
  before(async () => {
    dev = await createSimCluster({ name: 'phoenix-dev', seed: { platform: true }, timeScale: 0.05 });
  });
  after(() => dev.dispose());

  it('has the namespaces and platform deployments of the guides, with app/track labels and realistic images', () => {
    const namespaces = dev.store.list('namespaces').map((n) => n.metadata.name);
    for (const ns of ['default', 'kube-system', SYS, 'phase-5']) assert.ok(namespaces.includes(ns), ns);
    const want: Record<string, [number, string]> = {
      'platform-api': [3, 'ghcr.io/phoenix/platform-api:1.8.2'],
      controller: [2, 'ghcr.io/phoenix/controller:1.7.1'],
      generator: [2, 'ghcr.io/phoenix/generator:1.0.1'],
      analytics: [2, 'ghcr.io/phoenix/analytics:2.5.0'],
      dashboard: [2, 'ghcr.io/phoenix/dashboard:3.2.1'],
      postgres: [1, 'postgres:15.6'],
      'platform-api-canary': [0, 'ghcr.io/phoenix/platform-api:1.8.2'],
    };
    for (const [name, [replicas, img]] of Object.entries(want)) {
      const d = get(dev, 'deployments', SYS, name);
      assert.equal(d.spec?.replicas, replicas, name);
      assert.equal(image(d), img, name);
      const track = name.endsWith('-canary') ? 'canary' : 'primary';
      assert.deepEqual(d.metadata.labels, { app: name.replace(/-canary$/, ''), track });
      assert.deepEqual((d.spec?.selector as { matchLabels: unknown }).matchLabels, { app: name.replace(/-canary$/, ''), track });
    }
    const c = (get(dev, 'deployments', SYS, 'platform-api').spec?.template as { spec: { containers: Record<string, unknown>[] } }).spec.containers[0];
    assert.deepEqual(c?.resources, { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } });
    assert.deepEqual(c?.ports, [{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    assert.ok(Array.isArray(c?.env));
    for (const [name, replicas] of [['backend', 2], ['notification', 1], ['postgres', 1], ['frontend', 2]] as const) {
      assert.equal(get(dev, 'deployments', 'phase-5', name).spec?.replicas, replicas, name);
    }
    const backend = (get(dev, 'deployments', 'phase-5', 'backend').spec?.template as { spec: { containers: { name: string }[] } }).spec.containers.map((x) => x.name);
    assert.deepEqual(backend, ['backend', 'reminder-scheduler']);
  });

  it('gives each platform deployment a real revision history: ReplicaSets with hashes, revisions and change-causes', () => {
    const d = get(dev, 'deployments', SYS, 'platform-api');
    const sets = dev.store
      .list('replicasets', SYS)
      .filter((rs) => controllerOf(rs)?.uid === d.metadata.uid)
      .map(asReplicaSet)
      .sort((a, b) => Number(a.metadata.annotations?.['deployment.kubernetes.io/revision']) - Number(b.metadata.annotations?.['deployment.kubernetes.io/revision']));
    assert.deepEqual(sets.map((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision']), ['1', '2', '3', '4']);
    assert.deepEqual(sets.map((rs) => rs.spec.replicas), [0, 0, 0, 3]);
    assert.ok(sets.every((rs) => rs.metadata.annotations?.['kubernetes.io/change-cause']));
    assert.match(sets[1]?.metadata.annotations?.['kubernetes.io/change-cause'] ?? '', /^kubectl set image deployment\/platform-api platform-api=ghcr.io\/phoenix\/platform-api:1.8.0/);
    for (const rs of sets) {
      const hash = podTemplateHash(rs.spec.template);
      assert.equal(rs.metadata.name, `platform-api-${hash}`);
      assert.equal(rs.metadata.labels?.['pod-template-hash'], hash);
    }
    assert.equal(d.metadata.annotations?.['deployment.kubernetes.io/revision'], '4');
    assert.equal(d.metadata.generation, 4);
    const created = sets.map((rs) => Date.parse(rs.metadata.creationTimestamp ?? ''));
    assert.ok(created.every((t, i) => i === 0 || t > (created[i - 1] ?? 0)), 'revisions rolled out over time');
    assert.ok(Date.now() - (created[0] ?? 0) > 7 * 86_400_000, 'history reaches back weeks');
    const pods = dev.store.list('pods', SYS).filter((p) => p.metadata.labels?.app === 'platform-api').map(asPod);
    assert.equal(pods.length, 3);
    assert.ok(pods.every((p) => isPodReady(p) && p.status?.phase === 'Running' && p.metadata.name.startsWith(`${sets[3]?.metadata.name ?? ''}-`)));
  });

  it('has Services, the ingress-nginx canary convention, ConfigMaps and Secrets', () => {
    assert.deepEqual(get(dev, 'services', SYS, 'platform-api').spec?.selector, { app: 'platform-api', track: 'primary' });
    assert.deepEqual(get(dev, 'services', SYS, 'platform-api-canary').spec?.selector, { app: 'platform-api', track: 'canary' });
    assert.equal((get(dev, 'services', SYS, 'dashboard').spec?.ports as { port: number }[])[0]?.port, 8080);
    const main = get(dev, 'ingresses', SYS, 'platform-api');
    const canary = get(dev, 'ingresses', SYS, 'platform-api-canary');
    assert.equal(main.spec?.ingressClassName, 'nginx');
    const host = (i: KubeObject) => (i.spec?.rules as { host: string }[])[0]?.host;
    assert.equal(host(main), 'api.phoenix.local');
    assert.equal(host(canary), host(main));
    assert.deepEqual(canary.metadata.annotations, { 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': '0' });
    assert.ok(get(dev, 'ingresses', SYS, 'dashboard'));
    assert.ok((get(dev, 'configmaps', SYS, 'phoenix-config').data as Record<string, string>).DATABASE_HOST);
    assert.equal(get(dev, 'secrets', SYS, 'phoenix-tls').type, 'kubernetes.io/tls');
    assert.equal(get(dev, 'secrets', SYS, 'db-credentials').type, 'Opaque');
    assert.ok(get(dev, 'secrets', 'phase-5', 'db-credentials'));
  });

  it('is already settled: the controllers write nothing, and a change rolls out from the seeded history', async () => {
    // Settled means nothing queued and nothing scheduled: no write can come without a change (no quiet period to wait out).
    assert.equal(dev.idle, true, 'the seeded cluster gave the controllers work');
    const d = structuredClone(get(dev, 'deployments', SYS, 'controller'));
    (d.spec?.template as { spec: { containers: { image: string }[] } }).spec.containers.forEach((c) => (c.image = 'ghcr.io/phoenix/controller:1.8.0'));
    dev.store.update('deployments', d);
    assert.equal(dev.idle, false, 'a change is work');
    await waitFor('the controller rolled out to revision 4', () => {
      const now = get(dev, 'deployments', SYS, 'controller');
      const cond = (now.status?.conditions as { type: string; reason: string }[]).find((x) => x.type === 'Progressing');
      return now.metadata.annotations?.['deployment.kubernetes.io/revision'] === '4' && cond?.reason === 'NewReplicaSetAvailable' && now.status?.updatedReplicas === 2;
    });
    await waitFor('the controllers idle again', () => dev.idle);
  });

  it('gives phoenix-prod more replicas and its own hosts', async () => {
    const prod = await createSimCluster({ name: 'phoenix-prod', seed: { platform: true } });
    try {
      assert.equal(get(prod, 'deployments', SYS, 'platform-api').spec?.replicas, 6);
      assert.equal(prod.store.list('pods', SYS).filter((p) => p.metadata.labels?.app === 'platform-api').length, 6);
      assert.equal((get(prod, 'ingresses', SYS, 'platform-api').spec?.rules as { host: string }[])[0]?.host, 'api.phoenix-prod.local');
    } finally {
      prod.dispose();
    }
  });

  it('writes generated load in bulk, settled, and leaves the controllers idle (how fast: bench/simulatorBench)', async function () {
    this.timeout(120_000); // 2 s alone; a hang guard on a loaded machine, not a speed check
    const big = await createSimCluster({ name: 'load', seed: { platform: false, extraNamespaces: 10, deploymentsPerNamespace: 200, replicasPerDeployment: 2 } });
    try {
      assert.equal(big.store.list('deployments').length, 2000);
      assert.equal(big.store.list('pods').length, 4000);
      assert.ok(big.store.get('deployments', 'load-0010', 'svc-0200'));
      assert.equal(big.idle, true, 'no controller work after seeding');
    } finally {
      big.dispose();
    }
  });
});
