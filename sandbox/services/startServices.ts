// Starts the sandbox's real backends together: metrics exporter, PostgreSQL, Alertmanager and Prometheus (wired to each other), and stops them as one.
import { backfillPrometheus, type BackfillResult } from '../metrics/history/backfill';
import { HistoryRecorder } from '../metrics/history/historyRecorder';
import { type MetricsExporter, type MetricsExporterOptions, startMetricsExporter } from '../metrics/metricsExporter';
import type { MetricFamily } from '../metrics/metricTypes';
import type { ClusterSource } from '../metrics/trafficCollector';
import { ALERTMANAGER_PACKAGE, type AlertmanagerService, startAlertmanager } from './alertmanagerService';
import { ensureDebianPackages } from './debianPackages';
import { type PostgresConnection, type PostgresOptions, type PostgresService, postgresPackageNeed, startPostgres } from './postgresService';
import { PROMETHEUS_PACKAGE, type PrometheusService, type ScrapeJob, startPrometheus } from './prometheusService';
import { freePort } from './readiness';

export interface StartServicesOptions {
  /** Parent of the services' fresh temp dirs (default: the OS temp dir). */
  dir?: string;
  /** The simulated clusters whose state drives the exported metrics. */
  clusters: readonly ClusterSource[];
  exporter?: Omit<MetricsExporterOptions, 'clusters'>;
  postgres?: Omit<PostgresOptions, 'parentDir' | 'keepFiles'>;
  /** Where Alertmanager sends notifications (default: nowhere). */
  alertmanagerWebhookUrl?: string;
  /** Keep data dirs and logs after stop (debugging). */
  keepFiles?: boolean;
  /** Metric history put into Prometheus before it starts, so charts over the past hours have data on first open. */
  history?: HistoryOptions;
  /** Prometheus' scrape and rule evaluation interval (default 1 s: tests and demos see changes at once). */
  scrapeIntervalSeconds?: number;
}

export interface HistoryOptions {
  /** How far back the traffic and resource history goes (the workloads as seeded, every replica ready). */
  seconds: number;
  stepSeconds: number;
  /** Other simulators' families at a past time (the platform's experiments), sampled from `extraSeconds` back. */
  extra?: (tMs: number) => MetricFamily[];
  extraSeconds?: number;
  /** The step of `extra` before the last `seconds` (default 300 s). */
  extraStepSeconds?: number;
}

export interface ServiceTimings {
  exporterMs: number;
  /** initdb + server start + role/database creation. */
  postgresMs: number;
  /** Server start to first connection (initdb excluded). */
  postgresServerMs: number;
  prometheusMs: number;
  alertmanagerMs: number;
  /** Wall time of startServices (the services start in parallel). */
  totalMs: number;
  /** Recording the history and promtool's backfill (part of Prometheus' start), when there was a history. */
  history?: BackfillResult;
}

export interface SandboxServices {
  postgres: PostgresConnection;
  prometheusUrl: string;
  alertmanagerUrl: string;
  exporterUrl: string;
  /** Rule files (`*.yml`, `*.yaml`) here are loaded by Prometheus on start and on reloadPrometheus(). */
  rulesDir: string;
  reloadPrometheus(): Promise<void>;
  /** Writes a rule file into rulesDir and reloads Prometheus (throws with Prometheus' message if invalid; the file is then taken out). */
  writeRuleFile(name: string, yaml: string): Promise<void>;
  /** Adds a scrape job (by job name) for a service that serves its own /metrics, and reloads Prometheus. */
  addScrapeJob(job: ScrapeJob): Promise<void>;
  /** The exporter, whose `registry` takes more metric collectors. */
  exporter: MetricsExporter;
  /** The full handles, for logs, dirs and per-service control. */
  handles: { postgres: PostgresService; prometheus: PrometheusService; alertmanager: AlertmanagerService };
  timings: ServiceTimings;
  /** Stops everything (in parallel); safe to call more than once. */
  stop(): Promise<void>;
}

