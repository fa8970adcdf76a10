// Plain-JSON requests and byte streams to one cluster over Node's https, with the kubeconfig's
// credentials: no typed (de)serialisation, any patch content type, errors as KubeError values.
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { TimeoutError, withIdleTimeout, withTimeout } from '../../core/abort';
import { kubeConfigOf } from './clientNode';
import type { ContextConfig } from './contextConfig';
import { err, ok, type Result } from '../../core/result';
import { type KubeError, toKubeError } from './kubeErrors';

export type QueryValue = string | number | boolean | undefined;

export interface KubeRequest {
  method?: 'GET' | 'PATCH' | 'PUT' | 'POST' | 'DELETE';
  /** API path, e.g. /apis/apps/v1/namespaces/ns/deployments/x */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Content type of the body; patches name their strategy here. */
  contentType?: string;
}

export const PatchType = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
} as const;

/** How a stream ended: the server closed it (e.g. the container stopped), or it failed. */
export type StreamEnd = { kind: 'closed' } | { kind: 'failed'; error: KubeError };

/** Credentials and TLS agent are re-read this often (tokens from exec plugins expire; a shared agent reuses TLS sessions). */
const OPTIONS_TTL_MS = 30_000;

export class KubeHttp {
  private options: { value: Promise<RequestOptions>; until: number } | undefined;
  private kubeConfig: Promise<KubeConfig> | undefined;

  constructor(
    private readonly config: ContextConfig,
    /** How long json() waits for the server to say something (headers, then each chunk); connect (headers) timeout for stream(). */
    readonly timeoutMs: number,
  ) {}

  get server(): string | undefined {
    return this.config.cluster.server;
  }

  /**
   * One request whose answer is JSON (or empty); a non-2xx status becomes a KubeError with the server's
   * message. The timeout bounds each wait for the server (the headers, then every next chunk), not the
   * transfer: a big answer over a slow link completes as long as it keeps coming.
   */
  async json<T>(req: KubeRequest, signal?: AbortSignal): Promise<Result<T, KubeError>> {
    const r = await this.text(req, signal);
    if (!r.ok) return r;
    const { status, body } = r.value;
    if (status < 200 || status >= 300) return err(toKubeError({ code: status, body }, this.server));
    try {
      return ok((body ? JSON.parse(body) : undefined) as T);
    } catch (e) {
      return err(toKubeError(e, this.server));
    }
  }

  /**
   * One request whose answer is read as it is, whatever its status (a proxied application's health check:
   * its 503 and body are the answer, not an API error). Only no answer at all is an error.
   */
  async text(req: KubeRequest, signal?: AbortSignal): Promise<Result<{ status: number; body: string }, KubeError>> {
    const loaded = await this.loadClientNode();
    if (loaded) return err(loaded);
    const t = withIdleTimeout(this.timeoutMs, signal);
    try {
      const res = await this.open(req, t.signal);
      t.touch();
      const body = await readAll(res, t.signal, () => t.touch());
      return ok({ status: res.statusCode ?? 0, body });
    } catch (e) {
      return err(toKubeError(t.signal.aborted ? t.signal.reason : e, this.server));
    } finally {
      t.dispose();
    }
  }

