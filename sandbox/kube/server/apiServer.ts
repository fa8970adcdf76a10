// The simulated Kubernetes API server: one HTTPS listener on 127.0.0.1 serving one SimCluster,
// with bearer-token auth, health, version, discovery, openapi and the resource API. close() drops
// the listener and every open connection (watches, log streams) so tests can "kill" the server,
// and listen() on the same port brings it back with the cluster state intact.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import type { SimCluster } from '../simCluster';
import type { RequestContext, ServerSettings } from './context';
import { serveAccessReview } from './accessReview';
import { aggregatedDiscovery, apiGroup, apiGroupList, apiResourceList, apiVersions, versionInfo } from './discovery';
import { dispatchResource } from './dispatch';
import { serveMetrics } from './metricsApi';
import { sendError, sendJson, sendText } from './httpIo';
import { ListCache } from './listing';
import { contentTypeOf, negotiate } from './negotiation';
import { serveOpenApi } from './openapi';
import { registryOf, type ResourceRegistry } from './resourceRegistry';
import { route, type Route } from './router';
import { methodNotAllowed, pathNotFound, toApiError, unauthorized } from './status';
import { serveExecUpgrade } from './streams/execUpgrade';
import { ExecRooms } from './streams/execRooms';
import { writeUpgradeError } from './streams/upgradeIo';
import { PortForwardUpgrades } from './streams/portForwardUpgrade';
import { RequestMetrics } from './requestMetrics';

export interface ApiServerOptions {
  cluster: SimCluster;
  /** PEM server certificate and key (see ../tls.ts). */
  tls: { cert: string; key: string };
  /** The bearer token every request must carry. */
  token: string;
  /** Who the token authenticates as, shown in 403 messages. Default "phoenix-oncall". */
  user?: string;
  /** Namespaces whose namespaced resources answer 403 Forbidden. */
  forbiddenNamespaces?: Iterable<string>;
  /** `/version` gitVersion; the kubectl dispatcher picks its kubectl minor from it. Default v1.30.5. */
  gitVersion?: string;
  /** Interval of BOOKMARK events on watches that allow them. Default 5 s. */
  bookmarkIntervalMs?: number;
  /** How long every list request (each page) waits before it is answered: a loaded server, a link across an ocean. Default 0. */
  listLatencyMs?: number;
  /** Where simulated containers' scratch roots live (pods/exec); a temporary directory of its own when omitted. */
  execDir?: string;
}

export class KubeApiServer {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly settings: ServerSettings & { forbiddenNamespaces: Set<string> };
  private readonly lists: ListCache;
  private readonly token: Buffer;
  private readonly resources: ResourceRegistry;
  private boundPort = 0;
  private disposed = false;
  private listLatencyMs: number;
  private readonly execRooms: ExecRooms;
  private readonly portForwards: PortForwardUpgrades;
  /** What clients asked for, served on /metrics as kube-apiserver does (benchmarks count a client's requests with it). */
  readonly requestMetrics = new RequestMetrics();
  private requests = 0;
  private open = 0;

  constructor(private readonly opts: ApiServerOptions) {
    this.settings = {
      user: opts.user ?? 'phoenix-oncall',
      forbiddenNamespaces: new Set(opts.forbiddenNamespaces ?? []),
      gitVersion: opts.gitVersion ?? 'v1.30.5',
      bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 5000,
    };
    this.lists = new ListCache(opts.cluster.store);
    this.resources = registryOf(opts.cluster.store);
    this.token = Buffer.from(opts.token);
    this.listLatencyMs = opts.listLatencyMs ?? 0;
    this.execRooms = new ExecRooms(opts.cluster.store, opts.execDir);
    this.portForwards = new PortForwardUpgrades(opts.cluster, { authenticated: (req) => this.authenticated(req), forbiddenNamespaces: this.settings.forbiddenNamespaces, user: this.settings.user });
  }

  /** `kubectl port-forward` to a pod labelled app=`app` reaches `url` (the sandbox's platform API for platform-api). */
  setPortForwardBackend(app: string, url: string | undefined): void {
    this.portForwards.targets.setBackend(app, url);
  }

  /** Makes every list request (each page of a paged one) wait `ms` before its answer; 0 answers at once. */
  setListLatency(ms: number): void {
    this.listLatencyMs = Math.max(0, ms);
  }

  /** Requests (upgrades included) this server was asked, authenticated or not: tests check who contacts which cluster. */
  get requestCount(): number {
    return this.requests;
  }

  /** Requests not yet answered completely: open watches and log follows, lists in flight. */
  get openRequests(): number {
    return this.open;
  }

  get cluster(): SimCluster {
    return this.opts.cluster;
  }

  /** The port last listened on (kept across close() so listen() reuses it). */
  get port(): number {
    return this.boundPort;
  }

  get url(): string {
    return `https://127.0.0.1:${this.boundPort}`;
  }

  get listening(): boolean {
    return this.server?.listening ?? false;
  }

  setForbiddenNamespaces(namespaces: Iterable<string>): void {
    this.settings.forbiddenNamespaces.clear();
    for (const ns of namespaces) this.settings.forbiddenNamespaces.add(ns);
  }

