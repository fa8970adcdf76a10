// Launches Prometheus 2.42 on 127.0.0.1 with 1 s scrapes of the sandbox's exporters, a rules directory to fill, and Alertmanager as its notifier.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { stringify } from 'yaml';
import { ensureDebianPackages, whichBinary } from './debianPackages';
import { postLifecycle, startHttpBinary } from './httpBinary';

export interface ScrapeJob {
  job: string;
  /** host:port pairs. */
  targets: string[];
  metricsPath?: string;
}

export interface PrometheusTargets {
  /** Jobs besides Prometheus' own (which is always scraped). */
  scrapeJobs: ScrapeJob[];
  /** Alertmanagers as host:port. */
  alertmanagers: string[];
}

export interface PrometheusOptions extends Partial<PrometheusTargets> {
  parentDir?: string;
  /** A port picked in advance; default: a free one. */
  port?: number;
  /** Scrape and rule evaluation interval (default 1 s so tests and demos see changes quickly). */
  intervalSeconds?: number;
  startTimeoutMs?: number;
  keepFiles?: boolean;
  /** Fills the (empty) data directory before Prometheus first starts, e.g. with backfilled history blocks. */
  prepareData?: (dataDir: string, workDir: string) => Promise<void>;
  /** How long Prometheus keeps samples (default 15d: the sandbox's history reaches back days). */
  retention?: string;
}

export interface PrometheusService {
  readonly url: string;
  /** Scrape and rule evaluation interval, in seconds. */
  readonly intervalSeconds: number;
  readonly port: number;
  readonly dir: string;
  /** Every `*.yml`/`*.yaml` here is loaded as a rule file (on start and on each reload). */
  readonly rulesDir: string;
  readonly configFile: string;
  readonly logFile: string;
  readonly startupMs: number;
  /** POST /-/reload: re-reads the config and the rule files; throws with Prometheus' message if it rejects them. */
  reload(): Promise<void>;
  /** Writes `rulesDir/<name>` (a Prometheus rule-group YAML) and reloads; a file Prometheus rejects is taken out again and the error thrown. */
  writeRuleFile(name: string, yaml: string): Promise<void>;
  /** Rewrites the scrape jobs and/or Alertmanager targets and reloads. */
  setTargets(targets: Partial<PrometheusTargets>): Promise<void>;
  /** Adds (or replaces, by job name) one scrape job and reloads, e.g. a simulator serving its own /metrics. */
  addScrapeJob(job: ScrapeJob): Promise<void>;
  /** Freezes the process (SIGSTOP): it neither scrapes nor answers, as a Prometheus that hangs or went away, until resume(). */
  suspend(): void;
  resume(): void;
  stop(): Promise<void>;
}

export const PROMETHEUS_PACKAGE = { package: 'prometheus', binaries: ['prometheus'] } as const;

export function prometheusConfig(targets: PrometheusTargets, selfTarget: string, rulesDir: string, intervalSeconds: number): string {
  const interval = `${intervalSeconds}s`;
  return stringify({
    global: { scrape_interval: interval, evaluation_interval: interval, scrape_timeout: interval },
    rule_files: [join(rulesDir, '*.yml'), join(rulesDir, '*.yaml')],
    alerting: {
      alertmanagers: targets.alertmanagers.length ? [{ api_version: 'v2', static_configs: [{ targets: targets.alertmanagers }] }] : [],
    },
    scrape_configs: [
      { job_name: 'prometheus', static_configs: [{ targets: [selfTarget] }] },
      // honor_labels: the exporter's own cluster/namespace/service labels win over target labels.
      ...targets.scrapeJobs.map((j) => ({
        job_name: j.job,
        honor_labels: true,
        ...(j.metricsPath ? { metrics_path: j.metricsPath } : {}),
        static_configs: [{ targets: j.targets }],
      })),
    ],
  });
}

export async function startPrometheus(opts: PrometheusOptions = {}): Promise<PrometheusService> {
  await ensureDebianPackages([PROMETHEUS_PACKAGE]);
  const dir = mkdtempSync(join(opts.parentDir ?? tmpdir(), 'phoenix-prometheus-'));
  const rulesDir = join(dir, 'rules');
  const dataDir = join(dir, 'data');
  const configFile = join(dir, 'prometheus.yml');
  const logFile = join(dir, 'prometheus.log');
  mkdirSync(rulesDir);
  const intervalSeconds = opts.intervalSeconds ?? 1;
  const targets: PrometheusTargets = { scrapeJobs: opts.scrapeJobs ?? [], alertmanagers: opts.alertmanagers ?? [] };
  const writeConfig = (port: number): void => writeFileSync(configFile, prometheusConfig(targets, `127.0.0.1:${port}`, rulesDir, intervalSeconds));

  let running;
  try {
    await opts.prepareData?.(dataDir, dir);
    running = await startHttpBinary({
      name: 'Prometheus',
      binary: whichBinary('prometheus') ?? 'prometheus',
      cwd: dir,
      logFile,
      ...(opts.port !== undefined ? { port: opts.port } : {}),
      timeoutMs: opts.startTimeoutMs ?? 30_000,
      args: (port) => {
        writeConfig(port); // the self-scrape target depends on the port of this attempt
        return [
          `--config.file=${configFile}`,
          `--storage.tsdb.path=${dataDir}`,
          `--storage.tsdb.retention.time=${opts.retention ?? '15d'}`,
          `--web.listen-address=127.0.0.1:${port}`,
          '--web.enable-lifecycle',
          // Default 1m: an alert that fired before Alertmanager was discovered (~5 s after start) would reach it a minute late.
          `--rules.alert.resend-delay=${Math.max(1, intervalSeconds)}s`,
        ];
      },
    });
  } catch (e) {
    if (!opts.keepFiles) rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const { proc, port, url, startupMs } = running;

  const reload = (): Promise<void> => postLifecycle(proc, `${url}/-/reload`, 'Prometheus reload');
  let stopped: Promise<void> | undefined;
  let suspended = false;
  const signal = (sig: NodeJS.Signals) => {
    if (proc.pid > 0) process.kill(proc.pid, sig);
  };
  return {
    url,
    intervalSeconds,
    port,
    dir,
    rulesDir,
    configFile,
    logFile,
    startupMs,
    reload,
    writeRuleFile: async (name, yaml) => {
      const file = join(rulesDir, basename(name));
      const previous = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
      writeFileSync(file, yaml);
      try {
        await reload();
      } catch (e) {
        // Prometheus keeps its previous rules; put the directory back the same way so later reloads work.
        if (previous === undefined) rmSync(file, { force: true });
        else writeFileSync(file, previous);
        throw e;
      }
    },
    setTargets: async (t) => {
      if (t.scrapeJobs) targets.scrapeJobs = t.scrapeJobs;
      if (t.alertmanagers) targets.alertmanagers = t.alertmanagers;
      writeConfig(port);
      await reload();
    },
    addScrapeJob: async (job) => {
      targets.scrapeJobs = [...targets.scrapeJobs.filter((j) => j.job !== job.job), job];
      writeConfig(port);
      await reload();
    },
    suspend: () => {
      signal('SIGSTOP');
      suspended = true;
    },
    resume: () => {
      if (suspended) signal('SIGCONT');
      suspended = false;
    },
    stop: () =>
      (stopped ??= (async () => {
        if (suspended) signal('SIGCONT'); // a stopped process would not see SIGTERM
        await proc.stop('SIGTERM', 5000);
        if (!opts.keepFiles) rmSync(dir, { recursive: true, force: true });
      })()),
  };
}
