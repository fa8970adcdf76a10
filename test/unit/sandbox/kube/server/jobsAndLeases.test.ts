// The API server's side of Jobs and node Leases: a new Job's generated selector and labels name the uid it is stored
// with (as the real job strategy writes them), and coordination.k8s.io/v1 Leases are discovered and served.
import assert from 'node:assert/strict';
import { NodePool } from '../../../../../sandbox/kube/controllers/nodePool';
import { namespace } from './fakeCluster';
import { startHarness, type Harness } from './serverHarness';

const JOBS = '/apis/batch/v1/namespaces/phoenix-system/jobs';
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
const body = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'ghcr.io/phoenix/migrate:1.0.0' }] } } } };

type JobJson = { metadata: { name: string; uid: string }; spec: { selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> } } } };

describe('API server: Jobs and node Leases', () => {
  let h: Harness;
  let pool: NodePool;
  before(async () => {
    h = await startHarness();
    h.cluster.store.create('namespaces', namespace('kube-node-lease'));
    pool = new NodePool('phoenix-dev', 2);
    pool.attach(h.cluster.store);
  });
  after(async () => {
    pool.dispose();
    await h.stop();
  });

  it('gives a new Job the selector and pod labels of its own uid and name, the uid it is stored with', async () => {
    const r = await h.request('POST', JOBS, { body });
    assert.equal(r.status, 201, r.text);
    const job = r.json<JobJson>();
    assert.match(job.metadata.uid, /^[0-9a-f-]{36}$/);
    assert.deepEqual(job.spec.selector.matchLabels, { 'batch.kubernetes.io/controller-uid': job.metadata.uid });
    assert.deepEqual(job.spec.template.metadata.labels, {
      'batch.kubernetes.io/controller-uid': job.metadata.uid,
      'batch.kubernetes.io/job-name': 'migrate',
      'controller-uid': job.metadata.uid,
      'job-name': 'migrate',
    });
    assert.equal(h.cluster.store.get('jobs', 'phoenix-system', 'migrate')?.metadata.uid, job.metadata.uid);
    // A Job without labels of its own shows its template's, as a real one read back does.
    assert.deepEqual(r.json<{ metadata: { labels: Record<string, string> } }>().metadata.labels, job.spec.template.metadata.labels);
    const labelled = await h.request('POST', JOBS, { body: { ...body, metadata: { name: 'labelled', labels: { team: 'db' } } } });
    assert.deepEqual(labelled.json<{ metadata: { labels: Record<string, string> } }>().metadata.labels, { team: 'db' });
  });

  it('labels a Job named by generateName with the generated name; a dry run shows the labels too and stores nothing', async () => {
    const generated = await h.request('POST', JOBS, { body: { ...body, metadata: { generateName: 'backup-' } } });
    const job = generated.json<JobJson>();
    assert.match(job.metadata.name, /^backup-[a-z0-9]{5}$/);
    assert.equal(job.spec.template.metadata.labels['job-name'], job.metadata.name);
    const dry = await h.request('POST', `${JOBS}?dryRun=All`, { body: { ...body, metadata: { name: 'dry' } } });
    assert.equal(dry.status, 201);
    assert.equal(dry.json<JobJson>().spec.selector.matchLabels['batch.kubernetes.io/controller-uid'], dry.json<JobJson>().metadata.uid);
    assert.equal(h.cluster.store.get('jobs', 'phoenix-system', 'dry'), undefined);
  });

  it('serves the node Leases in kube-node-lease: discovered, read as JSON and as a table with their holder', async () => {
    const groups = (await h.request('GET', '/apis')).json<{ groups: { name: string }[] }>().groups.map((g) => g.name);
    assert.ok(groups.includes('coordination.k8s.io'), groups.join(' '));
    const resources = (await h.request('GET', '/apis/coordination.k8s.io/v1')).json<{ resources: { name: string; kind: string; namespaced: boolean }[] }>().resources;
    assert.deepEqual(resources.filter((x) => x.name === 'leases').map((x) => `${x.kind}/${String(x.namespaced)}`), ['Lease/true']);
    const lease = await h.request('GET', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/phoenix-dev-worker-1');
    assert.equal(lease.status, 200, lease.text);
    assert.equal(lease.json<{ spec: { holderIdentity: string } }>().spec.holderIdentity, 'phoenix-dev-worker-1');
    const table = (await h.request('GET', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases', { accept: TABLE })).json<{ columnDefinitions: { name: string }[]; rows: { cells: unknown[] }[] }>();
    assert.deepEqual(table.columnDefinitions.map((c) => c.name), ['Name', 'Holder', 'Age']);
    assert.deepEqual(table.rows.map((row) => row.cells.slice(0, 2)), [['phoenix-dev-worker-1', 'phoenix-dev-worker-1'], ['phoenix-dev-worker-2', 'phoenix-dev-worker-2']]);
  });
});
