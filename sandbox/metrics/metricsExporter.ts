// The sandbox's metrics exporter: an HTTP server on 127.0.0.1 serving /metrics computed from the simulated clusters, for the real Prometheus to scrape.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeStateCollector } from './kubeStateCollector';
import { MetricsRegistry } from './metricsRegistry';
import { ResourceCollector } from './resourceCollector';
import { TEXT_CONTENT_TYPE } from './textFormat';
import { type ClusterSource, TrafficCollector, type TrafficCollectorOptions } from './trafficCollector';

export interface MetricsExporterOptions extends TrafficCollectorOptions {
  clusters: readonly ClusterSource[];
  /** Default: a free port chosen by the OS. */
  port?: number;
}

export interface MetricsExporter {
  readonly url: string;
  /** host:port, for a Prometheus scrape config. */
  readonly target: string;
  readonly port: number;
  /** Register more collectors here (issue 5: platform API simulator, task queue depth, agents). */
  readonly registry: MetricsRegistry;
  /** `traffic.addCluster(c)` adds a cluster later (its cluster-state gauges follow). */
  readonly traffic: TrafficCollector;
  /** CPU and memory use, requests and limits of the platform's containers. */
  readonly resources: ResourceCollector;
  stop(): Promise<void>;
}

export async function startMetricsExporter(opts: MetricsExporterOptions): Promise<MetricsExporter> {
  const registry = new MetricsRegistry();
  const traffic = new TrafficCollector(opts.clusters, opts);
  registry.register(traffic);
  registry.register(new KubeStateCollector(() => traffic.sources));
  const resources = new ResourceCollector(() => traffic.sources, (cluster) => traffic.topology(cluster), opts.now);
  registry.register(resources);

  const server = createServer((req, res) => {
    handle(registry, req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`exporter error: ${e instanceof Error ? e.message : String(e)}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let stopped: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    target: `127.0.0.1:${port}`,
    port,
    registry,
    traffic,
    resources,
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        traffic.dispose();
        server.close(() => resolve());
        // Prometheus keeps its scrape connection alive; close would wait for it forever.
        server.closeAllConnections();
      })),
  };
}

async function handle(registry: MetricsRegistry, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  if (path === '/metrics') {
    const body = await registry.render();
    res.writeHead(200, { 'content-type': TEXT_CONTENT_TYPE, 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  if (path === '/-/healthy' || path === '/-/ready') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('OK\n');
    return;
  }
  if (path === '/') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('Phoenix sandbox metrics exporter: see /metrics\n');
    return;
  }
  res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
}
