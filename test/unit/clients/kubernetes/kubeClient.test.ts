// KubeClient against real sockets on 127.0.0.1: a server that never answers, one that refuses,
// and one that answers 401. Checks the user gets a typed error quickly, never a hang.
import assert from 'node:assert/strict';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { ContextConfig } from '../../../../src/clients/kubernetes/contextConfig';
import { clientNode } from '../../../../src/clients/kubernetes/clientNode';
import { KubeClient } from '../../../../src/clients/kubernetes/kubeClient';

function configFor(server: string): ContextConfig {
  return { cluster: { name: 'c', server, skipTLSVerify: true }, user: { name: 'u', token: 'x' }, context: { name: 'ctx', cluster: 'c', user: 'u' } };
}
const port = (s: TcpServer | Server) => (s.address() as AddressInfo).port;

describe('KubeClient errors', () => {
  const sockets: Socket[] = [];
  let silent: TcpServer;
  let unauthorized: Server;
  before(async () => {
    // client-node is imported on a client's first call, outside the request's timeout: load it here so the
    // times below are the requests' own.
    await clientNode();
    silent = createTcpServer((s) => sockets.push(s)); // accepts, never answers
    unauthorized = createHttpServer((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 }));
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    await new Promise<void>((r) => unauthorized.listen(0, '127.0.0.1', r));
  });
  after(() => {
    sockets.forEach((s) => s.destroy());
    silent.close();
    unauthorized.close();
  });

  it('gives up on a server that never answers after the timeout, as a timeout error', async () => {
    const client = new KubeClient('ctx', configFor(`http://127.0.0.1:${port(silent)}`), 300);
    const started = Date.now();
    const r = await client.listNamespaces();
    assert.ok(Date.now() - started < 8000, 'ended by its 0.3 s timeout, not by the test\'s');
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error.kind, 'timeout');
    assert.match(!r.ok ? r.error.hint : '', /requestTimeoutSeconds/);
  });

  it('reports a refused connection as unreachable', async () => {
    const closed = createTcpServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const p = port(closed);
    await new Promise<void>((r) => closed.close(() => r()));
    const r = await new KubeClient('ctx', configFor(`http://127.0.0.1:${p}`), 2000).listNamespaces();
    assert.equal(!r.ok && r.error.kind, 'unreachable');
    assert.match(!r.ok ? r.error.message : '', /ECONNREFUSED/);
  });

  it('reports 401 as unauthorized with a fix', async () => {
    const r = await new KubeClient('ctx', configFor(`http://127.0.0.1:${port(unauthorized)}`), 2000).listNamespaces();
    assert.equal(!r.ok && r.error.kind, 'unauthorized');
    assert.equal(!r.ok && r.error.status, 401);
  });

  it('a user cancel is reported as cancelled, not as a failure', async () => {
    const ac = new AbortController();
    const p = new KubeClient('ctx', configFor(`http://127.0.0.1:${port(silent)}`), 5000).listNamespaces(ac.signal);
    setTimeout(() => ac.abort(), 50);
    const r = await p;
    assert.equal(!r.ok && r.error.kind, 'cancelled');
  });

  it('a watch on a server that never answers ends with a timeout instead of hanging', async () => {
    const client = new KubeClient('ctx', configFor(`http://127.0.0.1:${port(silent)}`), 300);
    const end = await client.watch('/api/v1/namespaces', {}, { onEvent: () => undefined }, new AbortController().signal);
    assert.equal(end?.kind, 'timeout');
  });
});
