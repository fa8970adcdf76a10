// "Phoenix in a box": two simulated Kubernetes clusters (phoenix-dev, phoenix-prod) behind HTTPS
// API servers, plus real PostgreSQL, Prometheus and Alertmanager and the metrics exporter that
// turns cluster state into traffic. The one entry point for `npm run sandbox`, `npm start`, the
// integration and VS Code test tiers and the benchmarks.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type KubeSimulator, startKubeSimulator } from './kube/kubeSimulator';
import { createSimCluster, type SimCluster } from './kube/simCluster';
import { platformHistory, platformHistorySeconds } from './platform/platformHistory';
import { type PlatformSandbox, startPlatformSandbox } from './platform/platformSandbox';
import type { SandboxTriggers } from './platform/sandboxTriggers';
import { type SandboxServices, startServices } from './services/startServices';

export const SANDBOX_CONTEXTS = ['phoenix-dev', 'phoenix-prod'] as const;

/** Prometheus' default scrape interval, and what a big cluster's usually is: the sandbox uses it under `load`. */
export const LOAD_SCRAPE_INTERVAL_SECONDS = 15;

export interface SandboxOptions {
  /** Where the sandbox keeps its files (kubeconfig, CA, service data). Default: a fresh temp dir, removed on stop. */
  dir?: string;
  /** Start PostgreSQL, Prometheus, Alertmanager and the exporter (default true). Kubernetes-only tests skip them. */
  services?: boolean;
  /** Multiplies simulated durations (pod start, readiness); tests use < 1. */
  timeScale?: number;
  /**
   * Runs the cockpit's rollout plans this much faster (e.g. 0.05: guide 001's 40 minutes in 2): the
   * cockpit scales hold times, check intervals and query windows by it, and traffic arrives 1/N times
   * as fast so a scaled window holds as many requests as a real one. Default 1.
   */
  rolloutTimeScale?: number;
  /** Log lines per second per container (default 2). */
  logLinesPerSecond?: number;
  /** Extra generated workload on phoenix-dev, for benchmarks. */
  load?: { namespaces: number; deploymentsPerNamespace: number; replicasPerDeployment?: number };
  /**
   * Prometheus' scrape and evaluation interval. Default 1 s (alerts fire while a test or demo watches), and with
   * `load` 15 s, a real cluster's usual: ~40,000 kube-state series every second would keep a core busy.
   */
  scrapeIntervalSeconds?: number;
  /** Namespaces answering 403 on every cluster (fault tests). */
  forbiddenNamespaces?: string[];
  /** The database user's password (default: random). npm start fixes one so SecretStorage keeps working across runs. */
  postgresPassword?: string;
  /** Hours of metric history put into Prometheus before it starts (default 3; 0: none), so charts are not empty. */
  historyHours?: number;
  log?: (line: string) => void;
}

export interface SandboxInfo {
  dir: string;
  kubeconfigPath: string;
  contexts: string[];
  /** The bearer token the kubeconfig's users carry. */
  token: string;
  clusters: { name: string; url: string }[];
  /** Undefined when started with `services: false`. */
  prometheusUrl?: string;
  alertmanagerUrl?: string;
  exporterUrl?: string;
  postgres?: SandboxServices['postgres'];
  /** The Phoenix platform API simulator (sandbox/platform); undefined with `services: false`. */
  platformApiUrl?: string;
  /** See SandboxOptions.rolloutTimeScale (1 when not scaled). */
  rolloutTimeScale: number;
}

