// pods/{name}/exec upgrade requests: checks them as the API server and kubelet do (errors answered on the raw
// socket as the HTTP response to the upgrade), then completes the WebSocket handshake with v5 or v4 of the
// channel protocol and starts the session. SPDY (kubectl's fallback, a POST upgrade) is not served: a request
// that would succeed gets a 400 saying so; one that would fail gets the same error as over WebSockets.
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import type { SimCluster } from '../../simCluster';
import type { ResourceRoute } from '../router';
import { badRequest, forbidden, notFound } from '../status';
import { EXEC_PROTOCOLS } from './execChannels';
import { containerEnv } from './execEnvironment';
import { parseExecRequest } from './execRequest';
import type { ExecRooms } from './execRooms';
import { runExecSession } from './execSession';
import { writeUpgradeError } from './upgradeIo';

export interface ExecDeps {
  cluster: SimCluster;
  rooms: ExecRooms;
  user: string;
  forbiddenNamespaces: ReadonlySet<string>;
}

const wss = new WebSocketServer({
  noServer: true,
  perMessageDeflate: false,
  // The most recent served version the client offers (kubectl lists v5 first, but the choice is the server's).
  handleProtocols: (offered) => EXEC_PROTOCOLS.find((p) => offered.has(p)) ?? false,
});

function offeredProtocols(req: IncomingMessage): string[] {
  return (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()).filter(Boolean);
}

export function serveExecUpgrade(deps: ExecDeps, req: IncomingMessage, socket: Socket, head: Buffer, route: ResourceRoute, query: URLSearchParams): void {
  const ns = route.namespace ?? '';
  const name = route.name ?? '';
  try {
    if (deps.forbiddenNamespaces.has(ns)) {
      throw forbidden({ user: deps.user, verb: 'create', resource: route.info, subresource: 'exec', name, namespace: ns });
    }
    const pod = deps.cluster.store.get('pods', ns, name);
    if (!pod) throw notFound(route.info, name);
    const request = parseExecRequest(pod, name, query);
    const isWebSocket = req.method === 'GET' && (req.headers.upgrade ?? '').toLowerCase() === 'websocket';
    if (!isWebSocket) {
      throw badRequest('the sandbox API server serves exec over WebSockets only (v5.channel.k8s.io, v4.channel.k8s.io); SPDY is not served — do not set KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false');
    }
    const protocol = EXEC_PROTOCOLS.find((p) => offeredProtocols(req).includes(p));
    if (!protocol) throw badRequest(`unable to upgrade: no supported subprotocol among [${offeredProtocols(req).join(', ')}]; served: ${EXEC_PROTOCOLS.join(', ')}`);
    const cwd = deps.rooms.prepare(pod, request.container);
    const env = containerEnv(deps.cluster.store, pod, request.container, { home: cwd, tty: request.tty });
    wss.handleUpgrade(req, socket, head, (ws) => runExecSession({ ws, protocol, request, cwd, env }));
  } catch (e) {
    writeUpgradeError(socket, e);
  }
}
