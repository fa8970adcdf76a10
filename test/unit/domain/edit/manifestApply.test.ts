import * as assert from 'node:assert/strict';
import { err, ok } from '../../../../src/core/result';
import type { KubeJson } from '../../../../src/domain/edit/editableObject';
import { parseManifest } from '../../../../src/domain/edit/manifest';
import { applyPlanned, kubectlName, type ManifestPort, outcomeCounts, planManifest, type ResourceType, type WhereObject } from '../../../../src/domain/edit/manifestApply';

const TYPES: Record<string, ResourceType> = {
  'v1/ConfigMap': { api: '/api/v1', resource: 'configmaps', kind: 'ConfigMap', group: '', namespaced: true },
  'apps/v1/Deployment': { api: '/apis/apps/v1', resource: 'deployments', kind: 'Deployment', group: 'apps', namespaced: true },
  'v1/Namespace': { api: '/api/v1', resource: 'namespaces', kind: 'Namespace', group: '', namespaced: false },
};

/** A cluster of plain objects: patches merge maps (null deletes), as a strategic merge patch does for these. */
class FakeCluster implements ManifestPort {
  readonly objects = new Map<string, KubeJson>();
  readonly writes: string[] = [];
  refuse = new Set<string>();
  private key = (at: WhereObject) => `${at.type.resource}/${at.namespace ?? ''}/${at.name}`;
  resolve(apiVersion: string, kind: string) {
    const t = TYPES[`${apiVersion}/${kind}`];
    return Promise.resolve(t ? ok(t) : err({ kind: 'notFound', message: `no matches for kind "${kind}" in version "${apiVersion}"` }));
  }
  get(at: WhereObject) {
    return Promise.resolve(ok(this.objects.get(this.key(at))));
  }
  create(at: WhereObject, body: KubeJson, dryRun: boolean) {
    if (this.refuse.has(at.name)) return Promise.resolve(err({ kind: 'invalid', message: `${at.name} is invalid` }));
    const stored = { ...structuredClone(body), metadata: { ...(body.metadata as object), uid: 'u1', resourceVersion: '1' } };
    if (!dryRun) {
      this.objects.set(this.key(at), stored);
      this.writes.push(`create ${at.name}`);
    }
    return Promise.resolve(ok(stored));
  }
  patch(at: WhereObject, patch: KubeJson, dryRun: boolean) {
    if (this.refuse.has(at.name)) return Promise.resolve(err({ kind: 'invalid', message: `${at.name} is invalid` }));
    const merged = merge(structuredClone(this.objects.get(this.key(at)) ?? {}), patch);
    if (!dryRun) {
      this.objects.set(this.key(at), merged);
      this.writes.push(`patch ${at.name}`);
    }
    return Promise.resolve(ok(merged));
  }
  replace() {
    return Promise.resolve(err({ message: 'not used' }));
  }
}

function merge(target: KubeJson, patch: KubeJson): KubeJson {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete target[k];
    else if (typeof v === 'object' && !Array.isArray(v) && typeof target[k] === 'object' && target[k] !== null) merge(target[k] as KubeJson, v as KubeJson);
    else target[k] = structuredClone(v);
  }
  return target;
}

const docs = (text: string) => {
  const r = parseManifest(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.docs;
};

const FILE = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  level: info
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: prod
spec:
  replicas: 2
`;

describe('planManifest / applyPlanned', () => {
  it('a first apply creates every object (namespace defaulted), a second finds them unchanged, a change is configured', async () => {
    const cluster = new FakeCluster();
    const first = await planManifest(docs(FILE), cluster, 'dev');
    assert.ok(first.ok);
    assert.deepEqual(first.objects.map((o) => [kubectlName(o.at.type, o.at.name), o.at.namespace, o.outcome]), [
      ['configmap/settings', 'dev', 'created'],
      ['deployment.apps/api', 'prod', 'created'],
    ]);
    assert.deepEqual(cluster.writes, [], 'the dry run stores nothing');
    const done = await applyPlanned(first.objects, cluster);
    assert.deepEqual(done, { applied: [{ name: 'configmap/settings', outcome: 'created' }, { name: 'deployment.apps/api', outcome: 'created' }], failed: [] });

    const again = await planManifest(docs(FILE), cluster, 'dev');
    assert.ok(again.ok);
    assert.deepEqual(again.objects.map((o) => o.outcome), ['unchanged', 'unchanged']);

    const changed = await planManifest(docs(FILE.replace('replicas: 2', 'replicas: 5')), cluster, 'dev');
    assert.ok(changed.ok);
    assert.deepEqual(changed.objects.map((o) => o.outcome), ['unchanged', 'configured']);
    assert.deepEqual(changed.objects[1]?.changes.filter((c) => c.path === 'spec.replicas'), [{ path: 'spec.replicas', before: 2, after: 5 }]);
    cluster.writes.length = 0;
    const r = await applyPlanned(changed.objects, cluster);
    assert.deepEqual(r.applied.map((a) => a.outcome), ['unchanged', 'configured']);
    assert.deepEqual(cluster.writes, ['patch api'], 'an unchanged object is not written');
    assert.equal(outcomeCounts(r.applied.map((a) => a.outcome)), '1 configured, 1 unchanged');
  });

  it('reports every refused document at once (kind unknown, dry run refused, namespace on a cluster-scoped kind)', async () => {
    const cluster = new FakeCluster();
    cluster.refuse.add('bad');
    const text = `${FILE}---\napiVersion: v1\nkind: Widget\nmetadata:\n  name: w\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n  namespace: prod\n`;
    const plan = await planManifest(docs(text), cluster, 'dev');
    assert.ok(!plan.ok);
    assert.deepEqual(plan.failures.map((f) => [f.doc.index, f.message]), [
      [3, 'no matches for kind "Widget" in version "v1"'],
      [4, 'server-side dry run refused it: bad is invalid'],
      [5, 'Namespace is not namespaced, but metadata.namespace is "prod"'],
    ]);
    assert.deepEqual(cluster.writes, []);
  });

  it('goes on past a failed object and reports it with what was applied', async () => {
    const cluster = new FakeCluster();
    const plan = await planManifest(docs(FILE), cluster, 'dev');
    assert.ok(plan.ok);
    cluster.refuse.add('settings');
    const r = await applyPlanned(plan.objects, cluster);
    assert.deepEqual(r.failed, [{ name: 'configmap/settings', message: 'settings is invalid' }]);
    assert.deepEqual(r.applied, [{ name: 'deployment.apps/api', outcome: 'created' }]);
  });

  it('outcomeCounts names only what happened', () => {
    assert.equal(outcomeCounts([]), 'nothing');
    assert.equal(outcomeCounts(['created', 'unchanged', 'created']), '2 created, 1 unchanged');
  });
});
