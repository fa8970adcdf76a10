// Port-forward, end to end against the simulator: real kubectl 1.32 (SPDY tunnelled in a websocket, its default) and
// with websockets turned off (the SPDY/3.1 upgrade older kubectl and the fallback use), side by side with the cockpit's
// forwarder (one v4.channel.k8s.io websocket per connection): GET /health through each equals the platform API's own
// answer; a port nothing listens on is refused with the kubelet's words; and when the pod is deleted, the cockpit's
// forward re-resolves through its deployment and /health answers again (kubectl's ends, as real kubectl's does).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadKubeconfig } from '../../../src/clients/kubernetes/kubeconfigLoader';
import { WorkloadsClient } from '../../../src/clients/kubernetes/workloadsClient';
import { forwardDeps } from '../../../src/domain/portforward/clusterForwardDeps';
import { PortForwards } from '../../../src/domain/portforward/portForwards';
import { isLocalPortFree } from '../../../src/domain/portforward/portProbe';
import { proposeLocalPort } from '../../../src/domain/portforward/localPorts';
import { createSimCluster, type SimCluster } from '../../../sandbox/kube/simCluster';
import { waitFor } from '../../shared/waitFor';
import { type KubectlEnv, startKubectlEnv } from './kubectlHarness';

const NS = 'phoenix-system';

/** GET through a fresh connection (no keep-alive: each request is its own forwarded connection). */
function fetchText(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path, agent: false, timeout: 10_000 }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
  });
}

