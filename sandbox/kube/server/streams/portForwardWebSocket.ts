// The kubelet's plain websocket port-forward (`v4.channel.k8s.io`, what client-node's PortForward and the cockpit
// speak): the ports come in the query, each port i has a data channel 2i and an error channel 2i+1, every message
// starts with its channel byte, and the server's first message on each channel is the port (uint16, little-endian).
// One websocket is one forwarded connection per port.
import type { Socket } from 'node:net';
import type { RawData, WebSocket } from 'ws';

export const PORT_FORWARD_WS_PROTOCOLS = ['v4.channel.k8s.io'];

export function servePortForwardWebSocket(ws: WebSocket, ports: number[], dial: (port: number) => Promise<Socket>, describe: string): { end(): void } {
  const targets: (Socket | undefined)[] = [];
  let ended = false;
  const send = (channel: number, data: Buffer) => {
    if (!ended && ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.from([channel]), data]));
  };
  const end = () => {
    if (ended) return;
    ended = true;
    for (const t of targets) t?.destroy();
    if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(1000);
  };
  const pending: Buffer[][] = ports.map(() => []);
  ports.forEach((port, i) => {
    const p = Buffer.alloc(2);
    p.writeUInt16LE(port, 0);
    send(2 * i, p);
    send(2 * i + 1, p);
    dial(port).then(
      (t) => {
        if (ended) return void t.destroy();
        targets[i] = t;
        for (const b of pending[i] ?? []) t.write(b);
        t.on('data', (chunk: Buffer) => send(2 * i, chunk));
        t.on('close', end);
        t.on('error', end);
      },
      (e: unknown) => {
        send(2 * i + 1, Buffer.from(`error forwarding port ${port} to ${describe}: ${e instanceof Error ? e.message : String(e)}`));
        end();
      },
    );
  });
  ws.on('message', (data: RawData, isBinary: boolean) => {
    const raw = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    if (!isBinary || raw.length < 1) return;
    const channel = raw[0] ?? 0;
    if (channel % 2 !== 0) return;
    const i = channel / 2;
    const body = raw.subarray(1);
    const t = targets[i];
    if (t) t.write(body);
    else pending[i]?.push(body);
  });
  ws.on('close', end);
  ws.on('error', end);
  return { end };
}
