// The Resources view below the UI, side by side with real kubectl against the simulator: the list the model shows for
// a kind equals `kubectl get <kind>`, the discovered custom resources include the sandbox's CRDs, and Run Now makes the
// Job `kubectl create job --from=cronjob/…` makes.
import assert from 'node:assert/strict';
import { ResourcesClient } from '../../../src/clients/kubernetes/resourcesClient';
import { jobFromCronJob } from '../../../src/domain/resources/cronJobRun';
import { BUILT_IN_KINDS } from '../../../src/domain/resources/resourceKinds';
import type { GroupRow, ResourceNode } from '../../../src/domain/resources/resourceNodes';
import type { AnyObject } from '../../../src/domain/resources/resourceRows';
import { ResourcesModel } from '../../../src/domain/resources/resourcesModel';
import { waitFor } from '../../shared/waitFor';
import { startWorkloadEnv, type WorkloadEnv } from './workloadHarness';

const NS = 'phoenix-system';
const kindOf = (resource: string) => {
  const k = BUILT_IN_KINDS.find((x) => x.resource === resource);
  assert.ok(k);
  return k;
};

/** A Job as it matters for equivalence: what kubectl and the cockpit set, minus what the server fills per object. */
function jobShape(job: Record<string, unknown>) {
  const m = (job.metadata ?? {}) as { annotations?: Record<string, string>; labels?: Record<string, string>; ownerReferences?: unknown[] };
  const spec = structuredClone(job.spec) as { selector?: unknown; template?: { metadata?: { labels?: Record<string, string> } } };
  // The server gives each Job its own controller-uid selector and labels: equal in shape, different in value.
  delete spec.selector;
  for (const k of Object.keys(spec.template?.metadata?.labels ?? {})) if (/controller-uid|job-name/.test(k)) delete spec.template?.metadata?.labels?.[k];
  const labels = Object.fromEntries(Object.entries(m.labels ?? {}).filter(([k]) => !/controller-uid|job-name/.test(k)));
  return { annotations: m.annotations, labels, ownerReferences: m.ownerReferences, spec };
}

describe('resources against the simulator, side by side with kubectl', function () {
  this.timeout(180_000);
  let env: WorkloadEnv;
  let client: ResourcesClient;
  before(async () => {
    env = await startWorkloadEnv();
    client = new ResourcesClient(env.client());
  });
  after(async () => env?.stop());

  it('the model lists each built-in kind as `kubectl get` does', async () => {
    const model = new ResourcesModel({ sourcesFor: () => ({ source: (t, ns) => client.source(t, ns), discover: (s) => client.discoverNamespaced(s), endpoints: (ns, svc, sel, s) => client.endpoints(ns, svc, sel, s) }), coalesceMs: 1 });
    try {
      model.setScope('phoenix-dev', NS);
      model.setActive(true);
      const groups = (await model.children(model.roots()[0])).filter((n): n is GroupRow => n.kind === 'group' && !!n.spec);
      assert.equal(groups.length, BUILT_IN_KINDS.length);
      for (const g of groups) {
        const shown = (await model.children(g)).filter((n) => n.kind === 'object').map((n) => (n as { name: string }).name);
        const plural = g.spec?.group ? `${g.spec.resource}.${g.spec.group}` : (g.spec?.resource ?? '');
        const kubectl = (await env.kubectl('--context=phoenix-dev', '-n', NS, 'get', plural, '-o', 'jsonpath={.items[*].metadata.name}')).split(' ').filter(Boolean).sort();
        assert.deepEqual(shown, kubectl, g.label);
      }
      assert.ok(model.watching.length === BUILT_IN_KINDS.length, 'each expanded kind is watched');
      // A kind created after the list arrives by watch.
      const cm = groups.find((g) => g.label === 'ConfigMaps');
      assert.ok(cm);
      await env.kubectl('--context=phoenix-dev', '-n', NS, 'create', 'configmap', 'zz-resources-it', '--from-literal=a=b');
      await waitFor('the new ConfigMap in the model', async () => (await model.children(cm)).some((n: ResourceNode) => n.kind === 'object' && n.name === 'zz-resources-it'));
    } finally {
      model.dispose();
    }
  });

  it('discovery finds the CRDs the sandbox installs as custom resources, with their objects', async () => {
    const r = await client.discoverNamespaced();
    assert.ok(r.ok);
    const groups = new Set(r.value.map((t) => t.group));
    const kubectl = (await env.kubectl('--context=phoenix-dev', 'get', 'crd', '-o', 'jsonpath={.items[*].spec.group}')).split(' ').filter(Boolean);
    assert.ok(kubectl.length > 0, 'the sandbox installs CRDs');
    for (const g of kubectl) assert.ok(groups.has(g), `discovered group ${g}`);
  });

  it('Run Now makes the Job `kubectl create job --from=cronjob/…` makes', async () => {
    const cronjobs = kindOf('cronjobs');
    const name = (await env.kubectl('--context=phoenix-dev', '-n', NS, 'get', 'cronjobs', '-o', 'jsonpath={.items[0].metadata.name}')).trim();
    assert.ok(name, 'the sandbox seeds a CronJob');
    await env.kubectl('--context=phoenix-dev', '-n', NS, 'create', 'job', 'by-kubectl', `--from=cronjob/${name}`);
    const cj = await client.get(cronjobs, NS, name);
    assert.ok(cj.ok);
    const created = await client.create(kindOf('jobs'), NS, jobFromCronJob(cj.value as AnyObject, 'by-cockpit'));
    assert.ok(created.ok, JSON.stringify(!created.ok && created.error));
    const read = async (job: string) => JSON.parse(await env.kubectl('--context=phoenix-dev', '-n', NS, 'get', 'job', job, '-o', 'json')) as Record<string, unknown>;
    const [byKubectl, byCockpit] = [jobShape(await read('by-kubectl')), jobShape(await read('by-cockpit'))];
    assert.deepEqual(byCockpit, byKubectl);
    assert.equal(byCockpit.annotations?.['cronjob.kubernetes.io/instantiate'], 'manual');
  });
});
