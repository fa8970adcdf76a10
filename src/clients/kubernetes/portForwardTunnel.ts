// One forwarded connection to a pod's port over the API server's websocket port-forward (`v4.channel.k8s.io`, what
// client-node's PortForward and real API servers/kubelets speak): data on channel 0, errors on channel 1, the server's
// first message on each channel is the port (2 bytes, dropped here). The local socket is piped both ways; `done`
// settles with the error text the kubelet sent, if any. `ws` is imported on the first forward, never at start-up.
import type { Socket } from 'node:net';
import { err, ok, type Result } from '../../core/result';
import type { KubeHttp } from './kubeHttp';
import { type KubeError, toKubeError } from './kubeErrors';
import { resourcePath } from './workloadsClient';

export interface Tunnel {
  /** Settles when either side closed: with the kubelet's error text when it sent one. */
  done: Promise<{ error?: string }>;
  close(): void;
}

export async function openTunnel(http: KubeHttp, target: { namespace: string; pod: string; port: number }, local: Socket): Promise<Result<Tunnel, KubeError>> {
  const t = await http.upgradeTarget(`${resourcePath('pods', target.namespace, target.pod)}/portforward`, { ports: target.port });
  if (!t.ok) return t;
  const { WebSocket } = await import('ws');
  const url = new URL(t.value.url);
  url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  const o = t.value.options;
  const ws = new WebSocket(url, ['v4.channel.k8s.io'], {
    headers: o.headers as Record<string, string>,
    ...(o.agent ? { agent: o.agent } : {}),
    ...pickTls(o as Record<string, unknown>),
    perMessageDeflate: false,
    handshakeTimeout: http.timeoutMs,
  });
  // Bytes the local client sends before the tunnel is open wait for it.
  const early: Buffer[] = [];
  const onEarly = (c: Buffer) => early.push(c);
  local.on('data', onEarly);
  local.pause();
  const opened = await new Promise<Result<true, KubeError>>((resolve) => {
    ws.once('open', () => resolve(ok(true)));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve(err(toKubeError({ code: res.statusCode ?? 0, body }, http.server))));
      res.on('error', () => resolve(err(toKubeError({ code: res.statusCode ?? 0, body }, http.server))));
    });
    ws.once('error', (e) => resolve(err(toKubeError(e, http.server))));
  });
  if (!opened.ok) {
    local.off('data', onEarly);
    ws.terminate();
    return opened;
  }
  let errorText = '';
  const seenPort = [false, false];
  const done = new Promise<{ error?: string }>((resolve) => {
    const finish = () => {
      local.destroySoon?.();
      if (!local.destroyed) local.end();
      resolve(errorText ? { error: errorText } : {});
    };
    ws.on('close', finish);
    ws.on('error', finish);
  });
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (!isBinary || data.length < 1) return;
    const channel = data[0] ?? 255;
    let body = data.subarray(1);
    if (channel > 1) return;
    if (!seenPort[channel]) {
      seenPort[channel] = true;
      body = body.subarray(2);
    }
    if (!body.length) return;
    if (channel === 0) local.write(body);
    else errorText += body.toString('utf8');
  });
  const send = (c: Buffer) => {
    if (ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.from([0]), c]));
  };
  local.off('data', onEarly);
  for (const c of early) send(c);
  local.on('data', send);
  local.resume();
  // v4 has no half-close: the tunnel ends when the local connection is gone, not when it stops sending.
  local.on('close', () => ws.close(1000));
  local.on('error', () => ws.terminate());
  return ok({ done, close: () => ws.terminate() });
}

function pickTls(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ['ca', 'cert', 'key', 'pfx', 'passphrase', 'rejectUnauthorized', 'servername']) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
