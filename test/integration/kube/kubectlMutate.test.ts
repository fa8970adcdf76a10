// Real kubectl changing the simulator: scale, set image, patch (strategic/merge/json), annotate,
// label, apply --validate=false (create and update), delete (promptly), wait --for=condition.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KubeObject } from '../../../sandbox/kube/store/types';
import { startKubectlEnv, type KubectlEnv } from './kubectlHarness';

type Container = { name: string; image: string; env?: { name: string; value: string }[] };
type Deploy = KubeObject & { spec: { replicas: number; template: { metadata: { annotations?: Record<string, string> }; spec: { containers: Container[] } } } };

const MANIFEST = (image: string, level: string, extraKey: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels: {app: api}
spec:
  replicas: 2
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
      - name: api
        image: ${image}
        ports: [{containerPort: 8080}]
        env: [{name: MODE, value: blue}, {name: LEVEL, value: ${level}}]
      - name: proxy
        image: envoy:1.30
---
apiVersion: v1
kind: ConfigMap
metadata: {name: api-config}
data: {a: "1", ${extraKey}: "2"}
`;

describe('kubectl mutations against the simulator', function () {
  this.timeout(60_000);
  let env: KubectlEnv;
  const web = () => env.clusters[0].store.get('deployments', 'phoenix-system', 'web') as Deploy | undefined;
  before(async () => {
    env = await startKubectlEnv();
  });
  after(() => env.stop());

  it('scale patches the scale subresource', async () => {
    const r = await env.kubectl(['scale', 'deployment/web', '--replicas=4']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'deployment.apps/web scaled');
    assert.equal(web()!.spec.replicas, 4);
    const bad = await env.kubectl(['scale', 'deployment/web', '--replicas=2', '--current-replicas=3']);
    assert.notEqual(bad.code, 0);
    assert.equal(web()!.spec.replicas, 4);
  });

  it('set image changes only the named container (strategic merge patch)', async () => {
    const gen = web()!.metadata.generation!;
    const r = await env.kubectl(['set', 'image', 'deployment/web', 'web=registry.phoenix.dev/web:2.0.0']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'deployment.apps/web image updated');
    const d = web()!;
    assert.equal(d.spec.template.spec.containers[0].image, 'registry.phoenix.dev/web:2.0.0');
    assert.equal(d.metadata.generation, gen + 1);
  });

  it('patch with --type strategic, merge and json', async () => {
    const sm = await env.kubectl(['patch', 'deployment', 'web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"web","env":[{"name":"FEATURE","value":"on"}]}]}}}}']);
    assert.equal(sm.code, 0, sm.stderr);
    assert.deepEqual(web()!.spec.template.spec.containers[0].env, [{ name: 'FEATURE', value: 'on' }]);
    assert.equal(web()!.spec.template.spec.containers[0].image, 'registry.phoenix.dev/web:2.0.0');
    const merge = await env.kubectl(['patch', 'deployment', 'web', '--type=merge', '-p', '{"spec":{"replicas":3}}']);
    assert.equal(merge.code, 0, merge.stderr);
    assert.equal(web()!.spec.replicas, 3);
    const json = await env.kubectl(['patch', 'deployment', 'web', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":5},{"op":"add","path":"/metadata/labels/patched","value":"yes"}]']);
    assert.equal(json.code, 0, json.stderr);
    assert.equal(web()!.spec.replicas, 5);
    assert.equal(web()!.metadata.labels!.patched, 'yes');
    const failing = await env.kubectl(['patch', 'deployment', 'web', '--type=json', '-p', '[{"op":"test","path":"/spec/replicas","value":1}]']);
    assert.notEqual(failing.code, 0);
    assert.match(failing.stderr, /Invalid|test/);
    const unchanged = await env.kubectl(['patch', 'deployment', 'web', '--type=merge', '-p', '{"spec":{"replicas":5}}']);
    assert.equal(unchanged.stdout.trim(), 'deployment.apps/web patched (no change)');
  });

  it('annotate and label (merge patches), including removal and --overwrite rules', async () => {
    assert.equal((await env.kubectl(['annotate', 'deployment', 'web', 'owner=sre'])).code, 0);
    assert.equal(web()!.metadata.annotations!.owner, 'sre');
    const clash = await env.kubectl(['annotate', 'deployment', 'web', 'owner=dev']);
    assert.notEqual(clash.code, 0);
    assert.equal((await env.kubectl(['annotate', 'deployment', 'web', 'owner=dev', '--overwrite'])).code, 0);
    assert.equal(web()!.metadata.annotations!.owner, 'dev');
    assert.equal((await env.kubectl(['label', 'deployment', 'web', 'tier=frontend'])).code, 0);
    assert.equal(web()!.metadata.labels!.tier, 'frontend');
    assert.equal((await env.kubectl(['label', 'deployment', 'web', 'tier-'])).code, 0);
    assert.equal(web()!.metadata.labels!.tier, undefined);
    const pods = await env.kubectl(['label', 'pods', '--all', 'checked=true']);
    assert.equal(pods.code, 0, pods.stderr);
    assert.equal(env.clusters[0].store.get('pods', 'phoenix-system', 'web-5d9c7b-abcde')!.metadata.labels!.checked, 'true');
  });

  it('apply --validate=false creates, then updates with a three-way strategic merge, then is unchanged', async () => {
    const file = join(env.dir, 'api.yaml');
    await writeFile(file, MANIFEST('registry.phoenix.dev/api:1.0.0', 'info', 'b'));
    const create = await env.kubectl(['apply', '--validate=false', '-f', file]);
    assert.equal(create.code, 0, create.stderr);
    assert.equal(create.stdout, 'deployment.apps/api created\nconfigmap/api-config created\n');
    const store = env.clusters[0].store;
    const api = () => store.get('deployments', 'phoenix-system', 'api') as Deploy;
    assert.ok(api().metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration']);

    // Someone scales it by hand; apply does not own that field after the update either (it is in the file).
    await writeFile(file, MANIFEST('registry.phoenix.dev/api:1.1.0', 'debug', 'c'));
    const update = await env.kubectl(['apply', '--validate=false', '-f', file]);
    assert.equal(update.code, 0, update.stderr);
    assert.equal(update.stdout, 'deployment.apps/api configured\nconfigmap/api-config configured\n');
    const c = api().spec.template.spec.containers;
    assert.deepEqual(c.map((x) => `${x.name}=${x.image}`), ['api=registry.phoenix.dev/api:1.1.0', 'proxy=envoy:1.30']);
    assert.deepEqual(c[0].env, [{ name: 'MODE', value: 'blue' }, { name: 'LEVEL', value: 'debug' }]);
    assert.deepEqual(store.get('configmaps', 'phoenix-system', 'api-config')!.data, { a: '1', c: '2' });

    const again = await env.kubectl(['apply', '--validate=false', '-f', file]);
    assert.equal(again.stdout, 'deployment.apps/api unchanged\nconfigmap/api-config unchanged\n');
    // With validation on, kubectl asks /openapi/v3 for field-validation support and applies too.
    const validated = await env.kubectl(['apply', '-f', file]);
    assert.equal(validated.code, 0, validated.stderr);

    // diff: a dry-run PATCH of the changed file, compared with the live object.
    assert.equal((await env.kubectl(['diff', '-f', file])).code, 0);
    await writeFile(file, MANIFEST('registry.phoenix.dev/api:1.2.0', 'debug', 'c'));
    const diff = await env.kubectl(['diff', '-f', file]);
    assert.equal(diff.code, 1, diff.stderr);
    assert.match(diff.stdout, /^-\s+image: registry\.phoenix\.dev\/api:1\.1\.0$/m);
    assert.match(diff.stdout, /^\+\s+image: registry\.phoenix\.dev\/api:1\.2\.0$/m);
    assert.equal(api().spec.template.spec.containers[0].image, 'registry.phoenix.dev/api:1.1.0');
  });

  it('create and --dry-run=server', async () => {
    const dry = await env.kubectl(['create', 'deployment', 'dry', '--image=nginx:1.27', '--dry-run=server', '-o', 'name']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.equal(env.clusters[0].store.get('deployments', 'phoenix-system', 'dry'), undefined);
    const created = await env.kubectl(['create', 'deployment', 'made', '--image=nginx:1.27', '--replicas=2']);
    assert.equal(created.code, 0, created.stderr);
    assert.equal((env.clusters[0].store.get('deployments', 'phoenix-system', 'made') as Deploy).spec.replicas, 2);
  });

  it('wait --for=condition=available returns as soon as the condition holds', async () => {
    // kubectl only trusts conditions observed for the current generation (no controller runs here).
    const store = env.clusters[0].store;
    const observed = structuredClone(store.get('deployments', 'phoenix-system', 'web')!);
    observed.status = { ...observed.status, observedGeneration: observed.metadata.generation };
    store.update('deployments', observed);
    const r = await env.kubectl(['wait', '--for=condition=available', 'deployment/web', '--timeout=10s']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'deployment.apps/web condition met'); // before its --timeout, or it would say "timed out"
    const d = structuredClone(store.get('deployments', 'phoenix-system', 'made')!);
    d.status = { observedGeneration: 1, conditions: [{ type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable' }] };
    store.update('deployments', d);
    const waiting = env.kubectl(['wait', '--for=condition=available', 'deployment/made', '--timeout=15s']);
    await new Promise((r2) => setTimeout(r2, 1500));
    const later = structuredClone(store.get('deployments', 'phoenix-system', 'made')!);
    later.status = { observedGeneration: 1, conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' }] };
    store.update('deployments', later);
    const done = await waiting;
    assert.equal(done.code, 0, done.stderr); // met before its 15 s --timeout
    const timeout = await env.kubectl(['wait', '--for=condition=progressing', 'deployment/made', '--timeout=1s']);
    assert.notEqual(timeout.code, 0);
    assert.match(timeout.stderr, /timed out waiting for the condition/);
  });

  it('delete returns promptly and the object is gone', async () => {
    const r = await env.kubectl(['delete', 'deployment', 'api']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'deployment.apps "api" deleted');
    assert.equal(env.clusters[0].store.get('deployments', 'phoenix-system', 'api'), undefined);
    const pod = await env.kubectl(['delete', 'pod', 'web-5d9c7b-abcde']);
    assert.equal(pod.code, 0, pod.stderr);
    const byLabel = await env.kubectl(['delete', 'cm', '-l', 'nothing=here']);
    assert.match(byLabel.stderr + byLabel.stdout, /No resources found/);
    const missing = await env.kubectl(['delete', 'deployment', 'api']);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /deployments\.apps "api" not found/);
    const ns = await env.kubectl(['delete', 'namespace', 'phase-5']);
    assert.equal(ns.code, 0, ns.stderr);
    assert.equal(env.clusters[0].store.get('namespaces', undefined, 'phase-5'), undefined);
  });
});
