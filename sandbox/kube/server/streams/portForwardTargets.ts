// Where a port-forward stream to a simulated pod ends up: a pod whose app has a real backend (platform-api → the
// sandbox's platform API) connects there; any other declared container port gets a small HTTP responder that says
// which pod and port answered; a port no container declares is refused as the kubelet refuses it.
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { KubeObject } from '../../store/types';

interface PodShape {
  metadata: { name?: string; namespace?: string; uid?: string; labels?: Record<string, string> };
  spec?: { containers?: { name?: string; ports?: { containerPort?: number }[] }[] };
}

export class PortForwardTargets {
  private readonly backends = new Map<string, URL>();
  private responder: Promise<{ server: Server; port: number }> | undefined;
  /** The responder's view of who is on the other end of each connection, by the dialling socket's local port. */
  private readonly peers = new Map<number, string>();

  /** Pods labelled app=`app` forward to `url` (http://host:port), whatever container port was asked for. */
  setBackend(app: string, url: string | undefined): void {
    if (url) this.backends.set(app, new URL(url));
    else this.backends.delete(app);
  }

  /** A connected socket to what listens on `port` in the pod; rejects with the kubelet's words when nothing does. */
  async dial(podObject: KubeObject, port: number): Promise<Socket> {
    const pod = podObject as unknown as PodShape;
    const container = (pod.spec?.containers ?? []).find((c) => (c.ports ?? []).some((p) => p.containerPort === port));
    if (!container) throw new Error(`failed to connect to localhost:${port} inside namespace "${pod.metadata.uid ?? ''}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused`);
    const backend = this.backends.get(pod.metadata.labels?.app ?? '');
    if (backend) return connectTo(backend.hostname, Number(backend.port) || 80);
    const { port: responderPort } = await (this.responder ??= this.startResponder());
    const socket = await connectTo('127.0.0.1', responderPort);
    const local = socket.localPort;
    if (local !== undefined) {
      this.peers.set(local, `container ${container.name ?? ''} of pod ${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''} on port ${port}`);
      socket.once('close', () => this.peers.delete(local));
    }
    return socket;
  }

  async close(): Promise<void> {
    const r = this.responder;
    this.responder = undefined;
    if (!r) return;
    const { server } = await r;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private startResponder(): Promise<{ server: Server; port: number }> {
    const server = createServer((req, res) => {
      const who = this.peers.get(req.socket.remotePort ?? -1) ?? 'a simulated container';
      req.resume();
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`${who} answered ${req.method ?? 'GET'} ${req.url ?? '/'} (simulated: only platform-api pods reach a real server)\n`);
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port }));
    });
  }
}

function connectTo(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host, port });
    s.once('connect', () => {
      s.off('error', reject);
      resolve(s);
    });
    s.once('error', (e) => reject(new Error(`dial tcp4 ${host}:${port}: ${e.message}`)));
  });
}
