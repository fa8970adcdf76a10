// A TCP proxy in front of PostgreSQL that holds back the server's answers on a connection once it has passed a
// number of bytes: a pg_dump is then reliably "mid-dump" (data written, more to come) for as long as a test needs.
import { createServer, type Server, type Socket, connect } from 'node:net';
import type { AddressInfo } from 'node:net';

export class PausingProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private readonly held: Array<() => void> = [];
  private released = false;
  private pausedOnce?: () => void;
  /** Resolves when the first connection has been held back. */
  readonly paused: Promise<void>;
  port = 0;

  constructor(
    private readonly target: { host: string; port: number },
    /** Server → client bytes a connection may pass before it is held back. */
    private readonly holdAfterBytes: number,
  ) {
    this.paused = new Promise((r) => (this.pausedOnce = r));
  }

  async start(): Promise<this> {
    this.server = createServer((client) => this.pipe(client));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  private pipe(client: Socket): void {
    const upstream = connect(this.target.port, this.target.host);
    this.sockets.add(client).add(upstream);
    let passed = 0;
    let holding = false;
    const queue: Buffer[] = [];
    let upstreamEnded = false;
    const flush = () => {
      holding = false;
      upstream.resume();
      for (const b of queue.splice(0)) client.write(b);
      if (upstreamEnded) client.end();
    };
    upstream.on('data', (chunk: Buffer) => {
      if (holding) {
        queue.push(chunk);
        return;
      }
      passed += chunk.length;
      client.write(chunk);
      if (passed >= this.holdAfterBytes && !this.released) {
        holding = true;
        // Back-pressure: the server's send buffer fills and its COPY blocks mid-table, as on a stalled network.
        upstream.pause();
        this.held.push(flush);
        this.pausedOnce?.();
      }
    });
    client.on('data', (c: Buffer) => upstream.write(c));
    upstream.on('end', () => {
      upstreamEnded = true;
      if (!holding) client.end();
    });
    client.on('end', () => upstream.end());
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('close', () => this.sockets.delete(upstream));
    client.on('close', () => this.sockets.delete(client));
  }

  /** Lets everything held back through (and every close that came meanwhile). */
  release(): void {
    this.released = true;
    for (const f of this.held.splice(0)) f();
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
