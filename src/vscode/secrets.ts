// Secrets (database password, API bearer tokens) live only in VS Code's SecretStorage, under these keys.
import type * as vscode from 'vscode';

export type ApiName = 'prometheus' | 'alertmanager' | 'platformApi';

export const API_LABELS: Record<ApiName, string> = {
  prometheus: 'Prometheus',
  alertmanager: 'Alertmanager',
  platformApi: 'Phoenix platform API',
};

export class CockpitSecrets {
  constructor(private readonly storage: vscode.SecretStorage) {}

  /** Keyed by user@host:port/database so switching databases never sends one password to another server. */
  databasePassword(key: string): Thenable<string | undefined> {
    return this.storage.get(`phoenixOps.database.password:${key}`);
  }

  setDatabasePassword(key: string, password: string): Thenable<void> {
    return password ? this.storage.store(`phoenixOps.database.password:${key}`, password) : this.storage.delete(`phoenixOps.database.password:${key}`);
  }

  /** The random key that seals the Secrets of backups made with "this VS Code's backup key" (base64). */
  async backupKey(): Promise<Buffer | undefined> {
    const v = await this.storage.get('phoenixOps.backups.key');
    return v ? Buffer.from(v, 'base64') : undefined;
  }

  setBackupKey(key: Buffer): Thenable<void> {
    return this.storage.store('phoenixOps.backups.key', key.toString('base64'));
  }

  apiToken(api: ApiName): Thenable<string | undefined> {
    return this.storage.get(`phoenixOps.apiToken:${api}`);
  }

  setApiToken(api: ApiName, token: string): Thenable<void> {
    return token ? this.storage.store(`phoenixOps.apiToken:${api}`, token) : this.storage.delete(`phoenixOps.apiToken:${api}`);
  }
}

export function databaseKey(db: { user: string; host: string; port: number; database: string }): string {
  return `${db.user}@${db.host}:${db.port}/${db.database}`;
}
