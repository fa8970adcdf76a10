// What the backup integration suites share: the cockpit's PgSettings for a PostgreSQL connection, a namespace
// lister for a sandbox context, a process-alive check, and a table of known size to make dumps take a while.
import { Client } from 'pg';
import { loadKubeconfig } from '../../../src/clients/kubernetes/kubeconfigLoader';
import { NamespaceObjectsClient } from '../../../src/clients/kubernetes/namespaceObjectsClient';
import type { PgSettings } from '../../../src/clients/postgres/postgresClient';
import type { BackupEnvironment } from '../../../src/domain/backups/backupWriter';
import type { PostgresConnection } from '../../../sandbox/services/postgresService';

export function pgSettings(c: Pick<PostgresConnection, 'host' | 'port' | 'database' | 'user' | 'password'>, over: Partial<PgSettings> = {}): PgSettings {
  return { host: c.host, port: c.port, database: c.database, user: c.user, password: c.password, sslmode: 'disable', connectTimeoutMs: 5000, statementTimeoutMs: 60_000, ...over };
}

export function kubeLister(kubeconfigPath: string, context = 'phoenix-dev'): BackupEnvironment['kube'] {
  const cfg = loadKubeconfig({ kubeconfigEnv: kubeconfigPath, extraFiles: [] }).configFor(context);
  if (!cfg.ok) throw new Error(cfg.message);
  const client = new NamespaceObjectsClient(context, cfg.config, 10_000);
  return { list: (kind, ns, signal) => client.list(kind, ns, signal) };
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs SQL as the connection's user. */
export async function sql(c: Pick<PostgresConnection, 'host' | 'port' | 'database' | 'user' | 'password'>, text: string, params: unknown[] = []): Promise<Array<Record<string, unknown>>> {
  const client = new Client({ host: c.host, port: c.port, database: c.database, user: c.user, password: c.password });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query(text, params)).rows as Array<Record<string, unknown>>;
  } finally {
    await client.end();
  }
}

/** A table of `rows` rows of 64 hex characters each (incompressible enough that a dump of it takes a moment). */
export async function bigTable(c: Pick<PostgresConnection, 'host' | 'port' | 'database' | 'user' | 'password'>, name: string, rows: number): Promise<void> {
  await sql(c, `CREATE TABLE ${name} (id bigint PRIMARY KEY, payload text NOT NULL)`);
  await sql(c, `INSERT INTO ${name} SELECT g, md5(g::text) || md5((g * 7)::text) FROM generate_series(1, $1::bigint) g`, [rows]);
}
