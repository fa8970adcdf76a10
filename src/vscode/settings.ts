// Reads the phoenixOps.* settings into one typed object. Defaults live in package.json only.
import * as vscode from 'vscode';

export interface Settings {
  kubeconfigFiles: string[];
  requestTimeoutMs: number;
  protectedContexts: string[];
  readOnly: boolean;
}

const SECTION = 'phoenixOps';

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    kubeconfigFiles: c.get<string[]>('kubeconfigFiles') ?? [],
    requestTimeoutMs: Math.max(1, c.get<number>('requestTimeoutSeconds') ?? 10) * 1000,
    protectedContexts: c.get<string[]>('protectedContexts') ?? [],
    readOnly: c.get<boolean>('readOnly') ?? false,
  };
}

/** Fires when any of the given phoenixOps.* keys change. */
export function onSettingsChanged(keys: readonly string[], listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (keys.some((k) => e.affectsConfiguration(`${SECTION}.${k}`))) listener();
  });
}
