// The kubelet's side of `kubectl port-forward` over SPDY/3 (reached through a SPDY/3.1 upgrade or a websocket that
// tunnels it): every forwarded connection is a pair of streams with one `requestid` — `error` (the server writes why
// it failed, then closes) and `data` (bytes both ways, headers name the `port`). Once both are there the pod's port
// is dialled and bytes are copied until either side closes; the session ends when the pod goes away.
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import { controlFrame, dataFrame, FLAG_FIN, FrameReader, FrameType, goAwayFrame, HeaderCodec, RstStatus, rstStreamFrame, streamIdOf, type SpdyFrame } from './spdyFrames';

export interface SpdyForwardOptions {
  /** Connects to the pod's port; rejects with the message the error stream carries. */
  dial(port: number): Promise<Socket>;
  /** Who the pod is, for messages: "pod platform-api-x, uid 123". */
  describe: string;
}

interface StreamState {
  id: number;
  type: string;
  port: number;
  requestId: string;
  /** We sent FIN (or RST) on it. */
  closed: boolean;
}

interface Pair {
  data?: StreamState;
  error?: StreamState;
  target?: Socket;
  /** Bytes of the data stream that arrived before the pod's port answered. */
  pending: Buffer[];
  clientDone: boolean;
}

const MAX_DATA = 16 * 1024;

export class SpdyPortForwardSession {
  private readonly reader = new FrameReader();
  private readonly headers = new HeaderCodec();
  private readonly streams = new Map<number, StreamState>();
  private readonly pairs = new Map<string, Pair>();
  private queue: Promise<void> = Promise.resolve();
  private lastStreamId = 0;
  private ended = false;

  constructor(
    private readonly conn: Duplex,
    private readonly opts: SpdyForwardOptions,
  ) {
    conn.on('data', (chunk: Buffer) => {
      let frames: SpdyFrame[];
      try {
        frames = this.reader.push(chunk);
      } catch {
        return this.end();
      }
      // Header blocks share one zlib stream: frames are handled strictly in order.
      for (const f of frames) this.queue = this.queue.then(() => this.onFrame(f)).catch(() => this.end());
    });
    conn.on('close', () => this.end());
    conn.on('error', () => this.end());
  }

  /** Ends every forwarded connection and the session (the pod is gone, or the server is closing). */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const p of this.pairs.values()) p.target?.destroy();
    this.pairs.clear();
    if (!this.conn.destroyed) {
      this.conn.write(goAwayFrame(this.lastStreamId));
      this.conn.end();
    }
    this.headers.close();
  }

  private send(frame: Buffer): void {
    if (!this.ended && !this.conn.destroyed) this.conn.write(frame);
  }

  private async onFrame(f: SpdyFrame): Promise<void> {
    if (this.ended) return;
    if (!f.control) return this.onData(f.streamId, f.flags, f.data);
    switch (f.type) {
      case FrameType.synStream:
        return this.onSynStream(streamIdOf(f.payload), f.flags, await this.headers.inflate(f.payload.subarray(10)));
      case FrameType.synReply:
      case FrameType.headers:
        // Never expected from a client, but their header blocks advance the shared zlib stream.
        await this.headers.inflate(f.payload.subarray(4));
        return;
      case FrameType.rstStream:
        return this.onReset(streamIdOf(f.payload));
      case FrameType.ping:
        // A ping the client started (odd id) is answered with the same frame.
        return this.send(controlFrame(FrameType.ping, 0, f.payload));
      case FrameType.goAway:
        return this.end();
      default:
        // SETTINGS, WINDOW_UPDATE: spdystream does no flow control of its own and neither does this.
        return;
    }
  }

  private async onSynStream(id: number, flags: number, h: Record<string, string>): Promise<void> {
    this.lastStreamId = Math.max(this.lastStreamId, id);
    const type = h.streamtype ?? '';
    const port = Number(h.port);
    const requestId = h.requestid ?? String(type === 'error' ? id : id - 2);
    if ((type !== 'data' && type !== 'error') || !Number.isInteger(port) || port <= 0 || port > 65535) {
      this.send(rstStreamFrame(id, RstStatus.protocolError));
      return;
    }
    const s: StreamState = { id, type, port, requestId, closed: false };
    this.streams.set(id, s);
    this.send(controlFrame(FrameType.synReply, 0, Buffer.concat([u32(id), await this.headers.deflate({})])));
    const pair = this.pairs.get(requestId) ?? { pending: [], clientDone: false };
    this.pairs.set(requestId, pair);
    if (type === 'data') {
      pair.data = s;
      if (flags & FLAG_FIN) pair.clientDone = true;
    } else pair.error = s;
    if (pair.data && pair.error && !pair.target) await this.connect(pair);
  }

  private async connect(pair: Pair): Promise<void> {
    const data = pair.data;
    if (!data) return;
    let target: Socket;
    try {
      target = await this.opts.dial(data.port);
    } catch (e) {
      this.fail(pair, `error forwarding port ${data.port} to ${this.opts.describe}: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    if (this.ended || this.pairs.get(data.requestId) !== pair) {
      target.destroy();
      return;
    }
    pair.target = target;
    for (const b of pair.pending) target.write(b);
    pair.pending = [];
    if (pair.clientDone) target.end();
    target.on('data', (chunk: Buffer) => {
      for (let at = 0; at < chunk.length; at += MAX_DATA) this.send(dataFrame(data.id, 0, chunk.subarray(at, at + MAX_DATA)));
    });
    const finish = () => this.closePair(pair);
    target.on('end', finish);
    target.on('close', finish);
    target.on('error', finish);
  }

  private onData(id: number, flags: number, data: Buffer): void {
    const s = this.streams.get(id);
    if (!s || s.type !== 'data') return;
    const pair = this.pairs.get(s.requestId);
    if (!pair) return;
    if (data.length) {
      if (pair.target) pair.target.write(data);
      else pair.pending.push(data);
    }
    if (flags & FLAG_FIN) {
      pair.clientDone = true;
      pair.target?.end();
    }
  }

  private onReset(id: number): void {
    const s = this.streams.get(id);
    if (!s) return;
    s.closed = true;
    const pair = this.pairs.get(s.requestId);
    if (pair) {
      pair.target?.destroy();
      this.closePair(pair);
    }
  }

  /** The error stream says why, then both streams end: kubectl prints the message and keeps listening. */
  private fail(pair: Pair, message: string): void {
    if (pair.error && !pair.error.closed) this.send(dataFrame(pair.error.id, 0, Buffer.from(message)));
    this.closePair(pair);
  }

  private closePair(pair: Pair): void {
    for (const s of [pair.data, pair.error]) {
      if (!s || s.closed) continue;
      s.closed = true;
      this.send(dataFrame(s.id, FLAG_FIN, Buffer.alloc(0)));
      this.streams.delete(s.id);
    }
    const key = pair.data?.requestId ?? pair.error?.requestId;
    if (key !== undefined && this.pairs.get(key) === pair) this.pairs.delete(key);
  }
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n & 0x7fffffff, 0);
  return b;
}