describe('port-forward against the simulator: real kubectl and the cockpit side by side', function () {
  this.timeout(120_000);
  let cluster: SimCluster;
  let env: KubectlEnv;
  let platformApi: Server;
  let platformPort: number;
  const instance = randomUUID();
  let forwards: PortForwards;
  let client: WorkloadsClient;

  before(async () => {
    // The platform API's stand-in: what a platform-api pod's port 8080 is in the sandbox (the real simulator needs PostgreSQL).
    platformApi = createServer((req, res) => {
      res.writeHead(req.url === '/health' ? 200 : 404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(req.url === '/health' ? { status: 'ok', instance } : { error: 'not found' }));
    });
    await new Promise<void>((r) => platformApi.listen(0, '127.0.0.1', r));
    platformPort = (platformApi.address() as AddressInfo).port;
    cluster = await createSimCluster({ name: 'phoenix-dev', seed: { platform: true }, timeScale: 0.2 });
    env = await startKubectlEnv({ clusters: [cluster], gitVersion: 'v1.32.3' });
    env.sim.get('phoenix-dev').server.setPortForwardBackend('platform-api', `http://127.0.0.1:${platformPort}`);
    const kc = loadKubeconfig({ kubeconfigEnv: env.sim.kubeconfigPath, extraFiles: [] });
    const cfg = kc.configFor('phoenix-dev');
    if (!cfg.ok) throw new Error(cfg.message);
    client = new WorkloadsClient('phoenix-dev', cfg.config, 5000);
    forwards = new PortForwards({ podCheckMs: 200, retryMs: [100, 200, 400], connectionWaitMs: 30_000 });
  });
  after(async () => {
    forwards?.stopAll();
    await env?.stop();
    await new Promise<void>((r) => (platformApi ? platformApi.close(() => r()) : r()));
  });

  const direct = () => fetchText(platformPort, '/health');

  /** Starts `kubectl port-forward … :8080` and resolves with the local port it prints. */
  async function kubectlForward(target: string, remote: string, extraEnv: NodeJS.ProcessEnv = {}) {
    const child = env.spawn(['-n', NS, 'port-forward', target, `:${remote}`, '-v=6'], extraEnv);
    const port = await waitFor(`kubectl port-forward ${target} to listen`, () => {
      const m = /Forwarding from 127\.0\.0\.1:(\d+) ->/.exec(child.output());
      if (child.exitCode !== null) throw new Error(`kubectl exited: ${child.output()}`);
      return m ? Number(m[1]) : undefined;
    });
    return { child, port };
  }

  it('kubectl 1.32 (websocket-tunnelled SPDY, its default): GET /health through it equals the platform API’s', async () => {
    const { child, port } = await kubectlForward('deployment/platform-api', '8080');
    try {
      const through = await fetchText(port, '/health');
      assert.deepEqual(through, await direct());
      assert.match(child.output(), /negotiated protocol: portforward\.k8s\.io/, 'kubectl used the websocket tunnel, not its SPDY fallback');
      // A second connection on the same forward (a new stream pair on the same session).
      assert.deepEqual(await fetchText(port, '/health'), await direct());
    } finally {
      child.kill();
    }
  });

  it('kubectl with websockets off (the SPDY/3.1 upgrade): the same answer', async () => {
    const { child, port } = await kubectlForward('deployment/platform-api', '8080', { KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' });
    try {
      assert.deepEqual(await fetchText(port, '/health'), await direct());
      assert.doesNotMatch(child.output(), /negotiated protocol/);
    } finally {
      child.kill();
    }
  });

  it('a port no container declares: the connection is refused with the kubelet’s words, kubectl keeps listening', async () => {
    const { child, port } = await kubectlForward('deployment/platform-api', '9999');
    try {
      await assert.rejects(fetchText(port, '/health'));
      await waitFor('kubectl to print the forwarding error', () => /error forwarding port 9999 to pod .*connection refused/.test(child.output()));
      assert.equal(child.exitCode, null, 'kubectl is still running');
    } finally {
      child.kill();
    }
  });

  it('another pod’s declared port answers with the simulator’s responder naming that pod', async () => {
    const pods = await client.podsOf(NS, 'app=dashboard');
    assert.ok(pods.ok && pods.value.length > 0, 'dashboard has pods');
    const pod = pods.value[0]?.metadata?.name ?? '';
    const port = pods.value[0]?.spec?.containers[0]?.ports?.[0]?.containerPort ?? 0;
    const { child, port: local } = await kubectlForward(`pod/${pod}`, String(port));
    try {
      const r = await fetchText(local, '/anything');
      assert.equal(r.status, 200);
      assert.match(r.body, new RegExp(`pod ${NS}/${pod} on port ${port} answered GET /anything`));
    } finally {
      child.kill();
    }
  });

  it('the cockpit’s forwarder: /health equals the platform API’s; the pod deleted → it re-resolves through the deployment and /health answers again', async () => {
    const deps = forwardDeps(client, () => undefined);
    const before = await client.podsOf(NS, 'app=platform-api');
    assert.ok(before.ok);
    const first = before.value.find((p) => p.status?.phase === 'Running')?.metadata?.name ?? '';
    const localPort = await proposeLocalPort(8080, isLocalPortFree);
    assert.ok(localPort);
    const f = await forwards.start({ context: 'phoenix-dev', namespace: NS, pod: first, deployment: 'platform-api', remotePort: 8080, localPort }, deps);
    assert.equal(f.state.kind, 'active');
    assert.deepEqual(await fetchText(localPort, '/health'), await direct());

    // A kubectl forward to the same pod, for comparison: it ends with the pod.
    const k = await kubectlForward(`pod/${first}`, '8080');
    await env.kubectl(['-n', NS, 'delete', 'pod', first, '--wait=false']);
    await waitFor('the cockpit’s forward to say its pod is gone', () => f.state.kind === 'reconnecting' || (f.state.kind === 'active' && f.pod !== first));
    await waitFor('the cockpit’s forward to be active on another pod', () => f.state.kind === 'active' && f.pod !== first, 60_000);
    assert.deepEqual(await fetchText(localPort, '/health'), await direct());
    await waitFor('kubectl’s forward to that pod to end', () => k.child.exitCode !== null || /lost connection to pod|error/i.test(k.child.output()));
    k.child.kill();

    forwards.stop(f.id);
    assert.equal(f.state.kind, 'stopped');
    await assert.rejects(fetchText(localPort, '/health'), /ECONNREFUSED/);
  });

  it('the cockpit’s forwarder on a taken local port fails saying so, and nothing is listed', async () => {
    const deps = forwardDeps(client, () => undefined);
    const pods = await client.podsOf(NS, 'app=platform-api');
    assert.ok(pods.ok);
    const pod = pods.value.find((p) => p.status?.phase === 'Running')?.metadata?.name ?? '';
    await assert.rejects(forwards.start({ context: 'phoenix-dev', namespace: NS, pod, remotePort: 8080, localPort: platformPort }, deps), new RegExp(`local port ${platformPort} is in use`));
    assert.equal(forwards.list().length, 0);
  });
});
