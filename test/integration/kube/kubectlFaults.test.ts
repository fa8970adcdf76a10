// Real kubectl against a simulator that misbehaves on purpose: wrong token, forbidden namespace,
// a stopped API server, and one restarted under a running watch.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eventually } from '../../shared/waitFor';
import { startKubectlEnv, type KubectlEnv } from './kubectlHarness';

describe('kubectl against a failing simulator', function () {
  this.timeout(60_000);
  let env: KubectlEnv;
  before(async () => {
    env = await startKubectlEnv({ forbiddenNamespaces: ['restricted'] });
  });
  after(() => env.stop());

  it('a wrong token: kubectl says Unauthorized / must be logged in, and exits non-zero', async () => {
    const bad = join(env.dir, 'wrong-token.kubeconfig');
    const text = await readFile(env.sim.kubeconfigPath, 'utf8');
    await writeFile(bad, text.replaceAll(env.sim.token, 'not-the-token'));
    const r = await env.kubectl(['get', 'pods'], { kubeconfig: bad });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /error: You must be logged in to the server \((Unauthorized|the server has asked for the client to provide credentials)\)/);
    // With discovery already cached, the list itself is refused: the Status message reaches the user.
    assert.equal((await env.kubectl(['get', 'pods'])).code, 0);
    const cached = await env.kubectl(['get', 'pods'], { kubeconfig: bad });
    assert.notEqual(cached.code, 0);
    assert.match(cached.stderr, /Unauthorized|provide credentials/);
  });

  it('a forbidden namespace: 403 with the real RBAC message', async () => {
    const r = await env.kubectl(['get', 'deployments', '-n', 'restricted']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /Error from server \(Forbidden\): deployments\.apps is forbidden: User "phoenix-oncall" cannot list resource "deployments" in API group "apps" in the namespace "restricted"/);
    const ok = await env.kubectl(['get', 'deployments', '-n', 'phoenix-system']);
    assert.equal(ok.code, 0, ok.stderr);
    const canI = await env.kubectl(['auth', 'can-i', 'list', 'deployments', '-n', 'restricted']);
    assert.deepEqual([canI.code, canI.stdout.trim()], [1, 'no']);
    const can = await env.kubectl(['auth', 'can-i', 'patch', 'deployments', '-n', 'phoenix-system']);
    assert.deepEqual([can.code, can.stdout.trim()], [0, 'yes']);
  });

  it('a stopped server: a clear connection error, quickly; started again on the same port it works', async () => {
    const dev = env.sim.get('phoenix-dev');
    const port = dev.server.port;
    await env.sim.stopServer('phoenix-dev');
    try {
      const r = await env.kubectl(['get', 'pods', '--request-timeout=5s']);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, new RegExp(`The connection to the server 127\\.0\\.0\\.1:${port} was refused - did you specify the right host or port\\?`));
      const prod = await env.kubectl(['--context', 'phoenix-prod', 'get', 'pods']);
      assert.equal(prod.code, 0, 'the other cluster keeps serving');
    } finally {
      await env.sim.startServer('phoenix-dev');
    }
    assert.equal(dev.server.port, port);
    const again = await env.kubectl(['get', 'pods']);
    assert.equal(again.code, 0, again.stderr);
  });

  it('a watch running while the server restarts ends, and a new one sees changes made meanwhile', async () => {
    const w = env.spawn(['get', 'deploy', '-w', '--request-timeout=0']);
    try {
      await eventually('web 2/2 in the watch output', () => assert.match(w.output(), /^web\s+2\/2/m), 10_000);
      const exited = new Promise<number | null>((resolve) => w.on('exit', (code) => resolve(code)));
      await env.sim.stopServer('phoenix-dev');
      const store = env.clusters[0].store;
      const d = structuredClone(store.get('deployments', 'phoenix-system', 'web')!);
      (d.spec as { replicas: number }).replicas = 6;
      store.update('deployments', d);
      await env.sim.startServer('phoenix-dev');
      // kubectl get -w gives up when its watch connection drops (client-go reconnects are for informers).
      await Promise.race([exited, new Promise((r) => setTimeout(r, 8000))]);
      const r = await env.kubectl(['get', 'deploy', 'web']);
      assert.match(r.stdout, /^web\s+2\/6/m);
    } finally {
      w.kill('SIGKILL');
    }
  });
});
