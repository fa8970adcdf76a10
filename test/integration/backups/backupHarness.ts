// What the backup integration suites share: the cockpit's PgSettings for a PostgreSQL connection, a namespace
// lister for a sandbox context, a process-alive check, a table of known size to make dumps take a while, and a
// backup whose process is killed mid-way.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadKubeconfig } from '../../../src/clients/kubernetes/kubeconfigLoader';
import { NamespaceObjectsClient } from '../../../src/clients/kubernetes/namespaceObjectsClient';
import type { PgSettings } from '../../../src/clients/postgres/postgresClient';
import { PARTIAL_PREFIX } from '../../../src/domain/backups/backupNames';
import type { BackupEnvironment } from '../../../src/domain/backups/backupWriter';
import type { CrashingBackupArgs } from './crashingBackup';
import { waitFor } from '../../shared/waitFor';
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

/** Gone, or a zombie nobody reaps (an orphan's parent may be a PID 1 that does not). */
export function exited(pid: number): boolean {
  if (!alive(pid)) return true;
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/**
 * Starts a backup in a process of its own (crashingBackup.js), waits until its pg_dump runs (and, with
 * holdServices, has finished), and kills the process with SIGKILL: what an editor dying mid-backup leaves.
 * The id of the folder left behind, and pg_dump's pid.
 */
export async function crashBackup(args: CrashingBackupArgs, beforeKill: (dumpPid: number) => Promise<void> = () => Promise.resolve()): Promise<{ id: string; dumpPid: number }> {
  const child = spawn(process.execPath, [join(__dirname, 'crashingBackup.js'), JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const died = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, sig) => r(sig)));
  try {
    const dumpPid = Number(await waitFor('pg_dump to start', () => /^pg_dump (\d+)$/m.exec(out)?.[1], 60_000));
    if (args.holdServices) await waitFor('the dump to finish', () => exited(dumpPid), 60_000);
    await beforeKill(dumpPid);
    child.kill('SIGKILL');
    if ((await died) !== 'SIGKILL' || out.includes('finished')) throw new Error(`the backup process was not killed mid-backup: ${out}`);
    const left = readdirSync(args.destination).filter((n) => n.startsWith(PARTIAL_PREFIX));
    if (left.length !== 1) throw new Error(`expected one interrupted folder in ${args.destination}, found ${left.join(', ') || 'none'}`);
    return { id: left[0].slice(PARTIAL_PREFIX.length), dumpPid };
  } finally {
    child.kill('SIGKILL');
  }
}
