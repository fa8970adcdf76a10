// The API server over real HTTPS: auth, discovery, list/get/paging, writes, status and scale
// subresources, delete, and Status error bodies as the real server writes them.
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../../../sandbox/kube/store/types';
import { deployment, pod } from './fakeCluster';
import { startHarness, type Harness } from './serverHarness';

const DEPLOYS = '/apis/apps/v1/namespaces/phoenix-system/deployments';
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

describe('API server: auth and discovery', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ forbiddenNamespaces: ['restricted'], user: 'oncall@phoenix.dev' });
  });
  after(() => h.stop());

  it('answers 401 Unauthorized Status for a missing or wrong token', async () => {
    for (const token of [null, 'wrong']) {
      const r = await h.request('GET', '/api/v1/namespaces', { token });
      assert.equal(r.status, 401);
      assert.deepEqual(r.json(), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
    }
    assert.equal((await h.request('GET', '/version', { token: 'wrong' })).status, 401);
  });

  it('lets anonymous clients read /version and health', async () => {
    const v = await h.request('GET', '/version', { token: null });
    assert.equal(v.status, 200);
    assert.match(v.json<{ gitVersion: string }>().gitVersion, /^v1\.30\.\d+$/);
    for (const p of ['/healthz', '/livez', '/readyz']) assert.equal((await h.request('GET', p, { token: null })).text, 'ok');
  });

  it('answers 403 with the real message in a forbidden namespace', async () => {
    const list = await h.request('GET', '/apis/apps/v1/namespaces/restricted/deployments');
    assert.equal(list.status, 403);
    assert.deepEqual(list.json(), {
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: 'deployments.apps is forbidden: User "oncall@phoenix.dev" cannot list resource "deployments" in API group "apps" in the namespace "restricted"',
      reason: 'Forbidden', details: { group: 'apps', kind: 'deployments' }, code: 403,
    });
    const log = await h.request('GET', '/api/v1/namespaces/restricted/pods/x/log');
    assert.equal(log.json<{ message: string }>().message, 'pods "x" is forbidden: User "oncall@phoenix.dev" cannot get resource "pods/log" in API group "" in the namespace "restricted"');
    assert.equal((await h.request('GET', '/api/v1/namespaces/restricted')).status, 200);
  });

  it('serves legacy discovery with subresources, short names and categories', async () => {
    assert.deepEqual((await h.request('GET', '/api')).json<{ versions: string[] }>().versions, ['v1']);
    const groups = (await h.request('GET', '/apis')).json<{ groups: { name: string }[] }>().groups.map((g) => g.name);
    assert.deepEqual(groups, ['apps', 'networking.k8s.io', 'apiextensions.k8s.io', 'authorization.k8s.io', 'batch', 'autoscaling', 'policy', 'rbac.authorization.k8s.io', 'coordination.k8s.io']);
    // A group without a v1 is still a group.
    assert.equal((await h.request('GET', '/apis/autoscaling')).json<{ preferredVersion: { groupVersion: string } }>().preferredVersion.groupVersion, 'autoscaling/v2');
    type Res = { name: string; kind: string; group?: string; version?: string; shortNames?: string[]; categories?: string[]; verbs: string[] };
    const apps = (await h.request('GET', '/apis/apps/v1')).json<{ resources: Res[] }>().resources;
    const scale = apps.find((r) => r.name === 'deployments/scale')!;
    assert.deepEqual([scale.group, scale.version, scale.kind], ['autoscaling', 'v1', 'Scale']);
    assert.ok(apps.find((r) => r.name === 'deployments/status'));
    assert.ok(apps.find((r) => r.name === 'replicasets/scale'));
    const deploy = apps.find((r) => r.name === 'deployments')!;
    assert.deepEqual([deploy.shortNames, deploy.categories], [['deploy'], ['all']]);
    const core = (await h.request('GET', '/api/v1')).json<{ resources: Res[] }>().resources;
    assert.deepEqual(core.find((r) => r.name === 'pods/log')!.verbs, ['get']);
    for (const [name, short] of [['pods', 'po'], ['services', 'svc'], ['configmaps', 'cm'], ['namespaces', 'ns'], ['events', 'ev']]) {
      assert.deepEqual(core.find((r) => r.name === name)!.shortNames, [short], name);
    }
    const net = (await h.request('GET', '/apis/networking.k8s.io/v1')).json<{ resources: Res[] }>().resources;
    assert.deepEqual(net.find((r) => r.name === 'ingresses')!.shortNames, ['ing']);
  });

  it('answers SelfSubjectAccessReviews: denied only in forbidden namespaces', async () => {
    const review = (namespace: string) => ({ kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', spec: { resourceAttributes: { namespace, verb: 'list', group: 'apps', resource: 'deployments' } } });
    const ok = await h.request('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', { body: review('phoenix-system') });
    assert.equal(ok.status, 201);
    assert.equal(ok.json<{ status: { allowed: boolean } }>().status.allowed, true);
    const no = await h.request('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', { body: review('restricted') });
    assert.equal(no.json<{ status: { allowed: boolean } }>().status.allowed, false);
  });

  it('serves aggregated discovery when asked for it', async () => {
    const r = await h.request('GET', '/apis', { accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' });
    assert.equal(r.headers['content-type'], 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    const body = r.json<{ kind: string; items: { metadata: { name: string }; versions: { resources: { resource: string; subresources?: { subresource: string }[] }[] }[] }[] }>();
    assert.equal(body.kind, 'APIGroupDiscoveryList');
    const apps = body.items.find((i) => i.metadata.name === 'apps')!;
    const deploy = apps.versions[0].resources.find((x) => x.resource === 'deployments')!;
    assert.deepEqual(deploy.subresources!.map((s) => s.subresource), ['scale', 'status']);
  });

  it('answers unknown paths with 404 Status (API) or text (elsewhere)', async () => {
    const r = await h.request('GET', '/apis/storage.k8s.io/v1/storageclasses');
    assert.equal(r.status, 404);
    assert.equal((await h.request('GET', '/apis/batch/v1/widgets')).status, 404);
    assert.equal(r.json<{ reason: string }>().reason, 'NotFound');
    assert.equal((await h.request('GET', '/ui')).text, '404 page not found\n');
  });

  it('advertises server-side field validation in /openapi/v3 and 404s /openapi/v2', async () => {
    const root = (await h.request('GET', '/openapi/v3')).json<{ paths: Record<string, { serverRelativeURL: string }> }>();
    const url = root.paths['apis/apps/v1'].serverRelativeURL;
    const doc = (await h.request('GET', url)).json<{ paths: Record<string, { patch: { parameters: { name: string }[] } }> }>();
    const op = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    assert.ok(op.parameters.some((p) => p.name === 'fieldValidation'));
    assert.equal((await h.request('GET', '/openapi/v2')).status, 404);
  });
});

describe('API server: reads', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
    for (let i = 0; i < 7; i++) h.cluster.store.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'phase-5', labels: { n: String(i % 2) } }, data: { k: 'v' } });
  });
  after(() => h.stop());

  it('GET returns the object; a missing one is 404 with the qualified resource', async () => {
    const r = await h.request('GET', `${DEPLOYS}/web`);
    assert.equal(r.json<KubeObject>().metadata.name, 'web');
    const missing = await h.request('GET', `${DEPLOYS}/nope`);
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json(), {
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'deployments.apps "nope" not found',
      reason: 'NotFound', details: { name: 'nope', group: 'apps', kind: 'deployments' }, code: 404,
    });
  });

  it('lists carry the store resourceVersion; items have no kind/apiVersion like the real server', async () => {
    const list = (await h.request('GET', '/api/v1/namespaces/phase-5/configmaps')).json<{ kind: string; apiVersion: string; metadata: { resourceVersion: string }; items: KubeObject[] }>();
    assert.equal(list.kind, 'ConfigMapList');
    assert.equal(list.apiVersion, 'v1');
    assert.equal(list.metadata.resourceVersion, String(h.cluster.store.resourceVersion));
    assert.deepEqual(list.items.map((i) => i.metadata.name), ['cm-0', 'cm-1', 'cm-2', 'cm-3', 'cm-4', 'cm-5', 'cm-6']);
    assert.equal(list.items[0].kind, undefined);
    const all = (await h.request('GET', '/apis/apps/v1/deployments')).json<{ items: KubeObject[] }>();
    assert.deepEqual(all.items.map((i) => `${i.metadata.namespace}/${i.metadata.name}`), ['phoenix-system/web']);
  });

  it('filters by label and field selectors', async () => {
    const names = async (q: string) => (await h.request('GET', `/api/v1/namespaces/phase-5/configmaps?${q}`)).json<{ items: KubeObject[] }>().items.map((i) => i.metadata.name);
    assert.deepEqual(await names('labelSelector=n%3D1'), ['cm-1', 'cm-3', 'cm-5']);
    assert.deepEqual(await names('labelSelector=n%20notin%20(1)&fieldSelector=metadata.name!%3Dcm-0'), ['cm-2', 'cm-4', 'cm-6']);
    const bad = await h.request('GET', '/api/v1/namespaces/phase-5/configmaps?fieldSelector=data.k%3Dv');
    assert.equal(bad.status, 400);
    assert.equal(bad.json<{ message: string }>().message, 'field label not supported: data.k');
  });

  it('pages with limit/continue at one resourceVersion, 410 once the token is too old', async () => {
    type L = { metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number }; items: KubeObject[] };
    const p1 = (await h.request('GET', '/api/v1/namespaces/phase-5/configmaps?limit=3')).json<L>();
    assert.deepEqual(p1.items.map((i) => i.metadata.name), ['cm-0', 'cm-1', 'cm-2']);
    assert.equal(p1.metadata.remainingItemCount, 4);
    const p2 = (await h.request('GET', `/api/v1/namespaces/phase-5/configmaps?limit=3&continue=${encodeURIComponent(p1.metadata.continue!)}`)).json<L>();
    assert.deepEqual(p2.items.map((i) => i.metadata.name), ['cm-3', 'cm-4', 'cm-5']);
    assert.equal(p2.metadata.resourceVersion, p1.metadata.resourceVersion);
    const p3 = (await h.request('GET', `/api/v1/namespaces/phase-5/configmaps?limit=3&continue=${encodeURIComponent(p2.metadata.continue!)}`)).json<L>();
    assert.deepEqual(p3.items.map((i) => i.metadata.name), ['cm-6']);
    assert.equal(p3.metadata.continue, undefined);

    h.cluster.store.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'later', namespace: 'phase-5' } });
    h.cluster.store.compact();
    const gone = await h.request('GET', `/api/v1/namespaces/phase-5/configmaps?limit=3&continue=${encodeURIComponent(p1.metadata.continue!)}`);
    assert.equal(gone.status, 410);
    assert.equal(gone.json<{ reason: string }>().reason, 'Expired');
  });

  it('answers Table when asked, with PartialObjectMetadata rows', async () => {
    const r = await h.request('GET', `${DEPLOYS}?limit=500`, { accept: TABLE });
    assert.equal(r.headers['content-type'], 'application/json;as=Table;v=v1;g=meta.k8s.io');
    const t = r.json<{ kind: string; columnDefinitions: { name: string }[]; rows: { cells: unknown[]; object: { kind: string } }[] }>();
    assert.equal(t.kind, 'Table');
    assert.deepEqual(t.rows[0].cells.slice(0, 4), ['web', '2/2', 2, 2]);
    assert.equal(t.rows[0].object.kind, 'PartialObjectMetadata');
    const one = (await h.request('GET', `${DEPLOYS}/web?includeObject=Object`, { accept: TABLE })).json<{ rows: { object: { kind: string } }[] }>();
    assert.equal(one.rows[0].object.kind, 'Deployment');
  });
});

