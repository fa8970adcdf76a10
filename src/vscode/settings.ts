// Reads the phoenixOps.* settings into one typed object. Defaults live in package.json only.
import * as vscode from 'vscode';

export interface DatabaseSettings {
  host: string;
  port: number;
  database: string;
  user: string;
  sslmode: 'disable' | 'prefer' | 'require' | 'verify-full';
}

export interface Settings {
  kubeconfigFiles: string[];
  requestTimeoutMs: number;
  protectedContexts: string[];
  readOnly: boolean;
  prometheusUrl: string;
  alertmanagerUrls: string[];
  platformApiUrl: string;
  database: DatabaseSettings;
  alerts: AlertSettings;
  platform: PlatformViewSettings;
  /** Runbook steps: how long one may run before it is stopped (a cell's timeout attribute overrides it). */
  runbooks: { cellTimeoutMs: number };
  /** Log tails: lines kept on screen, lines read back when a tail starts, streams at most. */
  logs: { bufferLines: number; tailLines: number; maxStreams: number };
  /** Backups: where they go ("" = the extension's global storage), pg_dump's folder ("" = PATH), retention counts. */
  backups: { destination: string; postgresBinDir: string; retention: { daily: number; weekly: number; monthly: number; yearly: number } };
  /** Chart panels (cost, service health): how often they refresh while visible. */
  charts: { refreshIntervalMs: number };
  /** Canary rollouts: plan durations multiplied by timeScale (1 in real use), where the workspace keeps plans. */
  rollouts: { timeScale: number; planFolder: string; blueGreenKeepHours: number };
}

export interface AlertSettings {
  refreshIntervalMs: number;
  /** 0: nothing polls while the Alerts view is hidden. */
  backgroundCheckMs: number;
  notifyOnCritical: boolean;
  /** Empty: the OS user name. */
  silenceCreator: string;
}

export interface PlatformViewSettings {
  refreshIntervalMs: number;
  agentDownAfterSeconds: number;
}

const SECTION = 'phoenixOps';

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    kubeconfigFiles: c.get<string[]>('kubeconfigFiles') ?? [],
    requestTimeoutMs: Math.max(1, c.get<number>('requestTimeoutSeconds') ?? 10) * 1000,
    protectedContexts: c.get<string[]>('protectedContexts') ?? [],
    readOnly: c.get<boolean>('readOnly') ?? false,
    prometheusUrl: trimSlash(c.get<string>('prometheus.url') ?? ''),
    alertmanagerUrls: (c.get<string[]>('alertmanager.urls') ?? []).map(trimSlash).filter(Boolean),
    platformApiUrl: trimSlash(c.get<string>('platformApi.url') ?? ''),
    database: {
      host: c.get<string>('database.host') ?? '',
      port: c.get<number>('database.port') ?? 5432,
      database: c.get<string>('database.name') ?? 'phoenix',
      user: c.get<string>('database.user') ?? 'phoenix',
      sslmode: c.get<DatabaseSettings['sslmode']>('database.sslmode') ?? 'prefer',
    },
    alerts: {
      refreshIntervalMs: Math.max(2, c.get<number>('alerts.refreshIntervalSeconds') ?? 15) * 1000,
      backgroundCheckMs: Math.max(0, c.get<number>('alerts.backgroundCheckSeconds') ?? 60) * 1000,
      notifyOnCritical: c.get<boolean>('alerts.notifyOnCritical') ?? true,
      silenceCreator: (c.get<string>('alerts.silenceCreator') ?? '').trim(),
    },
    platform: {
      refreshIntervalMs: Math.max(2, c.get<number>('platform.refreshIntervalSeconds') ?? 10) * 1000,
      agentDownAfterSeconds: Math.max(1, c.get<number>('agents.downAfterSeconds') ?? 300),
    },
    runbooks: { cellTimeoutMs: Math.max(1, c.get<number>('runbooks.cellTimeoutSeconds') ?? 300) * 1000 },
    charts: { refreshIntervalMs: Math.max(5, c.get<number>('charts.refreshIntervalSeconds') ?? 30) * 1000 },
    logs: {
      bufferLines: Math.max(100, c.get<number>('logs.bufferLines') ?? 10_000),
      tailLines: Math.max(0, c.get<number>('logs.tailLines') ?? 100),
      maxStreams: Math.max(1, c.get<number>('logs.maxStreams') ?? 100),
    },
    backups: {
      destination: (c.get<string>('backups.destination') ?? '').trim(),
      postgresBinDir: (c.get<string>('backups.postgresBinDir') ?? '').trim(),
      retention: {
        daily: Math.max(0, Math.floor(c.get<number>('backups.retention.daily') ?? 30)),
        weekly: Math.max(0, Math.floor(c.get<number>('backups.retention.weekly') ?? 12)),
        monthly: Math.max(0, Math.floor(c.get<number>('backups.retention.monthly') ?? 12)),
        yearly: Math.max(0, Math.floor(c.get<number>('backups.retention.yearly') ?? 7)),
      },
    },
    rollouts: {
      timeScale: Math.min(1, Math.max(0.001, c.get<number>('rollouts.timeScale') ?? 1)),
      planFolder: (c.get<string>('rollouts.planFolder') ?? '.phoenix/rollout-plans').trim() || '.phoenix/rollout-plans',
      blueGreenKeepHours: Math.max(0, c.get<number>('rollouts.blueGreenKeepHours') ?? 24),
    },
  };
}

/** Fires when any of the given phoenixOps.* keys change. */
export function onSettingsChanged(keys: readonly string[], listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (keys.some((k) => e.affectsConfiguration(`${SECTION}.${k}`))) listener();
  });
}

function trimSlash(url: string): string {
  return url.trim().replace(/\/+$/, '');
}
