// The Deployments model over a scripted cluster: namespaces → deployments → pods and revisions, live
// updates that touch only what changed, errors as nodes, watches only while visible, clean scope switches.
import assert from 'node:assert/strict';
import { DeploymentsModel } from '../../../../src/domain/workloads/deploymentsModel';
import type { DeploymentNode, NamespaceNode, WorkloadNode } from '../../../../src/domain/workloads/workloadNodes';
import { waitFor } from '../../../shared/waitFor';
import { burstCounter, FakeCluster } from './fakeSources';
import { deployment, pod, replicaSet } from './fixtures';

function seeded(): FakeCluster {
  const c = new FakeCluster();
  const api = deployment({ name: 'api', namespace: 'ns' });
  const web = deployment({ name: 'web', namespace: 'ns', uid: 'uid-web' });
  const other = deployment({ name: 'batch', namespace: 'other', uid: 'uid-batch' });
  c.deploymentsRes.items = [api, web, other];
  const rs = replicaSet(api, 2, 'reg/api:2', { replicas: 3 });
  c.replicaSetsRes.items = [replicaSet(api, 1, 'reg/api:1'), rs];
  c.podsRes.items = ['a', 'b', 'c'].map((s) => pod(rs, s));
  return c;
}

function model(c: FakeCluster, all = false): { m: DeploymentsModel; fired: (WorkloadNode[] | undefined)[] } {
  const m = new DeploymentsModel({ sources: () => c, coalesceMs: 5 });
  const fired: (WorkloadNode[] | undefined)[] = [];
  m.onDidChange((n) => fired.push(n));
  m.setScope({ context: 'dev', namespace: 'ns', allNamespaces: all });
  m.setActive(true);
  return { m, fired };
}

/** The model's roots, and a count of the bursts its new store delivers from then on (see burstCounter). */
async function opened(m: DeploymentsModel): Promise<{ roots: WorkloadNode[]; bursts: { deployments: number; details: number } }> {
  m.roots(); // VS Code's first ask: starts the list (a Loading row until it is in)
  const bursts = burstCounter(m.liveStore);
  return { roots: await listedRoots(m), bursts };
}

/** The roots once the scope's list is complete (while it is in flight they are a Loading row). */
async function listedRoots(m: DeploymentsModel): Promise<WorkloadNode[]> {
  await m.whenListed();
  return m.roots();
}

/** Waits until the model has handled `n` bursts of one kind in all (each coalesces the events of a few ms). */
const handled = (bursts: { deployments: number; details: number }, kind: 'deployments' | 'details', n: number) => waitFor(`${n} ${kind} burst(s) handled`, () => bursts[kind] >= n);

const labels = (nodes: WorkloadNode[]) => nodes.map((n) => ('name' in n ? n.name : n.kind === 'message' ? n.title : n.kind));

