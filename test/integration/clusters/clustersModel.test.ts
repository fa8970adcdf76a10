// The Clusters slice below the UI, against the sandbox's simulated clusters: contexts from the
// kubeconfig, live namespaces by watch, and every fault the view must turn into an error node.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { loadKubeconfig } from '../../../src/clients/kubernetes/kubeconfigLoader';
import { ClustersModel } from '../../../src/domain/clusters/clustersModel';
import type { ClustersNode, ContextNode } from '../../../src/domain/clusters/clusterNodes';
import { type Sandbox, startSandbox } from '../../../sandbox/sandbox';
import { waitFor } from '../../shared/waitFor';

const labels = (nodes: ClustersNode[]) => nodes.map((n) => (n.kind === 'namespace' ? n.name : n.kind === 'error' ? `error:${n.title}` : n.entry.name));

describe('Clusters model against the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let dir: string;
  const models: ClustersModel[] = [];

  const modelFor = (kubeconfigEnv: string, timeoutMs = 3000) => {
    const m = new ClustersModel({ loadKubeconfig: () => loadKubeconfig({ kubeconfigEnv, extraFiles: [] }), timeoutMs: () => timeoutMs, coalesceMs: 10 });
    m.setActive(true);
    models.push(m);
    return m;
  };
  const context = (m: ClustersModel, name: string) => {
    const node = m.contextNode(name);
    assert.ok(node, `context ${name} listed`);
    return node;
  };
  /** Children of a context once they satisfy `ok` (watch updates arrive asynchronously). */
  const childrenWhen = (m: ClustersModel, node: ContextNode, ok: (l: string[]) => boolean, what: string) =>
    waitFor(what, async () => {
      const l = labels(await m.children(node));
      return ok(l) ? l : undefined;
    });
  // Async: the simulator runs in this process, so a blocking child would deadlock it.
  const kubectl = (...args: string[]) => promisify(execFile)('kubectl', [`--kubeconfig=${sandbox.info.kubeconfigPath}`, ...args], { env: { ...process.env, HOME: dir } });

  before(async () => {
    sandbox = await startSandbox({ services: false, timeScale: 0.2 });
    dir = mkdtempSync(join(tmpdir(), 'clusters-it-'));
  });
  afterEach(() => models.splice(0).forEach((m) => m.dispose()));
  after(async () => {
    await sandbox?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists both sandbox contexts, marks the current one, and expands into the live namespaces', async () => {
    const m = modelFor(sandbox.info.kubeconfigPath);
    assert.deepEqual(labels(m.roots()), ['phoenix-dev', 'phoenix-prod']);
    assert.equal(context(m, 'phoenix-dev').isKubectlCurrent, true);
    assert.equal(context(m, 'phoenix-prod').isKubectlCurrent, false);
    const dev = await m.children(context(m, 'phoenix-dev'));
    assert.ok(labels(dev).includes('phoenix-system') && labels(dev).includes('phase-5') && labels(dev).includes('default'), labels(dev).join());
    const prod = await m.children(context(m, 'phoenix-prod'));
    assert.ok(labels(prod).includes('phoenix-system'));
  });

  it('stays live: a namespace created and deleted with kubectl appears and disappears without a refresh', async () => {
    const m = modelFor(sandbox.info.kubeconfigPath);
    const dev = context(m, 'phoenix-dev');
    await m.children(dev);
    let changes = 0;
    m.onDidChange((n) => n === dev && changes++);
    await kubectl('create', 'namespace', 'incident-4242');
    await childrenWhen(m, dev, (l) => l.includes('incident-4242'), 'the new namespace');
    await kubectl('delete', 'namespace', 'incident-4242');
    await childrenWhen(m, dev, (l) => !l.includes('incident-4242'), 'the namespace gone');
    assert.ok(changes >= 2, 'the context node was told to refresh');
  });

  it('recovers by itself when the API server goes away and comes back, showing why meanwhile', async () => {
    const m = modelFor(sandbox.info.kubeconfigPath);
    const dev = context(m, 'phoenix-dev');
    await m.children(dev);
    await sandbox.kube.stopServer('phoenix-dev');
    try {
      await childrenWhen(m, dev, (l) => /^error:Reconnecting since \d/.test(l[0] ?? ''), 'a reconnecting marker');
      const nodes = await m.children(dev);
      assert.ok(labels(nodes).includes('phoenix-system'), 'keeps showing what it had while reconnecting');
      const marker = nodes[0];
      assert.ok(marker?.kind === 'error' && /ECONNREFUSED|reach/i.test(marker.message), JSON.stringify(marker));
    } finally {
      await sandbox.kube.startServer('phoenix-dev');
    }
    await kubectl('create', 'namespace', 'after-restart');
    await childrenWhen(m, dev, (l) => !(l[0] ?? '').startsWith('error:Reconnecting') && l.includes('after-restart'), 'recovery and the new namespace');
    await kubectl('delete', 'namespace', 'after-restart');
  });

  it('shows a stopped cluster as Unreachable with a fix, and loads it on retry once it is back', async () => {
    await sandbox.kube.stopServer('phoenix-prod');
    const m = modelFor(sandbox.info.kubeconfigPath);
    try {
      const nodes = await m.children(context(m, 'phoenix-prod'));
      assert.equal(nodes.length, 1);
      const e = nodes[0];
      assert.ok(e.kind === 'error');
      assert.equal(e.title, 'Unreachable');
      assert.match(e.message, /ECONNREFUSED/);
      assert.match(e.hint, /running|reachable/i);
      assert.deepEqual(e.retry, { scope: 'context', context: 'phoenix-prod' });
    } finally {
      await sandbox.kube.startServer('phoenix-prod');
    }
    m.retry('phoenix-prod');
    assert.ok(labels(await m.children(context(m, 'phoenix-prod'))).includes('phoenix-system'));
  });

  it('shows a wrong token as Unauthorized (401) on that context only', async () => {
    const bad = join(dir, 'bad-token');
    writeFileSync(bad, readFileSync(sandbox.info.kubeconfigPath, 'utf8').replaceAll(`token: ${sandbox.info.token}`, 'token: not-the-token'));
    const m = modelFor(bad);
    const [e] = await m.children(context(m, 'phoenix-dev'));
    assert.ok(e?.kind === 'error');
    assert.equal(e.title, 'Unauthorized');
    assert.match(e.hint, /credentials/);
  });

  it('gives up on a cluster that accepts connections but never answers, after the request timeout', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    const hung = join(dir, 'hung');
    writeFileSync(hung, `apiVersion: v1\nkind: Config\nclusters:\n- name: hung\n  cluster: {server: "https://127.0.0.1:${port}", insecure-skip-tls-verify: true}\nusers:\n- name: u\n  user: {token: x}\ncontexts:\n- name: hung\n  context: {cluster: hung, user: u}\n`);
    try {
      const m = modelFor(hung, 800);
      const started = Date.now();
      const [e] = await m.children(context(m, 'hung'));
      assert.ok(Date.now() - started < 20_000, 'did not hang (the 0.8 s timeout ended it, not the test)');
      assert.ok(e?.kind === 'error');
      assert.equal(e.title, 'Timed out');
    } finally {
      sockets.forEach((s) => s.destroy());
      silent.close();
    }
  });

  it('keeps the good contexts when another KUBECONFIG file is malformed, and names the file and line', async () => {
    const broken = join(dir, 'broken');
    writeFileSync(broken, 'apiVersion: v1\nclusters:\n  - name: x\n   cluster: [oops\n');
    const m = modelFor([broken, sandbox.info.kubeconfigPath].join(delimiter));
    const roots = m.roots();
    assert.deepEqual(labels(roots), [`error:Cannot read broken`, 'phoenix-dev', 'phoenix-prod']);
    const e = roots[0];
    assert.ok(e.kind === 'error' && /line \d+/.test(e.detail) && e.detail.startsWith(broken), e.kind === 'error' ? e.detail : '');
    assert.ok(labels(await m.children(context(m, 'phoenix-dev'))).includes('phoenix-system'), 'the good file still works');
  });
});
