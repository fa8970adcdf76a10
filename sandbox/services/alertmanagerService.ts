// Launches Alertmanager 0.25 on 127.0.0.1 (gossip off) with one route whose short group timers make alerts show up within seconds.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ensureDebianPackages, whichBinary } from './debianPackages';
import { postLifecycle, startHttpBinary } from './httpBinary';

export interface AlertmanagerOptions {
  parentDir?: string;
  /** A port picked in advance (so Prometheus' config can name it before Alertmanager runs). */
  port?: number;
  /** Notifications go here when set (e.g. a test's HTTP server); otherwise to a receiver that drops them. */
  webhookUrl?: string;
  startTimeoutMs?: number;
  keepFiles?: boolean;
}

export interface AlertmanagerService {
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  readonly configFile: string;
  readonly logFile: string;
  readonly startupMs: number;
  /** POST /-/reload after the config file was edited. */
  reload(): Promise<void>;
  stop(): Promise<void>;
}

export const ALERTMANAGER_PACKAGE = { package: 'prometheus-alertmanager', binaries: ['prometheus-alertmanager', 'alertmanager'] } as const;

export function alertmanagerConfig(webhookUrl?: string): string {
  return stringify({
    route: {
      receiver: 'sandbox',
      group_by: ['alertname', 'cluster', 'namespace', 'service'],
      // Seconds, not minutes: the sandbox is for seeing an alert arrive while you watch.
      group_wait: '1s',
      group_interval: '1s',
      repeat_interval: '1h',
    },
    receivers: [webhookUrl ? { name: 'sandbox', webhook_configs: [{ url: webhookUrl, send_resolved: true }] } : { name: 'sandbox' }],
  });
}

export async function startAlertmanager(opts: AlertmanagerOptions = {}): Promise<AlertmanagerService> {
  await ensureDebianPackages([ALERTMANAGER_PACKAGE]);
  const dir = mkdtempSync(join(opts.parentDir ?? tmpdir(), 'phoenix-alertmanager-'));
  const dataDir = join(dir, 'data');
  const configFile = join(dir, 'alertmanager.yml');
  const logFile = join(dir, 'alertmanager.log');
  mkdirSync(dataDir);
  writeFileSync(configFile, alertmanagerConfig(opts.webhookUrl));
  // Debian names it prometheus-alertmanager; an upstream tarball install is just alertmanager.
  const binary = ALERTMANAGER_PACKAGE.binaries.map(whichBinary).find((b) => b !== undefined) ?? 'prometheus-alertmanager';

  let running;
  try {
    running = await startHttpBinary({
      name: 'Alertmanager',
      binary,
      cwd: dir,
      logFile,
      ...(opts.port !== undefined ? { port: opts.port } : {}),
      timeoutMs: opts.startTimeoutMs ?? 30_000,
      args: (port) => [
        `--config.file=${configFile}`,
        `--storage.path=${dataDir}`,
        `--web.listen-address=127.0.0.1:${port}`,
        // Empty turns the gossip listener (0.0.0.0:9094 by default) off.
        '--cluster.listen-address=',
      ],
    });
  } catch (e) {
    if (!opts.keepFiles) rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const { proc, port, url, startupMs } = running;
  let stopped: Promise<void> | undefined;
  return {
    url,
    port,
    dir,
    configFile,
    logFile,
    startupMs,
    reload: () => postLifecycle(proc, `${url}/-/reload`, 'Alertmanager reload'),
    stop: () =>
      (stopped ??= (async () => {
        await proc.stop('SIGTERM', 5000);
        if (!opts.keepFiles) rmSync(dir, { recursive: true, force: true });
      })()),
  };
}
