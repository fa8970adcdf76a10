// npm start's workspace comes ready: the sandbox database's password, handed to the extension host in its environment
// by scripts/start.ts, is put into SecretStorage on start-up — only under the sandbox database's own key (so it is never
// sent to another database) and only when no password is stored there yet (one the user set is never overwritten).
import type { CockpitSecrets } from '../secrets';

/** The environment npm start gives code-server: the sandbox database's key (user@host:port/database) and password. */
export const SANDBOX_DB_KEY_ENV = 'PHOENIX_OPS_SANDBOX_DB';
export const SANDBOX_DB_PASSWORD_ENV = 'PHOENIX_OPS_SANDBOX_DB_PASSWORD';

/** Stores the sandbox password when the environment names one and none is stored; true when it stored it. */
export async function seedSandboxPassword(secrets: CockpitSecrets, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const key = env[SANDBOX_DB_KEY_ENV];
  const password = env[SANDBOX_DB_PASSWORD_ENV];
  if (!key || !password || (await secrets.databasePassword(key)) !== undefined) return false;
  await secrets.setDatabasePassword(key, password);
  return true;
}
