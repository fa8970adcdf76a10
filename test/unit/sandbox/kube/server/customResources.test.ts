// Generic CRD support: a CustomResourceDefinition posted to the API server is served at once
// (discovery, CRUD, watch, tables from its printer columns, the status subresource), and deleting it
// stops serving it and deletes its objects. Flagger's and Argo's CRDs from the seed are served the same way.
import assert from 'node:assert/strict';
import { lookup } from '../../../../../sandbox/kube/server/crd/customResources';
import { ARGO_ROLLOUT_CRD, FLAGGER_CANARY_CRD } from '../../../../../sandbox/kube/seed/progressiveDelivery';
import { startHarness, type Harness } from './serverHarness';

const CRDS = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

function widgetCrd(scope = 'Namespaced'): object {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      names: { plural: 'widgets', singular: 'widget', kind: 'Widget', shortNames: ['wg'] },
      scope,
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: [
            { name: 'Size', type: 'integer', jsonPath: '.spec.size' },
            { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
          ],
        },
      ],
    },
  };
}

const W = '/apis/example.com/v1/namespaces/phoenix-system/widgets';

describe('API server: custom resources', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  it('serves nothing under a group no CRD defines', async () => {
    assert.equal((await h.request('GET', W)).status, 404);
    assert.equal((await h.request('GET', '/apis/example.com/v1')).status, 404);
  });

  it('serves a CRD as soon as it is created: discovery, create, get, list, table', async () => {
    const created = await h.request('POST', CRDS, { body: widgetCrd() });
    assert.equal(created.status, 201);
    const established = created.json<{ status: { conditions: { type: string; status: string }[] } }>().status.conditions.find((c) => c.type === 'Established');
    assert.equal(established?.status, 'True');
    const groups = (await h.request('GET', '/apis')).json<{ groups: { name: string }[] }>().groups.map((g) => g.name);
    assert.ok(groups.includes('example.com'));
    const resources = (await h.request('GET', '/apis/example.com/v1')).json<{ resources: { name: string; kind: string; shortNames?: string[] }[] }>().resources;
    assert.deepEqual(resources.map((r) => r.name), ['widgets', 'widgets/status']);
    assert.deepEqual(resources[0].shortNames, ['wg']);
    const w = await h.request('POST', W, { body: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1' }, spec: { size: 3 }, status: { phase: 'Forged' } } });
    assert.equal(w.status, 201);
    assert.equal(w.json<{ status?: unknown }>().status, undefined, 'status is only written through /status');
    assert.equal((await h.request('GET', `${W}/w1`)).json<{ spec: { size: number } }>().spec.size, 3);
    const list = (await h.request('GET', W)).json<{ kind: string; items: unknown[] }>();
    assert.equal(list.kind, 'WidgetList');
    assert.equal(list.items.length, 1);
    const table = (await h.request('GET', W, { accept: TABLE })).json<{ columnDefinitions: { name: string }[]; rows: { cells: unknown[] }[] }>();
    assert.deepEqual(table.columnDefinitions.map((c) => c.name), ['Name', 'Size', 'Phase']);
    assert.deepEqual(table.rows[0].cells, ['w1', 3, '']);
  });

  it('keeps spec and status apart: the main resource ignores status, /status ignores the rest', async () => {
    await h.request('POST', CRDS, { body: widgetCrd() });
    await h.request('POST', W, { body: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1' }, spec: { size: 3 } } });
    const merge = 'application/merge-patch+json';
    const s = await h.request('PATCH', `${W}/w1/status`, { body: { status: { phase: 'Ready' }, spec: { size: 99 } }, contentType: merge });
    assert.equal(s.status, 200);
    const m = await h.request('PATCH', `${W}/w1`, { body: { spec: { size: 5 }, status: { phase: 'Nope' } }, contentType: merge });
    const obj = m.json<{ spec: { size: number }; status: { phase: string }; metadata: { generation: number } }>();
    assert.deepEqual([obj.spec.size, obj.status.phase, obj.metadata.generation], [5, 'Ready', 2]);
  });

  it("conflicts on a stale resourceVersion (what the cockpit's lease relies on)", async () => {
    await h.request('POST', CRDS, { body: widgetCrd() });
    const w = (await h.request('POST', W, { body: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1' }, spec: { size: 3 } } })).json<{ metadata: { resourceVersion: string } }>();
    const merge = 'application/merge-patch+json';
    assert.equal((await h.request('PATCH', `${W}/w1`, { body: { metadata: { resourceVersion: w.metadata.resourceVersion }, spec: { size: 4 } }, contentType: merge })).status, 200);
    assert.equal((await h.request('PATCH', `${W}/w1`, { body: { metadata: { resourceVersion: w.metadata.resourceVersion }, spec: { size: 5 } }, contentType: merge })).status, 409);
  });

  it('stops serving a deleted CRD and deletes its objects', async () => {
    await h.request('POST', CRDS, { body: widgetCrd() });
    await h.request('POST', W, { body: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1' }, spec: {} } });
    assert.equal((await h.request('DELETE', `${CRDS}/widgets.example.com`)).status, 200);
    assert.equal((await h.request('GET', W)).status, 404);
    await h.request('POST', CRDS, { body: widgetCrd() });
    assert.equal((await h.request('GET', W)).json<{ items: unknown[] }>().items.length, 0, 'objects do not come back with the CRD');
  });

  it('serves cluster-scoped custom resources outside namespaces', async () => {
    await h.request('POST', CRDS, { body: widgetCrd('Cluster') });
    assert.equal((await h.request('POST', '/apis/example.com/v1/widgets', { body: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'global' } } })).status, 201);
    assert.equal((await h.request('GET', '/apis/example.com/v1/widgets/global')).status, 200);
    assert.equal((await h.request('GET', W)).status, 404);
  });

  it('refuses a CRD without names, scope or versions, or named unlike <plural>.<group>', async () => {
    const bad = await h.request('POST', CRDS, { body: { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'x.example.com' }, spec: { group: 'example.com' } } });
    assert.equal(bad.status, 422);
    const fields = bad.json<{ details: { causes: { field: string }[] } }>().details.causes.map((c) => c.field);
    assert.deepEqual(fields, ['spec.names.plural', 'spec.names.kind', 'spec.scope', 'spec.versions']);
    const misnamed = structuredClone(widgetCrd()) as { metadata: { name: string } };
    misnamed.metadata.name = 'gadgets.example.com';
    assert.equal((await h.request('POST', CRDS, { body: misnamed })).status, 422);
  });

  it("serves Flagger's Canary and Argo's Rollout with their printer columns", async () => {
    await h.request('POST', CRDS, { body: FLAGGER_CANARY_CRD });
    await h.request('POST', CRDS, { body: ARGO_ROLLOUT_CRD });
    const canaries = '/apis/flagger.app/v1beta1/namespaces/phoenix-system/canaries';
    await h.request('POST', canaries, { body: { apiVersion: 'flagger.app/v1beta1', kind: 'Canary', metadata: { name: 'api' }, spec: { analysis: { interval: '1m', stepWeight: 10, maxWeight: 50 } } } });
    await h.request('PATCH', `${canaries}/api/status`, { body: { status: { phase: 'Progressing', canaryWeight: 20, failedChecks: 1 } }, contentType: 'application/merge-patch+json' });
    const t = (await h.request('GET', canaries, { accept: TABLE })).json<{ columnDefinitions: { name: string }[]; rows: { cells: unknown[] }[] }>();
    assert.deepEqual(t.columnDefinitions.map((c) => c.name).slice(0, 5), ['Name', 'Status', 'Weight', 'FailedChecks', 'Interval']);
    assert.deepEqual(t.rows[0].cells.slice(0, 6), ['api', 'Progressing', 20, 1, '1m', 10]);
    assert.equal((await h.request('GET', '/apis/argoproj.io/v1alpha1/namespaces/phoenix-system/rollouts')).status, 200);
  });

  it('reads printer columns with simple JSONPath, filters included', () => {
    const o = { status: { conditions: [{ type: 'A', status: 'x' }, { type: 'Ready', status: 'True' }] }, spec: { c: [{ image: 'i' }] } };
    assert.equal(lookup(o, '.status.conditions[?(@.type=="Ready")].status'), 'True');
    assert.equal(lookup(o, '.spec.c[0].image'), 'i');
    assert.equal(lookup(o, '.spec.missing.deeper'), undefined);
    assert.equal(lookup(o, '.spec.c[3]'), undefined);
  });
});
