// Apply File… and Edit YAML below the UI, against the simulator and side by side with real kubectl: the cockpit's
// dry-run plan names the same objects and outcomes as `kubectl apply --dry-run=server`, would store the same objects,
// and after the cockpit applies, `kubectl diff` finds nothing left to change and `kubectl apply` says unchanged.
// An edit whose object kubectl changed in between is refused with 409 Conflict: kubectl's change stays, ours is not stored.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManifestClient } from '../../../src/clients/kubernetes/manifestClient';
import type { KubeJson } from '../../../src/domain/edit/editableObject';
import { editableObject, metadataOf } from '../../../src/domain/edit/editableObject';
import { parseEdited, parseManifest } from '../../../src/domain/edit/manifest';
import { applyPlanned, kubectlName, planManifest } from '../../../src/domain/edit/manifestApply';
import { startWorkloadEnv, type WorkloadEnv } from '../workloads/workloadHarness';

const NS = 'edit-it';

const V1 = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  labels:
    app: shop
    stale: "yes"
data:
  LOG_LEVEL: info
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  replicas: 1
  selector:
    matchLabels:
      app: shop
  template:
    metadata:
      labels:
        app: shop
    spec:
      containers:
        - name: shop
          image: registry.phoenix.dev/shop:1.0.0
`;

// The ConfigMap's level changes and its "stale" label is dropped, the Deployment scales, a Service is new.
const V2 = `${V1.replace('LOG_LEVEL: info', 'LOG_LEVEL: debug').replace('    stale: "yes"\n', '').replace('replicas: 1', 'replicas: 3')}---
apiVersion: v1
kind: Service
metadata:
  name: shop
spec:
  selector:
    app: shop
  ports:
    - port: 80
      targetPort: 8080