  /** Listens on 127.0.0.1: `port`, or the previous port, or a free one (0). Resolves with the port. */
  async listen(port = this.boundPort): Promise<number> {
    if (this.disposed) throw new Error('the API server was disposed; create a new one');
    if (this.server?.listening) return this.boundPort;
    const server = createServer(
      {
        cert: this.opts.tls.cert,
        key: this.opts.tls.key,
        // Watches and log follows are long responses; idle keep-alive outlives clients' own idle timers.
        requestTimeout: 0,
        keepAliveTimeout: 65_000,
      },
      (req, res) => this.handle(req, res),
    );
    server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    // Streaming subresources (exec, port-forward) upgrade the connection instead of answering it.
    server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => this.upgrade(req, socket, head));
    // TLS handshake failures (a client that does not trust the CA) are the client's problem.
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const addr = server.address();
    this.boundPort = typeof addr === 'object' && addr ? addr.port : port;
    return this.boundPort;
  }

  /** Stops listening and drops every connection, watches and log streams included. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await closed;
  }

  /** close() plus releasing the store subscription; the server cannot listen again afterwards. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await this.close();
    this.lists.dispose();
    this.execRooms.dispose();
    await this.portForwards.dispose();
  }

  private authenticated(req: IncomingMessage): 'ok' | 'anonymous' | 'bad' {
    const h = req.headers.authorization;
    if (!h) return 'anonymous';
    const m = /^Bearer\s+(.+)$/i.exec(h);
    if (!m) return 'bad';
    const given = Buffer.from(m[1].trim());
    return given.length === this.token.length && timingSafeEqual(given, this.token) ? 'ok' : 'bad';
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.requests++;
    this.open++;
    res.once('close', () => this.open--);
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const r = route(url.pathname, this.resources);
    const auth = this.authenticated(req);
    // Like the real server's public-info-viewer role: anonymous clients may read version and health.
    const publicPath = r.type === 'version' || r.type === 'health';
    if (auth === 'bad' || (auth === 'anonymous' && !publicPath)) {
      req.resume();
      sendError(res, unauthorized());
      return;
    }
    if (r.type === 'resource') this.requestMetrics.observe(req, res, r, url.searchParams);
    const ctx: RequestContext = { cluster: this.opts.cluster, resources: this.resources, settings: this.settings, lists: this.lists, req, res, query: url.searchParams, now: new Date() };
    this.serve(ctx, r).catch((e: unknown) => {
      const info = r.type === 'resource' ? r.info : undefined;
      const name = r.type === 'resource' ? r.name : undefined;
      req.resume();
      sendError(res, toApiError(e, info, name));
    });
  }

  /** Upgrade requests: pods/{name}/portforward and pods/{name}/exec; anything else gets the answer a plain request to it would. */
  private upgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    this.requests++;
    socket.on('error', () => undefined);
    if (this.portForwards.handle(req, socket, head)) return;
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const r = route(url.pathname, this.resources);
    if (this.authenticated(req) !== 'ok') return writeUpgradeError(socket, unauthorized());
    if (r.type === 'resource' && r.info.resource === 'pods' && r.namespace !== undefined && r.name && r.subresource === 'exec') {
      const deps = { cluster: this.opts.cluster, rooms: this.execRooms, user: this.settings.user, forbiddenNamespaces: this.settings.forbiddenNamespaces };
      return serveExecUpgrade(deps, req, socket, head, r, url.searchParams);
    }
    writeUpgradeError(socket, pathNotFound());
  }

  private async serve(ctx: RequestContext, r: Route): Promise<void> {
    const { req, res } = ctx;
    const method = req.method ?? 'GET';
    if (r.type === 'notFound') {
      if (!r.api) return sendText(res, 404, '404 page not found\n');
      throw pathNotFound();
    }
    if (r.type === 'accessReview') {
      if (method !== 'POST') throw methodNotAllowed();
      return serveAccessReview(ctx);
    }
    if (r.type === 'metrics') return serveMetrics(ctx, r);
    if (r.type !== 'resource' && method !== 'GET' && method !== 'HEAD') throw methodNotAllowed();
    switch (r.type) {
      case 'version':
        return sendJson(res, 200, JSON.stringify(versionInfo(this.settings.gitVersion), null, 2));
      case 'health':
        return sendText(res, 200, ctx.query.has('verbose') ? `[+]ping ok\n[+]etcd ok\n${r.check.slice(1)} check passed\n` : 'ok');
      case 'apiVersions':
      case 'apiGroups': {
        const rep = negotiate(req.headers.accept, true);
        const core = r.type === 'apiVersions';
        if (rep.as === 'discovery') return sendJson(res, 200, JSON.stringify(aggregatedDiscovery(this.resources, core, rep.version)), contentTypeOf(rep));
        return sendJson(res, 200, JSON.stringify(core ? apiVersions(`127.0.0.1:${this.boundPort}`) : apiGroupList(this.resources)));
      }
      case 'apiGroup':
        return sendJson(res, 200, JSON.stringify(apiGroup(this.resources, r.group)));
      case 'apiResources':
        return sendJson(res, 200, JSON.stringify(apiResourceList(this.resources, r.gv)));
      case 'openapi':
        return serveOpenApi(ctx, r.path);
      case 'apiserverMetrics':
        return sendText(res, 200, this.requestMetrics.text());
      case 'resource':
        if (this.listLatencyMs > 0 && method === 'GET' && !r.name && !r.legacyWatch && ctx.query.get('watch') !== 'true' && ctx.query.get('watch') !== '1') {
          await new Promise((resolve) => setTimeout(resolve, this.listLatencyMs));
        }
        return dispatchResource(ctx, r);
    }
  }
}
