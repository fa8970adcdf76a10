// The Resources model lists and watches a kind only while its group is expanded and the view visible: nothing for
// collapsed kinds, the watch closed on collapse, every watch closed when the view is hidden. The filter narrows the
// loaded groups and says that collapsed ones are not searched.
import assert from 'node:assert/strict';
import type { ListWatchSource } from '../../../../src/clients/kubernetes/listWatch';
import type { ResourceType } from '../../../../src/clients/kubernetes/resourcesClient';
import { ok } from '../../../../src/core/result';
import type { GroupRow, ObjectRow, ResourceNode } from '../../../../src/domain/resources/resourceNodes';
import type { AnyObject } from '../../../../src/domain/resources/resourceRows';
import { ResourcesModel, type ResourceSources } from '../../../../src/domain/resources/resourcesModel';
import { waitFor } from '../../../shared/waitFor';

/** A fake API: objects per plural; counts lists and open watches per plural. */
class FakeApi {
  lists = new Map<string, number>();
  openWatches = new Map<string, number>();
  discoveries = 0;
  endpointAnswers: Record<string, { endpoints?: AnyObject; pods?: AnyObject[] }> = {};
  constructor(private readonly objects: Record<string, AnyObject[]>) {}

  sources(): ResourceSources {
    return {
      source: (t: ResourceType): ListWatchSource<AnyObject> => ({
        list: () => {
          this.lists.set(t.resource, (this.lists.get(t.resource) ?? 0) + 1);
          return Promise.resolve(ok({ items: this.objects[t.resource] ?? [], resourceVersion: '1' }));
        },
        watch: (_rv, _h, signal) =>
          new Promise((resolve) => {
            this.openWatches.set(t.resource, (this.openWatches.get(t.resource) ?? 0) + 1);
            signal.addEventListener('abort', () => {
              this.openWatches.set(t.resource, (this.openWatches.get(t.resource) ?? 0) - 1);
              resolve(undefined);
            });
          }),
      }),
      discover: () => {
        this.discoveries++;
        return Promise.resolve(ok([
          { group: 'flagger.app', version: 'v1beta1', resource: 'canaries', kind: 'Canary' },
          { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', kind: 'PodDisruptionBudget' },
          { group: 'batch', version: 'v1', resource: 'cronjobs', kind: 'CronJob' },
          { group: '', version: 'v1', resource: 'events', kind: 'Event' },
        ]));
      },
      endpoints: (_ns, svc) => Promise.resolve(ok(this.endpointAnswers[svc] ?? { pods: [] })),
    };
  }

  watching(resource: string): number {
    return this.openWatches.get(resource) ?? 0;
  }
}

const obj = (name: string, extra: Record<string, unknown> = {}): AnyObject => ({ metadata: { name, namespace: 'ns', uid: `u-${name}`, creationTimestamp: '2026-12-04T11:00:00Z' }, ...extra }) as AnyObject;

/** Models made by a test, disposed after it: an open watch holds an idle timer that would keep mocha alive. */
const made: ResourcesModel[] = [];
afterEach(() => {
  for (const m of made.splice(0)) m.dispose();
});

function setup(objects: Record<string, AnyObject[]> = {}) {
  const api = new FakeApi(objects);
  const model = new ResourcesModel({ sourcesFor: () => api.sources(), coalesceMs: 1, now: () => Date.parse('2026-12-04T12:00:00Z') });
  made.push(model);
  model.setScope('kind-phoenix', 'ns');
  model.setActive(true);
  const fired: Array<ResourceNode | undefined> = [];
  model.onDidChange((n) => fired.push(n));
  return { api, model, fired };
}

async function groups(model: ResourcesModel): Promise<GroupRow[]> {
  const [ns] = model.roots();
  return (await model.children(ns)).filter((n): n is GroupRow => n.kind === 'group');
}

const group = async (model: ResourcesModel, label: string) => {
  const g = (await groups(model)).find((x) => x.label === label);
  assert.ok(g, `no group ${label}`);
  return g;
};

const names = (rows: ResourceNode[]) => rows.map((r) => (r.kind === 'object' ? r.name : `(${r.kind}: ${'text' in r ? r.text : ''})`));

describe('resources model', () => {
  it('lists every kind group under the namespace without listing any kind', async () => {
    const { api, model } = setup({ cronjobs: [obj('backup')] });
    assert.deepEqual(
      (await groups(model)).map((g) => g.label),
      ['StatefulSets', 'DaemonSets', 'Jobs', 'CronJobs', 'Services', 'Ingresses', 'ConfigMaps', 'Secrets', 'HPAs', 'PVCs', 'Custom resources', 'Other kinds'],
    );
    assert.equal(api.lists.size, 0);
    assert.equal(api.discoveries, 0);
    assert.deepEqual(model.watching, []);
  });

  it('expanding a group lists and watches that kind only; collapsing it closes the watch and marks it for a fresh list', async () => {
    const { api, model, fired } = setup({ cronjobs: [obj('backup'), obj('vacuum')], secrets: [obj('s')] });
    const cj = await group(model, 'CronJobs');
    assert.equal(model.groupCount(cj), undefined, 'not loaded before it is expanded');
    assert.deepEqual(names(await model.children(cj)), ['backup', 'vacuum']);
    assert.deepEqual([...api.lists.keys()], ['cronjobs']);
    await waitFor('the cronjobs watch to open', () => api.watching('cronjobs') === 1);
    assert.deepEqual(model.watching, ['ns/batch/cronjobs']);
    assert.equal(model.groupCount(cj), '2');

    model.collapsed(cj);
    await waitFor('the cronjobs watch to close', () => api.watching('cronjobs') === 0);
    assert.deepEqual(model.watching, []);
    assert.ok(fired.includes(cj), 'the collapsed group is refreshed, so expanding it again asks for its children');
    assert.equal(model.groupCount(cj), undefined);

    model.expanded(cj);
    assert.deepEqual(names(await model.children(cj)), ['backup', 'vacuum']);
    assert.equal(api.lists.get('cronjobs'), 2, 'expanded again: listed afresh');
    assert.equal(api.lists.get('secrets'), undefined, 'a kind never expanded is never listed');
  });

  it('collapsing another group or a message row stops nothing; collapsing the namespace stops every watch under it', async () => {
    const { api, model } = setup({ cronjobs: [obj('a')], configmaps: [obj('c')] });
    await model.children(await group(model, 'CronJobs'));
    await model.children(await group(model, 'ConfigMaps'));
    await waitFor('two watches', () => api.watching('cronjobs') === 1 && api.watching('configmaps') === 1);
    model.collapsed(await group(model, 'Secrets'));
    assert.equal(model.watching.length, 2);
    model.collapsed(model.roots()[0]);
    await waitFor('both watches to close', () => api.watching('cronjobs') === 0 && api.watching('configmaps') === 0);
  });

  it('hidden: every watch closes and nothing is listed; shown again, an expanded group lists afresh', async () => {
    const { api, model } = setup({ cronjobs: [obj('a')] });
    const cj = await group(model, 'CronJobs');
    await model.children(cj);
    await waitFor('the watch', () => api.watching('cronjobs') === 1);
    model.setActive(false);
    await waitFor('the watch to close', () => api.watching('cronjobs') === 0);
    assert.deepEqual(await model.children(cj), []);
    assert.equal(api.lists.get('cronjobs'), 1);
    model.setActive(true);
    assert.deepEqual(names(await model.children(cj)), ['a']);
    assert.equal(api.lists.get('cronjobs'), 2);
  });

  it('a new namespace or context stops the old watches', async () => {
    const { api, model } = setup({ cronjobs: [obj('a')] });
    await model.children(await group(model, 'CronJobs'));
    await waitFor('the watch', () => api.watching('cronjobs') === 1);
    model.setScope('kind-phoenix', 'other');
    await waitFor('the watch to close', () => api.watching('cronjobs') === 0);
    assert.equal((model.roots()[0] as { namespace: string }).namespace, 'other');
  });

  it('"Custom resources" holds the kinds of non-Kubernetes groups, "Other kinds" the rest; both discovered only when expanded', async () => {
    const { api, model } = setup({ canaries: [obj('platform-api')] });
    const custom = await group(model, 'Custom resources');
    assert.equal(api.discoveries, 0);
    const kinds = (await model.children(custom)) as GroupRow[];
    assert.deepEqual(kinds.map((k) => k.label), ['Canaries (flagger.app)']);
    assert.deepEqual(names(await model.children(kinds[0])), ['platform-api']);
    assert.deepEqual(model.watching, ['ns/flagger.app/canaries']);
    const other = (await model.children(await group(model, 'Other kinds'))) as GroupRow[];
    assert.deepEqual(other.map((k) => k.label), ['PodDisruptionBudgets'], 'events and kinds with a group of their own are not repeated');
    assert.equal(api.discoveries, 1, 'discovered once for both');
    model.collapsed(custom);
    await waitFor('the canaries watch to close', () => api.watching('canaries') === 0);
  });

  it('the filter narrows loaded groups by name (case-insensitive), counts "n of m", and says collapsed kinds are not searched', async () => {
    const { model } = setup({ configmaps: [obj('platform-config'), obj('grafana-dashboards'), obj('platform-flags')] });
    const cm = await group(model, 'ConfigMaps');
    await model.children(cm);
    model.setFilter('  PLATFORM ');
    assert.equal(model.filter, 'platform');
    assert.deepEqual(names(await model.children(cm)), ['platform-config', 'platform-flags']);
    assert.equal(model.groupCount(cm), '2 of 3');
    const top = (await model.children(model.roots()[0]))[0];
    assert.equal(top.kind, 'message');
    assert.match((top as { text: string }).text, /expanded kinds only/);
    model.setFilter('nothing-like-it');
    assert.deepEqual(names(await model.children(cm)), ['(message: No ConfigMaps match "nothing-like-it")']);
    model.setFilter('');
    assert.equal(model.groupCount(cm), '3');
    assert.equal((await model.children(model.roots()[0]))[0].kind, 'group', 'no filter: no filter message');
  });

  it("a Secret's children are its keys with sizes, never values; an empty kind says so", async () => {
    const { model } = setup({ secrets: [obj('db-credentials', { data: { password: Buffer.from('hunter2').toString('base64') } })] });
    const [secret] = (await model.children(await group(model, 'Secrets'))) as ObjectRow[];
    const keys = await model.children(secret);
    assert.deepEqual(keys.map((k) => k.kind === 'secretKey' && [k.key, k.bytes]), [['password', 7]]);
    assert.ok(!JSON.stringify(keys.map((k) => ({ ...k, parent: undefined }))).includes('hunter2'));
    assert.deepEqual(names(await model.children(await group(model, 'PVCs'))), ['(message: No PVCs in ns)']);
  });

  it("a Service's endpoints come from its Endpoints object, else from the pods its selector matches, said so", async () => {
    const svc = (name: string) => obj(name, { spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] } });
    const { api, model } = setup({ services: [svc('api'), svc('web')] });
    const pod = (name: string, ip: string | undefined, ready: boolean, deleting = false) =>
      ({ metadata: { name, ...(deleting ? { deletionTimestamp: '2026-12-04T11:59:00Z' } : {}) }, status: { podIP: ip, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] } }) as AnyObject;
    api.endpointAnswers.api = { pods: [pod('api-2', '10.0.0.2', false), pod('api-1', '10.0.0.1', true), pod('api-3', undefined, false), pod('api-4', '10.0.0.4', true, true)] };
    api.endpointAnswers.web = { endpoints: { subsets: [{ addresses: [{ ip: '10.1.0.1', targetRef: { name: 'web-a' } }], notReadyAddresses: [{ ip: '10.1.0.2', targetRef: { name: 'web-b' } }], ports: [{ port: 8080, protocol: 'TCP' }] }] } as AnyObject };
    const [api1, web] = (await model.children(await group(model, 'Services'))) as ObjectRow[];
    const fromPods = await model.children(api1);
    assert.match((fromPods[0] as { text: string }).text, /^From pods matching app=api \(the API server keeps no Endpoints for it\)$/);
    assert.deepEqual(fromPods.slice(1).map((e) => e.kind === 'endpoint' && [e.pod, e.ip, e.ready, e.ports]), [['api-1', '10.0.0.1', true, '8080/TCP'], ['api-2', '10.0.0.2', false, '8080/TCP']], 'no IP or deleting: not an endpoint');
    const fromObject = await model.children(web);
    assert.deepEqual(fromObject.map((e) => e.kind === 'endpoint' && [e.pod, e.ip, e.ready, e.ports]), [['web-a', '10.1.0.1', true, '8080/TCP'], ['web-b', '10.1.0.2', false, '8080/TCP']]);
  });
});