describe('API server: writes', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  it('POST creates in the URL namespace with defaults; 409 when it exists; 404 without the namespace', async () => {
    const body = deployment('ignored', 'api');
    delete body.metadata.namespace;
    delete (body.spec as Record<string, unknown>).strategy;
    const r = await h.request('POST', DEPLOYS, { body });
    assert.equal(r.status, 201);
    const created = r.json<KubeObject & { spec: { strategy: unknown; revisionHistoryLimit: number } }>();
    assert.equal(created.metadata.namespace, 'phoenix-system');
    assert.equal(created.metadata.generation, 1);
    assert.ok(created.metadata.uid);
    assert.deepEqual(created.spec.strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    assert.equal(created.spec.revisionHistoryLimit, 10);
    const again = await h.request('POST', DEPLOYS, { body });
    assert.equal(again.status, 409);
    assert.equal(again.json<{ message: string }>().message, 'deployments.apps "api" already exists');
    const noNs = await h.request('POST', '/apis/apps/v1/namespaces/nowhere/deployments', { body });
    assert.equal(noNs.status, 404);
    assert.equal(noNs.json<{ message: string }>().message, 'namespaces "nowhere" not found');
  });

  it('rejects invalid objects with 422 and field causes', async () => {
    const body = deployment('phoenix-system', 'Bad_Name');
    const r = await h.request('POST', DEPLOYS, { body });
    assert.equal(r.status, 422);
    const s = r.json<{ reason: string; message: string; details: { causes: { field: string }[] } }>();
    assert.equal(s.reason, 'Invalid');
    assert.match(s.message, /^Deployment\.apps "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
    assert.equal(s.details.causes[0].field, 'metadata.name');
    const mismatch = deployment('phoenix-system', 'mm');
    (mismatch.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels = { app: 'other' };
    const m = await h.request('POST', DEPLOYS, { body: mismatch });
    assert.match(m.json<{ message: string }>().message, /spec\.template\.metadata\.labels: Invalid value: map\[string\]string\{"app":"other"\}: `selector` does not match template `labels`/);
  });

  it('dryRun=All answers without storing', async () => {
    const rv = h.cluster.store.resourceVersion;
    const r = await h.request('POST', `${DEPLOYS}?dryRun=All`, { body: deployment('phoenix-system', 'dry') });
    assert.equal(r.status, 201);
    assert.equal(h.cluster.store.get('deployments', 'phoenix-system', 'dry'), undefined);
    const d = await h.request('DELETE', `${DEPLOYS}/web?dryRun=All`);
    assert.equal(d.status, 200);
    assert.ok(h.cluster.store.get('deployments', 'phoenix-system', 'web'));
    assert.equal(h.cluster.store.resourceVersion, rv);
  });

  it('PUT and PATCH of the main resource leave status alone; /status changes only status', async () => {
    const cur = h.cluster.store.get('deployments', 'phoenix-system', 'web')!;
    const put = structuredClone(cur);
    (put.spec as { replicas: number }).replicas = 5;
    put.status = { replicas: 99 };
    const r = await h.request('PUT', `${DEPLOYS}/web`, { body: put });
    assert.equal(r.status, 200);
    const updated = r.json<KubeObject & { spec: { replicas: number }; status: { replicas: number } }>();
    assert.equal(updated.spec.replicas, 5);
    assert.equal(updated.status.replicas, 2);
    assert.equal(updated.metadata.generation, 2);

    const stale = await h.request('PUT', `${DEPLOYS}/web`, { body: put });
    assert.equal(stale.status, 409);
    assert.match(stale.json<{ message: string }>().message, /^Operation cannot be fulfilled on deployments\.apps "web": the object has been modified/);

    const st = await h.request('PATCH', `${DEPLOYS}/web/status`, { body: { status: { replicas: 5, observedGeneration: 2 }, spec: { replicas: 1 } }, contentType: 'application/merge-patch+json' });
    const afterStatus = st.json<KubeObject & { spec: { replicas: number }; status: { replicas: number; observedGeneration: number } }>();
    assert.deepEqual([afterStatus.spec.replicas, afterStatus.status.replicas, afterStatus.status.observedGeneration, afterStatus.metadata.generation], [5, 5, 2, 2]);

    const main = await h.request('PATCH', `${DEPLOYS}/web`, { body: { status: { replicas: 0 }, metadata: { labels: { x: 'y' } } }, contentType: 'application/merge-patch+json' });
    const m = main.json<KubeObject & { status: { replicas: number } }>();
    assert.equal(m.status.replicas, 5);
    assert.equal(m.metadata.labels!.x, 'y');
    assert.equal(m.metadata.generation, 2);
  });

  it('PATCH with each type; unsupported content type is 415', async () => {
    const sm = await h.request('PATCH', `${DEPLOYS}/web`, {
      body: { spec: { template: { spec: { containers: [{ name: 'web', image: 'web:2' }] } } } },
      contentType: 'application/strategic-merge-patch+json',
    });
    assert.equal(sm.json<{ spec: { template: { spec: { containers: { image: string; ports: unknown[] }[] } } } }>().spec.template.spec.containers[0].image, 'web:2');
    const jp = await h.request('PATCH', `${DEPLOYS}/web`, { body: [{ op: 'replace', path: '/spec/replicas', value: 4 }], contentType: 'application/json-patch+json' });
    assert.equal(jp.json<{ spec: { replicas: number } }>().spec.replicas, 4);
    const bad = await h.request('PATCH', `${DEPLOYS}/web`, { body: [{ op: 'test', path: '/spec/replicas', value: 1 }], contentType: 'application/json-patch+json' });
    assert.equal(bad.status, 422);
    const ssa = await h.request('PATCH', `${DEPLOYS}/web`, { body: '{}', contentType: 'application/apply-patch+yaml' });
    assert.equal(ssa.status, 415);
  });

  it('scale subresource: GET Scale, PATCH and PUT replicas, 422 below zero', async () => {
    const s = (await h.request('GET', `${DEPLOYS}/web/scale`)).json<{ kind: string; apiVersion: string; spec: { replicas: number }; status: { replicas: number; selector: string } }>();
    assert.deepEqual([s.kind, s.apiVersion, s.spec.replicas, s.status.replicas, s.status.selector], ['Scale', 'autoscaling/v1', 2, 2, 'app=web']);
    const p = await h.request('PATCH', `${DEPLOYS}/web/scale`, { body: { spec: { replicas: 3 } }, contentType: 'application/merge-patch+json' });
    assert.equal(p.json<{ spec: { replicas: number } }>().spec.replicas, 3);
    assert.equal((h.cluster.store.get('deployments', 'phoenix-system', 'web')!.spec as { replicas: number }).replicas, 3);
    const put = await h.request('PUT', `${DEPLOYS}/web/scale`, { body: { kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name: 'web' }, spec: { replicas: 1 } } });
    assert.equal(put.json<{ spec: { replicas: number } }>().spec.replicas, 1);
    const neg = await h.request('PATCH', `${DEPLOYS}/web/scale`, { body: { spec: { replicas: -1 } }, contentType: 'application/merge-patch+json' });
    assert.equal(neg.status, 422);
    assert.equal(neg.json<{ message: string }>().message, 'Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  });

  it('DELETE answers Status Success (or the pod), honours preconditions, orphans dependents', async () => {
    const store = h.cluster.store;
    const owner = store.get('deployments', 'phoenix-system', 'web')!;
    const rs: KubeObject = {
      ...deployment('phoenix-system', 'web-5d9c7b'),
      kind: 'ReplicaSet',
      metadata: { name: 'web-5d9c7b', namespace: 'phoenix-system', labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: owner.metadata.uid!, controller: true }] },
    };
    store.create('replicasets', rs);
    const pre = await h.request('DELETE', `${DEPLOYS}/web`, { body: { preconditions: { uid: 'other' } } });
    assert.equal(pre.status, 409);
    const r = await h.request('DELETE', `${DEPLOYS}/web`, { body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Orphan' } });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json(), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: 'web', group: 'apps', kind: 'deployments', uid: owner.metadata.uid } });
    assert.equal(store.get('deployments', 'phoenix-system', 'web'), undefined);
    assert.equal(store.get('replicasets', 'phoenix-system', 'web-5d9c7b')!.metadata.ownerReferences, undefined);
    const p = await h.request('DELETE', '/api/v1/namespaces/phoenix-system/pods/web-5d9c7b-abcde');
    assert.equal(p.json<KubeObject>().kind, 'Pod');
    assert.equal((await h.request('DELETE', `${DEPLOYS}/web`)).status, 404);
  });

  it('creates namespaces, services and secrets with server-side defaults', async () => {
    const ns = (await h.request('POST', '/api/v1/namespaces', { body: { metadata: { name: 'team-x' } } })).json<KubeObject & { status: { phase: string } }>();
    assert.equal(ns.status.phase, 'Active');
    assert.equal(ns.metadata.labels!['kubernetes.io/metadata.name'], 'team-x');
    const svc = (await h.request('POST', '/api/v1/namespaces/team-x/services', { body: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } } })).json<{ spec: { type: string; clusterIP: string; ports: { protocol: string; targetPort: number }[] } }>();
    assert.equal(svc.spec.type, 'ClusterIP');
    assert.match(svc.spec.clusterIP, /^10\.96\.\d+\.\d+$/);
    assert.deepEqual([svc.spec.ports[0].protocol, svc.spec.ports[0].targetPort], ['TCP', 80]);
    const sec = (await h.request('POST', '/api/v1/namespaces/team-x/secrets', { body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { password: 'hunter2' } } })).json<{ type: string; data: Record<string, string>; stringData?: unknown }>();
    assert.deepEqual([sec.type, sec.data.password, sec.stringData], ['Opaque', Buffer.from('hunter2').toString('base64'), undefined]);
    const wrongKind = await h.request('POST', '/api/v1/namespaces/team-x/secrets', { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } } });
    assert.equal(wrongKind.status, 400);
  });

  it('keeps the pod created through the API Pending until something runs it', async () => {
    const body = pod('phoenix-system', 'solo', 'solo');
    delete body.status;
    const r = (await h.request('POST', '/api/v1/namespaces/phoenix-system/pods', { body })).json<{ status: { phase: string } }>();
    assert.equal(r.status.phase, 'Pending');
  });
});
