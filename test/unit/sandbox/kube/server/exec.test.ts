// pods/{name}/exec over a real WebSocket client: the channel framing (stdout 1, stderr 2, status 3), stdin with v5's
// close signal, v4 still served, and the refusals kubectl shows: a container that is not running (the kubelet's text),
// a forbidden namespace (403 on pods/exec), no token (401), SPDY (400 saying so), a plain GET (Upgrade request required).
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { pod } from './fakeCluster';
import { startHarness, TOKEN, type Harness } from './serverHarness';

interface Outcome {
  protocol: string;
  stdout: string;
  stderr: string;
  status: Record<string, unknown> | undefined;
}

interface Refusal {
  code: number;
  body: string;
}

describe('sandbox API server: pods/exec', function () {
  this.timeout(20_000);
  let h: Harness;
  before(async () => {
    h = await startHarness({ forbiddenNamespaces: ['restricted'] });
    h.cluster.store.create('pods', pod('phoenix-system', 'waiting-1', 'waiting'));
    const waiting = structuredClone(h.cluster.store.get('pods', 'phoenix-system', 'waiting-1'));
    if (!waiting) throw new Error('no pod');
    (waiting.status as { containerStatuses: { state: unknown }[] }).containerStatuses[0].state = { waiting: { reason: 'CrashLoopBackOff' } };
    h.cluster.store.update('pods', waiting);
    h.cluster.store.create('pods', pod('restricted', 'secret-1', 'secret'));
  });
  after(() => h?.stop());

  const url = (ns: string, name: string, query: string) => `wss://127.0.0.1:${h.server.port}/api/v1/namespaces/${ns}/pods/${name}/exec?${query}`;

  function exec(ns: string, name: string, query: string, opts: { protocols?: string[]; stdin?: string[]; closeStdin?: boolean; token?: string } = {}): Promise<Outcome | Refusal> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url(ns, name, query), opts.protocols ?? ['v5.channel.k8s.io', 'v4.channel.k8s.io'], { ca: h.tls.caCert, headers: { Authorization: `Bearer ${opts.token ?? TOKEN}` } });
      const out: Outcome = { protocol: '', stdout: '', stderr: '', status: undefined };
      ws.on('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ code: res.statusCode ?? 0, body }));
      });
      ws.on('open', () => {
        out.protocol = ws.protocol;
        for (const s of opts.stdin ?? []) ws.send(Buffer.concat([Buffer.from([0]), Buffer.from(s)]));
        if (opts.closeStdin) ws.send(Buffer.from([255, 0]));
      });
      ws.on('message', (data: Buffer) => {
        const body = data.subarray(1).toString('utf8');
        if (data[0] === 1) out.stdout += body;
        else if (data[0] === 2) out.stderr += body;
        else if (data[0] === 3) out.status = JSON.parse(body) as Record<string, unknown>;
      });
      ws.on('close', () => resolve(out));
      ws.on('error', (e) => reject(e));
    });
  }
  const cmd = (...words: string[]) => words.map((w) => `command=${encodeURIComponent(w)}`).join('&');

  it('frames stdout and stderr on channels 1 and 2 and ends with a Success status on 3 (v5 preferred)', async () => {
    const r = (await exec('phoenix-system', 'web-5d9c7b-abcde', `${cmd('sh', '-c', 'echo out; echo err >&2')}&stdout=true&stderr=true`)) as Outcome;
    assert.deepEqual(r, { protocol: 'v5.channel.k8s.io', stdout: 'out\n', stderr: 'err\n', status: { metadata: {}, status: 'Success' } });
  });

  it("reports a non-zero exit as the kubelet does: NonZeroExitCode with an ExitCode cause (v4 too)", async () => {
    const r = (await exec('phoenix-system', 'web-5d9c7b-abcde', `${cmd('sh', '-c', 'exit 42')}&stdout=true&stderr=true`, { protocols: ['v4.channel.k8s.io'] })) as Outcome;
    assert.equal(r.protocol, 'v4.channel.k8s.io');
    assert.equal(r.status?.status, 'Failure');
    assert.equal(r.status?.reason, 'NonZeroExitCode');
    assert.deepEqual(r.status?.details, { causes: [{ reason: 'ExitCode', message: '42' }] });
  });

  it("feeds stdin and ends it on v5's close signal", async () => {
    const r = (await exec('phoenix-system', 'web-5d9c7b-abcde', `${cmd('sh', '-c', 'wc -l; echo eof')}&stdin=true&stdout=true`, { stdin: ['a\n', 'b\n'], closeStdin: true })) as Outcome;
    assert.equal(r.stdout.replace(/ +/g, ''), '2\neof\n');
    assert.equal(r.status?.status, 'Success');
  });

  it("passes the kubelet's answer for a container that is not running", async () => {
    const r = (await exec('phoenix-system', 'waiting-1', `${cmd('true')}&stdout=true`)) as Refusal;
    assert.deepEqual(r, { code: 404, body: 'container not found ("waiting")\n' });
  });

  it('refuses a forbidden namespace with a 403 on pods/exec, and a bad token with 401', async () => {
    const f = (await exec('restricted', 'secret-1', `${cmd('true')}&stdout=true`)) as Refusal;
    assert.equal(f.code, 403);
    assert.equal((JSON.parse(f.body) as { message: string }).message, 'pods "secret-1" is forbidden: User "phoenix-oncall" cannot create resource "pods/exec" in API group "" in the namespace "restricted"');
    const u = (await exec('phoenix-system', 'web-5d9c7b-abcde', `${cmd('true')}&stdout=true`, { token: 'wrong' })) as Refusal;
    assert.equal(u.code, 401);
  });

  it('refuses a request with no stream and no command in the kubelet\'s words', async () => {
    const none = (await exec('phoenix-system', 'web-5d9c7b-abcde', cmd('true'))) as Refusal;
    assert.deepEqual(none, { code: 400, body: 'you must specify at least 1 of stdin, stdout, stderr\n' });
    const empty = (await exec('phoenix-system', 'web-5d9c7b-abcde', 'stdout=true')) as Refusal;
    assert.deepEqual(empty, { code: 400, body: 'you must specify at least one command for the container\n' });
  });

  it('answers a plain GET with "Upgrade request required" and a SPDY upgrade with a 400 that says only WebSockets are served', async () => {
    const plain = await h.request('GET', `/api/v1/namespaces/phoenix-system/pods/web-5d9c7b-abcde/exec?${cmd('true')}&stdout=true`);
    assert.equal(plain.status, 400);
    assert.equal(plain.json<{ message: string }>().message, 'Upgrade request required');
    const { request } = await import('node:https');
    const spdy = await new Promise<Refusal>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: h.server.port, method: 'POST', path: `/api/v1/namespaces/phoenix-system/pods/web-5d9c7b-abcde/exec?${cmd('true')}&stdout=true`, ca: h.tls.caCert, headers: { Authorization: `Bearer ${TOKEN}`, Connection: 'Upgrade', Upgrade: 'SPDY/3.1', 'X-Stream-Protocol-Version': 'v4.channel.k8s.io' } });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ code: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(spdy.code, 400);
    assert.match((JSON.parse(spdy.body) as { message: string }).message, /serves exec over WebSockets only .*SPDY is not served/);
  });
});