export interface Sandbox {
  info: SandboxInfo;
  clusters: SimCluster[];
  kube: KubeSimulator;
  /** Undefined when started with `services: false`. */
  services?: SandboxServices;
  /** The platform simulator (agents, experiments, task queue) and the triggers that make each alert fire; undefined with `services: false`. */
  platform?: PlatformSandbox;
  triggers?: SandboxTriggers;
  /** Workspace settings that point the cockpit at this sandbox. */
  settings(): Record<string, unknown>;
  /** Stops everything it started; safe to call twice. */
  stop(): Promise<void>;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const log = opts.log ?? (() => undefined);
  const ownDir = opts.dir === undefined;
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'phoenix-sandbox-'));
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  // The seeded experiments and the metric history are placed relative to the same moment.
  const seedMs = started;
  const historyHours = opts.historyHours ?? 3;
  const clusters: SimCluster[] = [];
  let kube: KubeSimulator | undefined;
  let services: SandboxServices | undefined;
  let platform: PlatformSandbox | undefined;
  const cleanup = async () => {
    await platform?.stop().catch(() => undefined); // its connections end before PostgreSQL does
    await Promise.allSettled([kube?.stop(), services?.stop()]);
    for (const c of clusters) c.dispose();
    if (ownDir) rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const name of SANDBOX_CONTEXTS) {
      const load = name === 'phoenix-dev' ? opts.load : undefined;
      clusters.push(
        await createSimCluster({
          name,
          seed: { platform: true, extraNamespaces: load?.namespaces, deploymentsPerNamespace: load?.deploymentsPerNamespace, replicasPerDeployment: load?.replicasPerDeployment },
          timeScale: opts.timeScale,
          logLinesPerSecond: opts.logLinesPerSecond,
        }),
      );
    }
    log(`sandbox: clusters seeded in ${Date.now() - started} ms`);
    const kubeDir = join(dir, 'kube');
    mkdirSync(kubeDir, { recursive: true });
    const [k, s] = await Promise.all([
      startKubeSimulator({ dir: kubeDir, clusters, forbiddenNamespaces: opts.forbiddenNamespaces }),
      opts.services === false
        ? Promise.resolve(undefined)
        : startServices({
            dir,
            clusters,
            ...(opts.postgresPassword ? { postgres: { password: opts.postgresPassword } } : {}),
            ...(historyHours > 0 ? { history: { seconds: historyHours * 3600, stepSeconds: 60, extra: platformHistory(seedMs), extraSeconds: platformHistorySeconds(seedMs) } } : {}),
            exporter: { rateScale: 1 / (opts.rolloutTimeScale ?? 1) },
            scrapeIntervalSeconds: opts.scrapeIntervalSeconds ?? (opts.load ? LOAD_SCRAPE_INTERVAL_SECONDS : undefined),
            ...(opts.postgresPassword ? { postgres: { password: opts.postgresPassword } } : {}),
          }),
    ]);
    kube = k;
    services = s;
    // metrics.k8s.io (kubectl top) reads the same traffic-driven model as Prometheus' container_* series.
    if (s) for (const c of clusters) c.usage = (tMs) => s.exporter.resources.usageAt(c.name, tMs);
    if (services?.timings.history) log(`sandbox: ${historyHours} h of metric history (${services.timings.history.series} series, ${services.timings.history.samples} samples) backfilled in ${services.timings.history.ms} ms`);
    if (services) platform = await startPlatformSandbox(services, clusters, { log, seedMs });
    // `kubectl port-forward` to a platform-api pod reaches the platform API the sandbox really runs.
    for (const s of kube.servers) s.server.setPortForwardBackend('platform-api', platform?.simulator.url);
  } catch (e) {
    await cleanup();
    throw e;
  }
  log(`sandbox: up in ${Date.now() - started} ms`);

  const info: SandboxInfo = {
    dir,
    kubeconfigPath: kube.kubeconfigPath,
    contexts: [...SANDBOX_CONTEXTS],
    token: kube.token,
    clusters: kube.servers.map((s) => ({ name: s.name, url: s.url })),
    prometheusUrl: services?.prometheusUrl,
    alertmanagerUrl: services?.alertmanagerUrl,
    exporterUrl: services?.exporterUrl,
    postgres: services?.postgres,
    platformApiUrl: platform?.simulator.url,
    rolloutTimeScale: opts.rolloutTimeScale ?? 1,
  };
  let stopping: Promise<void> | undefined;
  return {
    info,
    clusters,
    kube,
    services,
    platform,
    triggers: platform?.triggers,
    settings: () => sandboxSettings(info),
    stop: () => (stopping ??= cleanup()),
  };
}

/**
 * Settings for a VS Code pointed at the sandbox. Kubernetes also comes through KUBECONFIG in the
 * environment; listing the file here makes a desktop VS Code work without that variable.
 */
export function sandboxSettings(info: SandboxInfo): Record<string, unknown> {
  const settings: Record<string, unknown> = {
    'phoenixOps.kubeconfigFiles': [info.kubeconfigPath],
    'phoenixOps.protectedContexts': ['*prod*'],
  };
  if (info.prometheusUrl) settings['phoenixOps.prometheus.url'] = info.prometheusUrl;
  if (info.alertmanagerUrl) settings['phoenixOps.alertmanager.urls'] = [info.alertmanagerUrl];
  if (info.platformApiUrl) {
    settings['phoenixOps.platformApi.url'] = info.platformApiUrl;
    // The sandbox's alerts fire within seconds: views that poll every few seconds show them while you watch.
    settings['phoenixOps.alerts.refreshIntervalSeconds'] = 3;
    settings['phoenixOps.platform.refreshIntervalSeconds'] = 3;
  }
  // The cockpit scales its rollout plans as the sandbox scales traffic (README: Progressive delivery).
  if (info.rolloutTimeScale !== 1) settings['phoenixOps.rollouts.timeScale'] = info.rolloutTimeScale;
  if (info.postgres) {
    settings['phoenixOps.database.host'] = info.postgres.host;
    settings['phoenixOps.database.port'] = info.postgres.port;
    settings['phoenixOps.database.name'] = info.postgres.database;
    settings['phoenixOps.database.user'] = info.postgres.user;
    settings['phoenixOps.database.sslmode'] = 'disable';
  }
  return settings;
}
