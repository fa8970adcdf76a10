// `pods/<name>/portforward` upgrades, as the API server + kubelet pair answers them:
// - GET websocket `SPDY/3.1+portforward.k8s.io`: kubectl ≥ 1.31's default, SPDY tunnelled in binary websocket messages;
// - POST `Upgrade: SPDY/3.1` with `X-Stream-Protocol-Version: portforward.k8s.io`: older kubectl, and 1.31+'s fallback;
// - GET websocket `v4.channel.k8s.io` with `?ports=`: client-node's PortForward and the cockpit.
// Every session of a pod ends when the pod is deleted (its network namespace is gone), as a real kubelet's does.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { createWebSocketStream, WebSocketServer } from 'ws';
import type { SimCluster } from '../../simCluster';
import type { KubeObject } from '../../store/types';
import { resourceInfo } from '../resources';
import { ApiError, badRequest, forbidden, notFound } from '../status';
import { SpdyPortForwardSession } from './portForwardSpdy';
import { PortForwardTargets } from './portForwardTargets';
import { PORT_FORWARD_WS_PROTOCOLS, servePortForwardWebSocket } from './portForwardWebSocket';

export const SPDY_TUNNEL_PROTOCOL = 'SPDY/3.1+portforward.k8s.io';
const chosenProtocol = new WeakMap<IncomingMessage, string>();
const PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/portforward$/;

export interface UpgradeAccess {
  /** 'ok' for a valid bearer token. */
  authenticated(req: IncomingMessage): 'ok' | 'anonymous' | 'bad';
  forbiddenNamespaces: ReadonlySet<string>;
  user: string;
}

export class PortForwardUpgrades {
  readonly targets = new PortForwardTargets();
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  /** Open sessions by pod uid, ended when that pod is deleted. */
  private readonly sessions = new Map<string, Set<{ end(): void }>>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly cluster: SimCluster,
    private readonly access: UpgradeAccess,
  ) {
    this.wss.on('headers', (headers: string[], req: IncomingMessage) => {
      const p = chosenProtocol.get(req);
      if (p) headers.push(`Sec-WebSocket-Protocol: ${p}`);
    });
    this.unsubscribe = cluster.store.subscribe((e) => {
      if (e.resource !== 'pods') return;
      const gone = e.type === 'DELETED' || !!(e.object.metadata as { deletionTimestamp?: string }).deletionTimestamp;
      const uid = e.object.metadata.uid;
      if (!gone || !uid) return;
      for (const s of this.sessions.get(uid) ?? []) s.end();
      this.sessions.delete(uid);
    });
  }

  /** true when the request was a port-forward (answered, upgraded or refused); false leaves it to others. */
  handle(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const m = PATH.exec(url.pathname);
    if (!m) return false;
    const namespace = decodeURIComponent(m[1] ?? '');
    const name = decodeURIComponent(m[2] ?? '');
    try {
      if (this.access.authenticated(req) !== 'ok') throw new ApiError(401, 'Unauthorized', 'Unauthorized');
      if (this.access.forbiddenNamespaces.has(namespace)) {
        throw forbidden({ user: this.access.user, verb: 'create', resource: resourceInfo('pods'), subresource: 'portforward', namespace, name });
      }
      const pod = this.cluster.store.get('pods', namespace, name);
      if (!pod) throw notFound(resourceInfo('pods'), name);
      const phase = (pod as { status?: { phase?: string } }).status?.phase;
      if (phase !== 'Running') throw badRequest(`pod ${name} is not running (phase ${phase ?? 'unknown'}): nothing listens in it`);
      this.upgrade(req, socket, head, url, pod);
    } catch (e) {
      const err = e instanceof ApiError ? e : badRequest(e instanceof Error ? e.message : String(e));
      refuse(socket, err);
    }
    return true;
  }

  dispose(): Promise<void> {
    this.unsubscribe();
    for (const set of this.sessions.values()) for (const s of set) s.end();
    this.sessions.clear();
    this.wss.close();
    return this.targets.close();
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL, pod: KubeObject): void {
    const describe = `pod ${pod.metadata.name ?? ''}, uid ${pod.metadata.uid ?? ''}`;
    const dial = (port: number) => this.targets.dial(pod, port);
    const isWebSocket = (req.headers.upgrade ?? '').toLowerCase() === 'websocket';
    if (!isWebSocket) {
      const versions = String(req.headers['x-stream-protocol-version'] ?? '').split(',').map((v) => v.trim());
      if ((req.headers.upgrade ?? '').toLowerCase() !== 'spdy/3.1' || !versions.includes('portforward.k8s.io')) {
        throw badRequest('unable to upgrade: expected Upgrade: SPDY/3.1 with X-Stream-Protocol-Version: portforward.k8s.io, or a websocket');
      }
      socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: portforward.k8s.io\r\n\r\n');
      if (head.length) socket.unshift(head);
      this.track(pod, new SpdyPortForwardSession(socket, { dial, describe }));
      return;
    }
    const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const protocol = pickProtocol(new Set(offered));
    if (!protocol) throw badRequest(`unable to upgrade: none of the websocket subprotocols ${offered.join(', ') || '(none)'} is supported; use ${SPDY_TUNNEL_PROTOCOL} or ${PORT_FORWARD_WS_PROTOCOLS.join(', ')}`);
    const ports = url.searchParams.getAll('ports').flatMap((p) => p.split(',')).map(Number);
    if (protocol !== SPDY_TUNNEL_PROTOCOL && (!ports.length || ports.some((p) => !Number.isInteger(p) || p <= 0 || p > 65535))) {
      throw badRequest('query parameter "ports" is required: the ports to forward, e.g. ?ports=8080');
    }
    // ws validates subprotocols as RFC 7230 tokens and refuses the tunnel's (it has a '/'): it is negotiated here and
    // named in the 101 answer through the 'headers' hook instead.
    delete req.headers['sec-websocket-protocol'];
    chosenProtocol.set(req, protocol);
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      if (protocol === SPDY_TUNNEL_PROTOCOL) {
        const stream = createWebSocketStream(ws);
        stream.on('error', () => undefined);
        this.track(pod, new SpdyPortForwardSession(stream, { dial, describe }));
      } else this.track(pod, servePortForwardWebSocket(ws, ports, dial, describe));
    });
  }

  private track(pod: KubeObject, session: { end(): void }): void {
    const uid = pod.metadata.uid ?? '';
    const set = this.sessions.get(uid) ?? new Set();
    set.add(session);
    this.sessions.set(uid, set);
  }
}

function pickProtocol(offered: Set<string>): string | undefined {
  if (offered.has(SPDY_TUNNEL_PROTOCOL)) return SPDY_TUNNEL_PROTOCOL;
  return PORT_FORWARD_WS_PROTOCOLS.find((p) => offered.has(p));
}

/** An HTTP error answer on a socket that was asking to upgrade, then the socket closed. */
function refuse(socket: Duplex, e: ApiError): void {
  const body = JSON.stringify(e.toStatus());
  const reason = e.code === 401 ? 'Unauthorized' : e.code === 403 ? 'Forbidden' : e.code === 404 ? 'Not Found' : 'Bad Request';
  socket.end(`HTTP/1.1 ${e.code} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
