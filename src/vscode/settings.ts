// Reads the phoenixOps.* settings into one typed object. Defaults live in package.json only.
// A repository's settings are not trusted with what could redirect credentials or lift the guard: in an
// untrusted workspace the restricted keys take the user's own value only, the guard's settings only ever
// tighten from a workspace, and the read-only command list is the user's alone. Durations are clamped to
// what a timer can wait.
import * as vscode from 'vscode';
import { clampTimerMs } from '../core/timers';

export interface DatabaseSettings {
  host: string;
  port: number;
  database: string;
  user: string;
  sslmode: 'disable' | 'prefer' | 'require' | 'verify-full';
}

export interface Settings {
  kubeconfigFiles: string[];
  /** The kubeconfigFiles that came from the workspace's settings (their credential plugins need the user's yes). */
  workspaceKubeconfigFiles: string[];
  requestTimeoutMs: number;
  /** The kubectl Shell / Exec… terminals run: a path or a name on PATH; empty = "kubectl" on PATH. */
  kubectlPath: string;
  protectedContexts: string[];
  readOnly: boolean;
  prometheusUrl: string;
  alertmanagerUrls: string[];
  platformApiUrl: string;
  database: DatabaseSettings;
  alerts: AlertSettings;
  platform: PlatformViewSettings;
  /** Runbook steps: how long one may run before it is stopped (a cell's timeout attribute overrides it). */
  runbooks: {
    cellTimeoutMs: number;
    /** Commands the user vouches for as read-only (user settings only). */
    readOnlyCommands: string[];
    /** Output a step may write to its overflow file, past which it is dropped. */
    outputFileLimitBytes: number;
    /** How far before the runbook's first step the exported incident timeline starts. */
    timelineLookbackMs: number;
  };
  /** The largest HTTP response body read from a service or an HTTP step. */
  maxResponseBytes: number;
  /** Log tails: lines kept on screen, lines read back when a tail starts, streams at most. */
  logs: { bufferLines: number; tailLines: number; maxStreams: number };
  /** Resource usage (metrics.k8s.io): how often pod and node usage refresh while visible, how pod rows are ordered. */
  usage: { refreshIntervalMs: number; sortPods: 'name' | 'cpu' | 'memory' };
  /** Drain Node: how long refused evictions are retried before the drain gives up (the node stays cordoned). */
  nodes: { drainTimeoutMs: number };
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

/**
 * Keys declared `restricted` in package.json: where credentials go, what runs, and the guard. VS Code ignores a
 * workspace's value for them in Restricted Mode; so does readSettings (with the user's value instead).
 */
export const RESTRICTED_KEYS = [
  'kubeconfigFiles', 'readOnly', 'protectedContexts', 'prometheus.url', 'alertmanager.urls', 'platformApi.url',
  'database.host', 'database.port', 'database.name', 'database.user', 'database.sslmode', 'runbooks.readOnlyCommands',
  // Where database dumps are written, and which pg_dump/pg_restore programs run.
  'backups.destination', 'backups.postgresBinDir',
  // How fast a canary runs through its plan (a repository's 0.001 would validate a production canary for seconds
  // instead of the plan's minutes), which plans Start Canary offers first, and how long the old colour is kept.
  'rollouts.timeScale', 'rollouts.planFolder', 'rollouts.blueGreenKeepHours',
  // The program a Shell / Exec… terminal runs with the user's cluster credentials.
  'kubectlPath',
] as const;

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const trusted = vscode.workspace.isTrusted;
  const restricted = new Set<string>(RESTRICTED_KEYS);
  const get = <T>(key: string): T | undefined => (!trusted && restricted.has(key) ? userValue<T>(c, key) : c.get<T>(key));
  const num = (key: string, fallback: number) => {
    const v = get<unknown>(key);
    return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
  };
  const seconds = (key: string, fallback: number, min: number) => clampTimerMs(Math.max(min, num(key, fallback)) * 1000, { min: min * 1000 });
  const kubeconfig = c.inspect<unknown>('kubeconfigFiles');
  const fromWorkspace = trusted && (kubeconfig?.workspaceFolderValue !== undefined || kubeconfig?.workspaceValue !== undefined);
  const kubeconfigFiles = strings(get('kubeconfigFiles'));
  return {
    kubeconfigFiles,
    workspaceKubeconfigFiles: fromWorkspace ? kubeconfigFiles : [],
    requestTimeoutMs: seconds('requestTimeoutSeconds', 10, 1),
    kubectlPath: text(get('kubectlPath')).trim(),
    ...guardSettings(c),
    prometheusUrl: trimSlash(text(get('prometheus.url'))),
    alertmanagerUrls: strings(get('alertmanager.urls')).map(trimSlash).filter(Boolean),
    platformApiUrl: trimSlash(text(get('platformApi.url'))),
    database: {
      host: text(get('database.host')),
      port: num('database.port', 5432),
      database: text(get('database.name'), 'phoenix'),
      user: text(get('database.user'), 'phoenix'),
      sslmode: get<DatabaseSettings['sslmode']>('database.sslmode') ?? 'prefer',
    },
    alerts: {
      refreshIntervalMs: seconds('alerts.refreshIntervalSeconds', 15, 2),
      // 0 turns the background check off; anything else is a timer.
      backgroundCheckMs: num('alerts.backgroundCheckSeconds', 60) <= 0 ? 0 : seconds('alerts.backgroundCheckSeconds', 60, 1),
      notifyOnCritical: get<boolean>('alerts.notifyOnCritical') ?? true,
      silenceCreator: text(get('alerts.silenceCreator')).trim(),
    },
    platform: {
      refreshIntervalMs: seconds('platform.refreshIntervalSeconds', 10, 2),
      agentDownAfterSeconds: Math.max(1, num('agents.downAfterSeconds', 300)),
    },
    runbooks: {
      cellTimeoutMs: seconds('runbooks.cellTimeoutSeconds', 300, 1),
      // Vouching for a command lifts the guard for it: only the user's own settings may do that.
      readOnlyCommands: strings(userValue(c, 'runbooks.readOnlyCommands')),
      outputFileLimitBytes: Math.max(1, num('runbooks.outputFileLimitMB', 100)) * 1024 * 1024,
      timelineLookbackMs: Math.min(7 * 24 * 60, Math.max(1, num('runbooks.timelineLookbackMinutes', 60))) * 60_000,
    },
    maxResponseBytes: Math.max(1, num('maxResponseMB', 64)) * 1024 * 1024,
    charts: { refreshIntervalMs: seconds('charts.refreshIntervalSeconds', 30, 5) },
    logs: {
      bufferLines: Math.max(100, num('logs.bufferLines', 10_000)),
      tailLines: Math.max(0, num('logs.tailLines', 100)),
      maxStreams: Math.max(1, num('logs.maxStreams', 100)),
    },
    usage: {
      refreshIntervalMs: seconds('usage.refreshIntervalSeconds', 15, 5),
      sortPods: ((v) => (v === 'cpu' || v === 'memory' ? v : 'name'))(get<string>('usage.sortPods')),
    },
    nodes: { drainTimeoutMs: seconds('nodes.drainTimeoutSeconds', 300, 5) },
    backups: {
      destination: text(get('backups.destination')).trim(),
      postgresBinDir: text(get('backups.postgresBinDir')).trim(),
      retention: {
        daily: Math.max(0, Math.floor(c.get<number>('backups.retention.daily') ?? 30)),
        weekly: Math.max(0, Math.floor(c.get<number>('backups.retention.weekly') ?? 12)),
        monthly: Math.max(0, Math.floor(c.get<number>('backups.retention.monthly') ?? 12)),
        yearly: Math.max(0, Math.floor(c.get<number>('backups.retention.yearly') ?? 7)),
      },
    },
    rollouts: {
      timeScale: Math.min(1, Math.max(0.001, get<number>('rollouts.timeScale') ?? 1)),
      planFolder: (get<string>('rollouts.planFolder') ?? '.phoenix/rollout-plans').trim() || '.phoenix/rollout-plans',
      blueGreenKeepHours: Math.max(0, get<number>('rollouts.blueGreenKeepHours') ?? 24),
    },
  };
}

