// Secrets (database password, API bearer tokens) live only in VS Code's SecretStorage, under these keys. A token
// is stored with the origins it was set for and handed out only for a URL at one of them.
import type * as vscode from 'vscode';
import { type BoundToken, originOf, parseBoundToken, tokenForUrl } from '../clients/http/origin';

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

  /** The API's token and where it may go (a token from before binding goes nowhere). */
  async boundToken(api: ApiName): Promise<BoundToken | undefined> {
    return parseBoundToken(await this.storage.get(`phoenixOps.apiToken:${api}`));
  }

  /** The API's token for a request to `url`: only when the URL's origin is one the token was set for. */
  async apiToken(api: ApiName, url: string): Promise<string | undefined> {
    return tokenForUrl(await this.boundToken(api), url);
  }

  /** The token of whichever API was set for `url`'s origin (HTTP runbook steps), or none. */
  async tokenForUrl(url: string): Promise<string | undefined> {
    for (const api of Object.keys(API_LABELS) as ApiName[]) {
      const token = await this.apiToken(api, url);
      if (token) return token;
    }
    return undefined;
  }

  /** Stores a token for the given base URLs' origins (an empty token forgets it). */
  setApiToken(api: ApiName, token: string, urls: readonly string[]): Thenable<void> {
    const origins = [...new Set(urls.map(originOf).filter((o): o is string => o !== undefined))];
    return token ? this.storage.store(`phoenixOps.apiToken:${api}`, JSON.stringify({ token, origins } satisfies BoundToken)) : this.storage.delete(`phoenixOps.apiToken:${api}`);
  }
}

export function databaseKey(db: { user: string; host: string; port: number; database: string }): string {
  return `${db.user}@${db.host}:${db.port}/${db.database}`;
}