`;

/** What both sides must agree on: the user's fields, not what the server assigns (uid, times, versions). */
function userFields(o: KubeJson): KubeJson {
  const e = editableObject(o);
  const m = metadataOf(e);
  for (const k of ['uid', 'creationTimestamp', 'resourceVersion', 'generation']) delete m[k];
  const spec = e.spec as Record<string, unknown> | undefined;
  // The simulator allocates a Service's clusterIP per request (a dry run too, as a real server does).
  if (e.kind === 'Service' && spec) for (const k of ['clusterIP', 'clusterIPs']) delete spec[k];
  return e;
}

describe('Apply File… and Edit YAML against the simulator, side by side with kubectl', function () {
  this.timeout(180_000);
  let env: WorkloadEnv;
  let home: string;
  let port: ManifestClient;
  const kubectl = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile('kubectl', [`--kubeconfig=${env.sandbox.info.kubeconfigPath}`, '--context=phoenix-dev', `--namespace=${NS}`, ...args], { env: { ...process.env, HOME: home }, timeout: 60_000 }, (e, stdout, stderr) =>
        resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, stdout, stderr }),
      ),
    );
  const file = (name: string, text: string) => {
    const p = join(home, name);
    writeFileSync(p, text);
    return p;
  };

  before(async () => {
    env = await startWorkloadEnv();
    home = mkdtempSync(join(tmpdir(), 'edit-it-'));
    port = new ManifestClient(env.client().http);
    assert.equal((await kubectl('create', 'namespace', NS)).code, 0);
    const first = await kubectl('apply', '-f', file('v1.yaml', V1));
    assert.equal(first.code, 0, first.stderr);
  });
  after(async () => {
    await env?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('the dry-run plan agrees with kubectl apply --dry-run=server and kubectl diff; after the cockpit applies, kubectl finds nothing to change', async () => {
    const v2 = file('v2.yaml', V2);
    const parsed = parseManifest(V2);
    assert.ok(parsed.ok);
    const plan = await planManifest(parsed.docs, port, NS);
    assert.ok(plan.ok, JSON.stringify(!plan.ok && plan.failures));
    const ours = plan.objects.map((o) => `${kubectlName(o.at.type, o.at.name)} ${o.outcome}`);
    assert.deepEqual(ours, ['configmap/settings configured', 'deployment.apps/shop configured', 'service/shop created']);

    const dry = await kubectl('apply', '--dry-run=server', '-f', v2);
    assert.equal(dry.code, 0, dry.stderr);
    assert.deepEqual(dry.stdout.trim().split('\n'), ours.map((l) => `${l} (server dry run)`));
    const theirs = JSON.parse((await kubectl('apply', '--dry-run=server', '-o', 'json', '-f', v2)).stdout) as { items: KubeJson[] };
    assert.deepEqual(plan.objects.map((o) => userFields(o.dryRun)), theirs.items.map(userFields), 'the cockpit would store what kubectl would store, last-applied annotation included');

    const diff = await kubectl('diff', '-f', v2);
    assert.equal(diff.code, 1, diff.stderr);
    assert.match(diff.stdout, /^-\s+LOG_LEVEL: info$/m);
    assert.match(diff.stdout, /^-\s+stale: "yes"$/m);
    assert.match(diff.stdout, /^\+\s+replicas: 3$/m);
    const cm = plan.objects[0];
    assert.deepEqual(cm.changes.filter((c) => !c.path.includes('last-applied')).map((c) => c.path).sort(), ['data.LOG_LEVEL', 'metadata.labels.stale']);

    assert.equal((await kubectl('get', 'service', 'shop', '--ignore-not-found', '-o', 'name')).stdout.trim(), '', 'a dry run stores nothing');
    const done = await applyPlanned(plan.objects, port);
    assert.deepEqual(done.failed, []);
    assert.deepEqual(done.applied.map((a) => `${a.name} ${a.outcome}`), ours);

    const after = await kubectl('diff', '-f', v2);
    assert.equal(after.code, 0, `kubectl diff still sees changes:\n${after.stdout}${after.stderr}`);
    const again = await kubectl('apply', '-f', v2);
    assert.deepEqual(again.stdout.trim().split('\n'), ['configmap/settings unchanged', 'deployment.apps/shop unchanged', 'service/shop unchanged']);
    assert.equal((await kubectl('get', 'configmap', 'settings', '-o', 'jsonpath={.metadata.labels.stale}')).stdout, '', 'the label the previous apply set and the file dropped is gone');

    const replan = await planManifest(parsed.docs, port, NS);
    assert.ok(replan.ok);
    assert.deepEqual(replan.objects.map((o) => o.outcome), ['unchanged', 'unchanged', 'unchanged']);
  });

  it('a dry run of a manifest the server refuses names the document and stores nothing', async () => {
    const bad = parseManifest(V1.replace('replicas: 1', 'replicas: -2').replace('name: settings', 'name: settings-new'));
    assert.ok(bad.ok);
    const plan = await planManifest(bad.docs, port, NS);
    assert.ok(!plan.ok);
    assert.deepEqual(plan.failures.map((f) => f.doc.index), [2]);
    assert.match(plan.failures[0].message, /server-side dry run refused it: .*spec\.replicas/);
    assert.equal((await kubectl('get', 'configmap', 'settings-new', '--ignore-not-found', '-o', 'name')).stdout.trim(), '');
  });

  it('Edit YAML: a change kubectl made after the object was opened is a 409 Conflict; kubectl’s change stays and ours is not stored', async () => {
    const type = await port.resolve('apps/v1', 'deployment');
    assert.ok(type.ok);
    const at = { type: type.value, namespace: NS, name: 'shop' };
    const opened = await port.get(at);
    assert.ok(opened.ok && opened.value);
    const openedVersion = metadataOf(opened.value).resourceVersion as string;
    // The user edits the image; meanwhile someone scales with kubectl.
    const text = JSON.stringify(editableObject(opened.value)).replace('registry.phoenix.dev/shop:1.0.0', 'registry.phoenix.dev/shop:2.0.0');
    const edited = parseEdited(text, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'shop', namespace: NS });
    assert.ok(edited.ok);
    metadataOf(edited.object).resourceVersion = openedVersion;

    const dryFirst = await port.replace(at, edited.object, true);
    assert.ok(dryFirst.ok, 'the dry run passes while nobody else changed it');
    assert.equal(metadataOf(dryFirst.value).resourceVersion, openedVersion, 'a dry run does not move the resourceVersion');

    assert.equal((await kubectl('scale', 'deployment/shop', '--replicas=5')).code, 0);
    const dry = await port.replace(at, edited.object, true);
    assert.ok(!dry.ok);
    assert.equal(dry.error.kind, 'conflict');
    const put = await port.replace(at, edited.object, false);
    assert.ok(!put.ok);
    assert.equal(put.error.kind, 'conflict');
    assert.match(put.error.message, /Operation cannot be fulfilled on deployments\.apps "shop": the object has been modified; please apply your changes to the latest version and try again/);
    const live = await kubectl('get', 'deployment', 'shop', '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image}');
    assert.equal(live.stdout, '5 registry.phoenix.dev/shop:1.0.0');
  });

  it('server-side apply is refused plainly (415: kubectl says it is not available on the server), as the README says, and changes nothing', async () => {
    const before = (await kubectl('get', 'configmap', 'settings', '-o', 'jsonpath={.data.LOG_LEVEL}')).stdout;
    const r = await kubectl('apply', '--server-side', '-f', file('ssa.yaml', V2.replace('LOG_LEVEL: debug', 'LOG_LEVEL: trace')));
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /Server-side apply not available on the server: .*\(got application\/apply-patch\+yaml\)/);
    assert.equal((await kubectl('get', 'configmap', 'settings', '-o', 'jsonpath={.data.LOG_LEVEL}')).stdout, before);
  });
});