/**
 * Read-only mode and the protected contexts, which a workspace may only tighten: read-only is on when any level
 * turns it on, and the protected patterns of every level count. Lifting either takes the user's own settings.
 */
function guardSettings(c: vscode.WorkspaceConfiguration): Pick<Settings, 'readOnly' | 'protectedContexts'> {
  const ro = c.inspect<unknown>('readOnly');
  const pc = c.inspect<unknown>('protectedContexts');
  const base = pc?.globalValue ?? pc?.defaultValue;
  return {
    readOnly: [ro?.globalValue ?? ro?.defaultValue, ro?.workspaceValue, ro?.workspaceFolderValue].some((v) => v === true),
    protectedContexts: [...new Set([...strings(base), ...strings(pc?.workspaceValue), ...strings(pc?.workspaceFolderValue)])],
  };
}

/** The user's own value of a key (user settings, else the default), whatever the workspace says. */
function userValue<T>(c: vscode.WorkspaceConfiguration, key: string): T | undefined {
  const i = c.inspect<T>(key);
  return i?.globalValue ?? i?.defaultValue;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function text(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : fallback;
}

/** Fires when any of the given phoenixOps.* keys change, and when the workspace becomes trusted (restricted keys then take its values). */
export function onSettingsChanged(keys: readonly string[], listener: () => void): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (keys.some((k) => e.affectsConfiguration(k ? `${SECTION}.${k}` : SECTION))) listener();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(listener),
  );
}

function trimSlash(url: string): string {
  return url.trim().replace(/\/+$/, '');
}
