// Starts the API server in-process over real HTTPS for tests, with small request and watch clients.
import { request as httpsRequest } from 'node:https';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeApiServer, type ApiServerOptions } from '../../../../../sandbox/kube/server/apiServer';
import { generateSandboxTls, type SandboxTls } from '../../../../../sandbox/kube/tls';
import { fakeCluster, type FakeCluster } from './fakeCluster';

export const TOKEN = 'test-token';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

export interface RequestOptions {
  body?: unknown;
  contentType?: string;
  accept?: string;
  token?: string | null;
}

export interface WatchEvent {
  type: string;
  object: Record<string, unknown> & { metadata?: { name?: string; resourceVersion?: string; annotations?: Record<string, string> } };
}

export interface OpenWatch {
  status: number;
  headers: IncomingHttpHeaders;
  events: WatchEvent[];
  /** Resolves when the server ends the response. */
  ended: Promise<void>;
  /** Waits until `n` events arrived (or fails after `ms`). */
  waitFor(n: number, ms?: number): Promise<WatchEvent[]>;
  close(): void;
}

export interface Harness {
  cluster: FakeCluster;
  server: KubeApiServer;
  tls: SandboxTls;
  request(method: string, path: string, opts?: RequestOptions): Promise<Reply>;
  watch(path: string, opts?: RequestOptions): Promise<OpenWatch>;
  stop(): Promise<void>;
}

export async function startHarness(opts: Partial<Omit<ApiServerOptions, 'tls' | 'token'>> & { cluster?: FakeCluster } = {}): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'kube-server-test-'));
  const tls = await generateSandboxTls(dir);
  const cluster = opts.cluster ?? fakeCluster();
  const server = new KubeApiServer({ ...opts, cluster, tls, token: TOKEN });
  await server.listen(0);

  const send = (method: string, path: string, o: RequestOptions, onResponse: (res: IncomingMessage) => void, onError: (e: Error) => void) => {
    const headers: Record<string, string> = { Accept: o.accept ?? 'application/json' };
    if (o.token !== null) headers.Authorization = `Bearer ${o.token ?? TOKEN}`;
    let payload: string | undefined;
    if (o.body !== undefined) {
      payload = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
      headers['Content-Type'] = o.contentType ?? 'application/json';
      // Node does not chunk DELETE bodies: without a length the body would be read as a new request.
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    const req = httpsRequest({ host: '127.0.0.1', port: server.port, method, path, headers, ca: tls.caCert, agent: false }, onResponse);
    req.on('error', onError);
    req.end(payload);
    return req;
  };

  const harness: Harness = {
    cluster,
    server,
    tls,
    request: (method, path, o = {}) =>
      new Promise((resolve, reject) => {
        send(method, path, o, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T }));
          res.on('error', reject);
        }, reject);
      }),
    watch: (path, o = {}) =>
      new Promise((resolve, reject) => {
        const req = send('GET', path, o, (res) => {
          const events: WatchEvent[] = [];
          const waiters: (() => void)[] = [];
          let buf = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            buf += c;
            let nl: number;
            while ((nl = buf.indexOf('\n')) >= 0) {
              const line = buf.slice(0, nl);
              buf = buf.slice(nl + 1);
              if (line.trim()) events.push(JSON.parse(line) as WatchEvent);
            }
            for (const w of waiters.splice(0)) w();
          });
          const ended = new Promise<void>((r) => {
            res.on('end', () => r());
            res.on('close', () => r());
            res.on('error', () => r());
          });
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            events,
            ended,
            close: () => req.destroy(),
            waitFor: async (n, ms = 3000) => {
              const deadline = Date.now() + ms;
              while (events.length < n) {
                const left = deadline - Date.now();
                if (left <= 0) throw new Error(`watch got ${events.length} events, wanted ${n}: ${JSON.stringify(events.map((e) => e.type))}`);
                await new Promise<void>((r) => {
                  const t = setTimeout(r, left);
                  waiters.push(() => {
                    clearTimeout(t);
                    r();
                  });
                });
              }
              return events;
            },
          });
        }, reject);
      }),
    stop: async () => {
      await server.dispose();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return harness;
}