  /**
   * A long response (followed logs): `onOpen` once the server answered 2xx, `onData` per chunk, until
   * the server ends it, it fails, or `signal` aborts (then it resolves as closed). Only the wait for
   * the response headers is bounded by the timeout; a streaming body may be silent for a long time.
   */
  async stream(req: KubeRequest, handlers: { onOpen?(): void; onData(chunk: Buffer): void }, signal: AbortSignal): Promise<StreamEnd> {
    const loaded = await this.loadClientNode();
    if (loaded) return { kind: 'failed', error: loaded };
    const connect = withTimeout(this.timeoutMs, signal);
    let res: IncomingMessage;
    try {
      res = await this.open(req, connect.signal);
    } catch (e) {
      if (signal.aborted) return { kind: 'closed' };
      return { kind: 'failed', error: toKubeError(connect.signal.aborted ? connect.signal.reason : e, this.server) };
    } finally {
      connect.dispose();
    }
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) {
      const text = await readAll(res, signal).catch(() => '');
      return { kind: 'failed', error: toKubeError({ code: status, body: text }, this.server) };
    }
    handlers.onOpen?.();
    return new Promise<StreamEnd>((resolve) => {
      let done = false;
      const finish = (end: StreamEnd) => {
        if (done) return;
        done = true;
        signal.removeEventListener('abort', onAbort);
        res.destroy();
        resolve(end);
      };
      const onAbort = () => finish({ kind: 'closed' });
      signal.addEventListener('abort', onAbort, { once: true });
      res.on('data', (c: Buffer) => {
        if (!done) handlers.onData(c);
      });
      res.on('end', () => finish({ kind: 'closed' }));
      // A connection cut mid-body (server killed, network gone) is a failure the caller retries.
      res.on('aborted', () => finish({ kind: 'failed', error: toKubeError(Object.assign(new Error('connection reset'), { code: 'ECONNRESET' }), this.server) }));
      res.on('error', (e) => finish({ kind: 'failed', error: toKubeError(e, this.server) }));
      res.on('close', () => {
        if (!res.complete) finish({ kind: 'failed', error: toKubeError(Object.assign(new Error('connection reset'), { code: 'ECONNRESET' }), this.server) });
        else finish({ kind: 'closed' });
      });
    });
  }

  /** The URL and TLS/credential options of a connection that upgrades (port-forward's websocket), for `path`. */
  async upgradeTarget(path: string, query: Record<string, QueryValue> = {}): Promise<Result<{ url: URL; options: RequestOptions }, KubeError>> {
    const loaded = await this.loadClientNode();
    if (loaded) return err(loaded);
    const server = this.server;
    if (!server) return err(toKubeError(new Error('no active cluster in this context'), server));
    try {
      const url = new URL(server.replace(/\/+$/, '') + path);
      for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
      return ok({ url, options: await this.requestOptions() });
    } catch (e) {
      return err(toKubeError(e, server));
    }
  }

  /** Loading client-node (first request only) is not the server's time: done before a request's timeout starts. */
  private async loadClientNode(): Promise<KubeError | undefined> {
    try {
      await (this.kubeConfig ??= kubeConfigOf(this.config));
      return undefined;
    } catch (e) {
      this.kubeConfig = undefined;
      return toKubeError(e, this.server);
    }
  }

  private async open(req: KubeRequest, signal: AbortSignal): Promise<IncomingMessage> {
    const server = this.server;
    if (!server) throw new Error('no active cluster in this context');
    const url = new URL(server.replace(/\/+$/, '') + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const opts = await this.requestOptions();
    const body = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
    const headers: Record<string, string | string[] | number> = { ...(opts.headers as Record<string, string>), Accept: 'application/json' };
    if (body) {
      headers['Content-Type'] = req.contentType ?? 'application/json';
      headers['Content-Length'] = String(body.length);
    }
    const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
    return new Promise<IncomingMessage>((resolve, reject) => {
      if (signal.aborted) return reject(abortError(signal));
      const r = send(url, { ...opts, method: req.method ?? 'GET', headers, signal }, resolve);
      r.on('error', (e) => reject(signal.aborted ? abortError(signal) : e));
      r.end(body);
    });
  }

  /** The kubeconfig's credentials and TLS agent, shared by requests for a while (50 log streams: one agent, resumed TLS sessions). */
  private requestOptions(): Promise<RequestOptions> {
    const now = Date.now();
    if (!this.options || this.options.until < now) {
      const opts: RequestOptions = { headers: {} };
      const value = (this.kubeConfig ??= kubeConfigOf(this.config)).then((kc) => kc.applyToHTTPSOptions(opts)).then(() => opts);
      value.catch(() => (this.options = undefined));
      this.options = { value, until: now + OPTIONS_TTL_MS };
    }
    return this.options.value;
  }
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof TimeoutError ? signal.reason : Object.assign(new Error('aborted'), { name: 'AbortError' });
}

function readAll(res: IncomingMessage, signal: AbortSignal, onChunk?: () => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const onAbort = () => {
      res.destroy();
      reject(abortError(signal));
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    res.on('data', (c: Buffer) => {
      chunks.push(c);
      onChunk?.();
    });
    res.on('end', () => {
      signal.removeEventListener('abort', onAbort);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    res.on('error', (e) => {
      signal.removeEventListener('abort', onAbort);
      reject(e);
    });
  });
}
