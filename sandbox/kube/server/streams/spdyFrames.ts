// SPDY/3 framing, as much as `kubectl port-forward` speaks (Go's moby/spdystream): a frame reader over a byte stream,
// the frames a server sends (SYN_REPLY, data, RST_STREAM, PING, GOAWAY), and the connection's two zlib header contexts.
// spdy-transport (the npm SPDY stack) insists every SYN_STREAM carries HTTP's `:method`/`:path`, which port-forward's
// streams never do, so only its copy of the protocol's header dictionary is used here.
import { constants as zc, createDeflate, createInflate, type Deflate, type Inflate } from 'node:zlib';
// The SPDY/3 header compression dictionary (a constant of the protocol, draft-mbelshe-httpbis-spdy-00 §2.6.10.1).
import * as dictionaries from 'spdy-transport/lib/spdy-transport/protocol/spdy/dictionary';

export const FrameType = { synStream: 1, synReply: 2, rstStream: 3, settings: 4, ping: 6, goAway: 7, headers: 8, windowUpdate: 9 } as const;
export const FLAG_FIN = 0x01;
/** RST_STREAM status codes used here. */
export const RstStatus = { protocolError: 1, cancel: 5, internalError: 6 } as const;

export type SpdyFrame =
  | { control: true; type: number; flags: number; payload: Buffer }
  | { control: false; streamId: number; flags: number; data: Buffer };

/** Cuts a byte stream into frames; bytes of a partial frame wait for the rest. */
export class FrameReader {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): SpdyFrame[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const out: SpdyFrame[] = [];
    while (this.buf.length >= 8) {
      const length = this.buf.readUIntBE(5, 3);
      if (this.buf.length < 8 + length) break;
      const flags = this.buf[4] ?? 0;
      const body = this.buf.subarray(8, 8 + length);
      if ((this.buf[0] ?? 0) & 0x80) out.push({ control: true, type: this.buf.readUInt16BE(2), flags, payload: body });
      else out.push({ control: false, streamId: this.buf.readUInt32BE(0) & 0x7fffffff, flags, data: body });
      this.buf = this.buf.subarray(8 + length);
    }
    return out;
  }
}

export function controlFrame(type: number, flags: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt16BE(0x8000 | 3, 0);
  head.writeUInt16BE(type, 2);
  head.writeUInt8(flags, 4);
  head.writeUIntBE(payload.length, 5, 3);
  return Buffer.concat([head, payload]);
}

export function dataFrame(streamId: number, flags: number, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(streamId & 0x7fffffff, 0);
  head.writeUInt8(flags, 4);
  head.writeUIntBE(data.length, 5, 3);
  return Buffer.concat([head, data]);
}

export function rstStreamFrame(streamId: number, status: number): Buffer {
  const p = Buffer.alloc(8);
  p.writeUInt32BE(streamId & 0x7fffffff, 0);
  p.writeUInt32BE(status, 4);
  return controlFrame(FrameType.rstStream, 0, p);
}

export function goAwayFrame(lastStreamId: number): Buffer {
  const p = Buffer.alloc(8);
  p.writeUInt32BE(lastStreamId & 0x7fffffff, 0);
  return controlFrame(FrameType.goAway, 0, p);
}

/** The stream id a SYN_STREAM, SYN_REPLY, RST_STREAM or HEADERS payload starts with. */
export function streamIdOf(payload: Buffer): number {
  return payload.length >= 4 ? payload.readUInt32BE(0) & 0x7fffffff : 0;
}

/** Name/value pairs of an uncompressed SPDY/3 header block (32-bit counts and lengths; names lower-case). */
export function decodeHeaderBlock(block: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  if (block.length < 4) return out;
  let at = 4;
  const n = block.readUInt32BE(0);
  const read = (): string => {
    if (at + 4 > block.length) throw new Error('truncated SPDY header block');
    const len = block.readUInt32BE(at);
    if (at + 4 + len > block.length) throw new Error('truncated SPDY header block');
    const s = block.toString('utf8', at + 4, at + 4 + len);
    at += 4 + len;
    return s;
  };
  for (let i = 0; i < n; i++) {
    const name = read();
    out[name] = read();
  }
  return out;
}

export function encodeHeaderBlock(headers: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  const count = Buffer.alloc(4);
  const entries = Object.entries(headers);
  count.writeUInt32BE(entries.length, 0);
  parts.push(count);
  for (const [k, v] of entries) {
    for (const s of [k, v]) {
      const b = Buffer.from(s, 'utf8');
      const len = Buffer.alloc(4);
      len.writeUInt32BE(b.length, 0);
      parts.push(len, b);
    }
  }
  return Buffer.concat(parts);
}

/**
 * One side's header compression: SPDY keeps one zlib stream per direction for the whole connection (every header
 * block is a sync-flushed piece of it), so blocks must be (de)compressed in order, one at a time.
 */
export class HeaderCodec {
  private readonly inflater: Inflate;
  private readonly deflater: Deflate;
  private inflated: Buffer[] = [];
  private deflated: Buffer[] = [];

  constructor() {
    const dictionary = dictionaries['3'];
    if (!dictionary) throw new Error('the SPDY/3 header dictionary is missing');
    this.inflater = createInflate({ dictionary });
    this.deflater = createDeflate({ dictionary });
    this.inflater.on('data', (c: Buffer) => this.inflated.push(c));
    this.deflater.on('data', (c: Buffer) => this.deflated.push(c));
    // A corrupt block fails the pending call through its callback; the stream's own 'error' must not crash the server.
    this.inflater.on('error', () => undefined);
    this.deflater.on('error', () => undefined);
  }

  inflate(compressed: Buffer): Promise<Record<string, string>> {
    return new Promise((resolve, reject) => {
      this.inflater.write(compressed, (e) => e && reject(e));
      this.inflater.flush(zc.Z_SYNC_FLUSH, () => {
        const block = Buffer.concat(this.inflated);
        this.inflated = [];
        try {
          resolve(decodeHeaderBlock(block));
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
    });
  }

  deflate(headers: Record<string, string>): Promise<Buffer> {
    return new Promise((resolve) => {
      this.deflater.write(encodeHeaderBlock(headers));
      this.deflater.flush(zc.Z_SYNC_FLUSH, () => {
        const out = Buffer.concat(this.deflated);
        this.deflated = [];
        resolve(out);
      });
    });
  }

  close(): void {
    this.inflater.destroy();
    this.deflater.destroy();
  }
}