export async function startServices(opts: StartServicesOptions): Promise<SandboxServices> {
  const t0 = Date.now();
  // One apt-get run for whatever is missing, before the parallel launches each check again.
  await ensureDebianPackages([postgresPackageNeed(), PROMETHEUS_PACKAGE, ALERTMANAGER_PACKAGE]);

  const tExporter = Date.now();
  const exporter = await startMetricsExporter({ ...opts.exporter, clusters: opts.clusters });
  const exporterMs = Date.now() - tExporter;

  // Alertmanager's port is chosen first so Prometheus' config can point at it while both start.
  const amPort = await freePort();
  const common = { ...(opts.dir !== undefined ? { parentDir: opts.dir } : {}), ...(opts.keepFiles ? { keepFiles: true } : {}) };
  const scrapeJobs = (am: string): ScrapeJob[] => [
    { job: 'phoenix-sandbox', targets: [exporter.target] },
    { job: 'alertmanager', targets: [am] },
  ];
  let history: BackfillResult | undefined;
  const historyOpts = opts.history;
  const prepareData = historyOpts
    ? async (dataDir: string, workDir: string) => {
        history = await backfillPrometheus(recordHistory(exporter, historyOpts), dataDir, workDir);
      }
    : undefined;
  const [pg, am, prom] = await Promise.allSettled([
    startPostgres({ ...opts.postgres, ...common }),
    startAlertmanager({ ...common, port: amPort, ...(opts.alertmanagerWebhookUrl ? { webhookUrl: opts.alertmanagerWebhookUrl } : {}) }),
    startPrometheus({ ...common, ...(opts.scrapeIntervalSeconds ? { intervalSeconds: opts.scrapeIntervalSeconds } : {}), alertmanagers: [`127.0.0.1:${amPort}`], scrapeJobs: scrapeJobs(`127.0.0.1:${amPort}`), ...(prepareData ? { prepareData } : {}) }),
  ]);
  if (pg.status === 'rejected' || am.status === 'rejected' || prom.status === 'rejected') {
    await Promise.all([exporter.stop(), ...[pg, am, prom].map((r) => (r.status === 'fulfilled' ? r.value.stop() : undefined))]);
    const errors = [pg, am, prom].filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
    throw errors.length === 1 ? errors[0] : new AggregateError(errors, errors.map((e) => (e instanceof Error ? e.message : String(e))).join('\n\n'));
  }
  const postgres = pg.value;
  const alertmanager = am.value;
  const prometheus = prom.value;
  if (alertmanager.port !== amPort) {
    // Alertmanager lost its port to another process and moved: point Prometheus at the new one.
    const target = `127.0.0.1:${alertmanager.port}`;
    await prometheus.setTargets({ alertmanagers: [target], scrapeJobs: scrapeJobs(target) });
  }

  let stopped: Promise<void> | undefined;
  return {
    postgres: postgres.connection,
    prometheusUrl: prometheus.url,
    alertmanagerUrl: alertmanager.url,
    exporterUrl: exporter.url,
    rulesDir: prometheus.rulesDir,
    reloadPrometheus: () => prometheus.reload(),
    writeRuleFile: (name, yaml) => prometheus.writeRuleFile(name, yaml),
    addScrapeJob: (job) => prometheus.addScrapeJob(job),
    exporter,
    handles: { postgres, prometheus, alertmanager },
    timings: {
      exporterMs,
      postgresMs: postgres.totalMs,
      postgresServerMs: postgres.startupMs,
      prometheusMs: prometheus.startupMs,
      alertmanagerMs: alertmanager.startupMs,
      totalMs: Date.now() - t0,
      ...(history ? { history } : {}),
    },
    stop: () => (stopped ??= Promise.all([prometheus.stop(), alertmanager.stop(), postgres.stop(), exporter.stop()]).then(() => undefined)),
  };
}

/**
 * The history Prometheus would have scraped from this exporter (job phoenix-sandbox, its instance): traffic and
 * resource use of the seeded workloads for `seconds`, the exporter's counters continuing from there; and the extra
 * families (the platform's) further back at a coarser step, in a recorder of their own (see backfillPrometheus).
 * request_duration_seconds (only CriticalLatency's 20 s window reads it) starts with the sandbox: the guides'
 * golden-signal histogram http_request_duration_seconds has the history.
 */
function recordHistory(exporter: MetricsExporter, h: HistoryOptions): HistoryRecorder[] {
  const labels = { job: 'phoenix-sandbox', instance: exporter.target };
  const recent = new HistoryRecorder(labels, new Set(['request_duration_seconds']));
  const old = new HistoryRecorder(labels);
  const end = Date.now();
  const extra = h.extra;
  if (extra && h.extraSeconds && h.extraSeconds > h.seconds) {
    const step = (h.extraStepSeconds ?? 300) * 1000;
    for (let t = end - h.extraSeconds * 1000; t < end - h.seconds * 1000; t += step) old.record(t, extra(t));
  }
  exporter.traffic.runAhead(h.seconds, h.stepSeconds, (t, families) => recent.record(t, extra ? [...families, ...extra(t)] : families));
  exporter.resources.runAhead(h.seconds, h.stepSeconds, (t, families) => recent.record(t, families));
  return [old, recent];
}
