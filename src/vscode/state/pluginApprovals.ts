// The user's yes to credential plugins (kubeconfig exec/auth-provider) from workspace-supplied files, by
// fingerprint (file, user entry and the exact plugin), kept in global state: a changed command asks again.
import type * as vscode from 'vscode';

const KEY = 'phoenixOps.allowedKubeconfigPlugins';

export class PluginApprovals {
  constructor(private readonly memento: vscode.Memento) {}

  has(fingerprint: string): boolean {
    return this.memento.get<string[]>(KEY, []).includes(fingerprint);
  }

  async allow(fingerprint: string): Promise<void> {
    const now = this.memento.get<string[]>(KEY, []);
    if (!now.includes(fingerprint)) await this.memento.update(KEY, [...now, fingerprint]);
  }
}