describe('DeploymentsModel', () => {
  it('shows the namespace with its deployments, each deployment with its pods and revisions', async () => {
    const c = seeded();
    const { m } = model(c);
    const { roots, bursts } = await opened(m);
    assert.deepEqual(labels(roots), ['ns']);
    const ns = roots[0] as NamespaceNode;
    assert.deepEqual(ns.counts, { deployments: 2, degraded: 0, progressing: 0, paused: 0 });
    const deployments = m.children(ns) as DeploymentNode[];
    assert.deepEqual(labels(deployments), ['api', 'web']);
    await handled(bursts, 'details', 2); // the namespace's ReplicaSets and pods listed
    const kids = m.children(deployments[0]);
    assert.deepEqual(labels(kids), ['api-h2-a', 'api-h2-b', 'api-h2-c', 'revisions']);
    const revs = kids.at(-1)!;
    assert.deepEqual(m.children(revs).map((n) => (n.kind === 'replicaSet' ? [n.entry.revision, n.entry.current] : [])), [[2, true], [1, false]]);
    m.dispose();
  });

  it('a pod event re-renders only its deployment, in place, and the deployment turns degraded with the reason', async () => {
    const c = seeded();
    const { m, fired } = model(c);
    const { roots, bursts } = await opened(m);
    const ns = roots[0] as NamespaceNode;
    const [api] = m.children(ns) as DeploymentNode[];
    await handled(bursts, 'deployments', 1);
    await handled(bursts, 'details', 2);
    fired.length = 0;
    const rs = c.replicaSetsRes.items[1];
    c.podsRes.emit('MODIFIED', pod(rs, 'b', { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 10s' } }, { restarts: 3 }));
    await handled(bursts, 'details', 3);
    assert.equal(api.summary.state, 'degraded', 'the same node object was updated');
    assert.equal(api.summary.reason, 'CrashLoopBackOff');
    assert.deepEqual(fired.flat().map((n) => n && ('name' in n ? n.name : n.kind)), ['ns'], 'the namespace row (its degraded count changed) and, below it, api');
    assert.equal(ns.counts.degraded, 1);
    fired.length = 0;
    c.podsRes.emit('MODIFIED', pod(rs, 'c', { waiting: { reason: 'CrashLoopBackOff' } }));
    await handled(bursts, 'details', 4);
    assert.deepEqual(fired.flat().map((n) => n && ('name' in n ? n.name : '')), ['api'], 'counts unchanged: only the deployment row');
    m.dispose();
  });

  it('a new deployment refreshes its namespace; one in an unseen namespace (all namespaces) refreshes the root', async () => {
    const c = seeded();
    const { m, fired } = model(c, true);
    const { roots, bursts } = await opened(m);
    assert.deepEqual(labels(roots), ['ns', 'other']);
    await handled(bursts, 'deployments', 1);
    fired.length = 0;
    c.deploymentsRes.emit('ADDED', deployment({ name: 'new', namespace: 'ns', uid: 'uid-new' }));
    await handled(bursts, 'deployments', 2);
    assert.deepEqual(fired.flat().map((n) => n && ('name' in n ? n.name : '')), ['ns']);
    fired.length = 0;
    c.deploymentsRes.emit('ADDED', deployment({ name: 'x', namespace: 'third', uid: 'uid-x' }));
    await handled(bursts, 'deployments', 3);
    assert.deepEqual(fired, [undefined]);
    assert.deepEqual(labels(await listedRoots(m)), ['ns', 'other', 'third']);
    m.dispose();
  });

  it('in all namespaces, pods are watched only for namespaces opened, and stop when folded', async () => {
    const c = seeded();
    const { m } = model(c, true);
    const { roots, bursts } = await opened(m);
    assert.equal(c.podsRes.open.size, 0, 'no pod watch before a namespace is opened');
    m.children(roots[0]);
    await handled(bursts, 'details', 2); // listed, so watching
    assert.equal(c.podsRes.open.size, 1);
    m.collapsed(roots[0]);
    assert.equal(c.podsRes.open.size, 0);
    m.dispose();
  });

  it('hidden: every watch closed; another scope: old watches closed before new ones', async () => {
    const c = seeded();
    const { m } = model(c);
    let { bursts } = await opened(m);
    await handled(bursts, 'deployments', 1);
    await handled(bursts, 'details', 2);
    assert.equal(c.openWatches, 3);
    m.setActive(false);
    assert.equal(c.openWatches, 0);
    m.setActive(true);
    ({ bursts } = await opened(m));
    await handled(bursts, 'deployments', 1);
    await handled(bursts, 'details', 2);
    assert.equal(c.openWatches, 3, 'visible again: watching again');
    const listsBefore = c.deploymentsRes.lists;
    assert.equal(m.setScope({ context: 'dev', namespace: 'other', allNamespaces: false }), true);
    assert.equal(c.openWatches, 0, 'switching closed the old watches');
    assert.deepEqual(labels(await listedRoots(m)), ['other']);
    assert.equal(c.deploymentsRes.lists, listsBefore + 1);
    m.dispose();
    assert.equal(c.openWatches, 0);
  });

  it('while the list is in flight the view shows a Loading row, never nothing (which VS Code shows as "no context")', async () => {
    const c = seeded();
    const { m } = model(c, true);
    assert.deepEqual(labels(m.roots()), ['Loading deployments…']);
    const [row] = m.roots();
    assert.equal(row.kind === 'message' && row.loading, true);
    assert.deepEqual(labels(await listedRoots(m)), ['ns', 'other'], 'listed: the namespaces, the Loading row gone');
    m.dispose();
  });

  it('shown: lists at once, and leaves alone the Loading row the view got while hidden (a refresh would hold back the first page)', async () => {
    const c = seeded();
    const m = new DeploymentsModel({ sources: () => c, coalesceMs: 5 });
    const fired: (WorkloadNode[] | undefined)[] = [];
    m.onDidChange((n) => fired.push(n));
    m.setScope({ context: 'dev', namespace: 'ns', allNamespaces: true });
    // VS Code asks for the rows as the view appears, before the visibility change reaches the extension.
    assert.deepEqual(labels(m.roots()), ['Loading deployments…']);
    fired.length = 0;
    m.setActive(true);
    await waitFor('the list asked for', () => (c.deploymentsRes.lists > 0 ? true : undefined));
    assert.deepEqual(fired, [], 'no refresh of a Loading row the view already shows');
    await waitFor('the listed rows announced', () => (fired.length > 0 ? true : undefined));
    assert.deepEqual(labels(await listedRoots(m)), ['ns', 'other']);
    // Not asked while hidden (the view was never drawn): being shown asks the view to draw.
    m.setActive(false);
    fired.length = 0;
    m.setActive(true);
    assert.deepEqual(fired, [undefined]);
    m.dispose();
  });

  it('all namespaces: the selected namespace on top, then the degraded ones, and a namespace turning degraded moves up', async () => {
    const c = new FakeCluster();
    c.deploymentsRes.items = ['a', 'b', 'mine', 'z'].map((ns, i) => deployment({ name: 'app', namespace: ns, uid: `uid-${i}` }));
    const m = new DeploymentsModel({ sources: () => c, coalesceMs: 5 });
    const fired: (WorkloadNode[] | undefined)[] = [];
    m.onDidChange((n) => fired.push(n));
    m.setScope({ context: 'dev', namespace: 'mine', allNamespaces: true });
    m.setActive(true);
    const { roots, bursts } = await opened(m);
    assert.deepEqual(labels(roots), ['mine', 'a', 'b', 'z']);
    await handled(bursts, 'deployments', 1);
    fired.length = 0;
    const broken = deployment({ name: 'app', namespace: 'z', uid: 'uid-3', status: { replicas: 1, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'stuck' }] } });
    c.deploymentsRes.emit('MODIFIED', broken);
    await handled(bursts, 'deployments', 2);
    assert.deepEqual(fired, [undefined], 'the roots are re-sorted');
    assert.deepEqual(labels(m.roots()), ['mine', 'z', 'a', 'b']);
    m.dispose();
  });

  it('a 403 on the namespace is an error node with the reason and a retry', async () => {
    const c = seeded();
    c.deploymentsRes.failWith = { kind: 'forbidden', status: 403, message: 'Not allowed (403): deployments.apps is forbidden', hint: 'Your user lacks RBAC permission for this; ask a cluster admin or pick another namespace.' };
    const { m } = model(c);
    const [node] = await listedRoots(m);
    assert.equal(node?.kind, 'message');
    assert.deepEqual(node?.kind === 'message' && [node.title, node.retry], ['Forbidden', true]);
    m.dispose();
  });

  it('an empty namespace says so instead of showing nothing', async () => {
    const c = seeded();
    const { m } = model(c);
    m.setScope({ context: 'dev', namespace: 'empty', allNamespaces: false });
    const [ns] = await listedRoots(m);
    assert.deepEqual(labels(m.children(ns)), ['No deployments']);
    m.dispose();
  });

  it('a change event re-renders only the row it touched, at 500 deployments as at 10,000', async () => {
    // The time per event is measured in bench/ (deploymentsBench); here: the work it causes does not grow with N.
    const rerendered = async (n: number) => {
      const c = new FakeCluster();
      c.deploymentsRes.items = Array.from({ length: n }, (_, i) => deployment({ name: `d${i}`, namespace: `ns${i % 50}`, uid: `u${i}` }));
      const { m, fired } = model(c, true);
      const { roots, bursts } = await opened(m);
      await handled(bursts, 'deployments', 1);
      for (const ns of roots) m.children(ns);
      await handled(bursts, 'details', 2 * roots.length); // every namespace's ReplicaSets and pods listed
      fired.length = 0;
      const d = c.deploymentsRes.items[7];
      // A change that leaves its state (and so the namespace's counts) alone, e.g. a new annotation.
      c.deploymentsRes.emit('MODIFIED', { ...d, metadata: { ...d.metadata, annotations: { note: 'x' } } });
      await handled(bursts, 'deployments', 2);
      m.dispose();
      return fired;
    };
    for (const n of [500, 10_000]) {
      const fired = await rerendered(n);
      assert.equal(fired.length, 1, `one refresh at ${n} deployments`);
      assert.deepEqual(fired[0] && labels(fired[0]), ['d7'], `only d7's row at ${n} deployments`);
    }
  });
});
