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
