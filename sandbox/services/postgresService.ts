// Launches a throwaway PostgreSQL 15 on 127.0.0.1 with a `phoenix` database and password-authenticated user.
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { ensureDebianPackages, type PackageNeed } from './debianPackages';
import { ManagedProcess } from './managedProcess';
import { freePort, isPortInUse, ServiceStartError, waitUntilReady } from './readiness';
import { runCommand } from './runCommand';

export interface PostgresOptions {
  /** Where the service's fresh temp dir is created (default: the OS temp dir). */
  parentDir?: string;
  database?: string;
  user?: string;
  /** Default: random. The cockpit reads it from SecretStorage, so tests pass it there. */
  password?: string;
  startTimeoutMs?: number;
  /** Keep the data dir and log after stop (debugging). */
  keepFiles?: boolean;
}

export interface PostgresConnection {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  /** Setup access: the `postgres` superuser, trusted on the Unix socket only (`host` = socket dir, for pg and psql -h). */
  superuser: { user: string; host: string; port: number };
}

export interface PostgresService {
  readonly connection: PostgresConnection;
  readonly dir: string;
  readonly dataDir: string;
  readonly binDir: string;
  readonly logFile: string;
  /** From spawning the server to a working connection (initdb excluded). */
  readonly startupMs: number;
  /** initdb plus start plus creating the role and database. */
  readonly totalMs: number;
  stop(): Promise<void>;
}

const PG_ROOT = '/usr/lib/postgresql';
const PREFERRED_MAJOR = '15';

/** The bin dir of PostgreSQL 15, else of the newest installed major version. */
export function findPostgresBinDir(): string | undefined {
  const majors = existsSync(PG_ROOT) ? readdirSync(PG_ROOT).filter((v) => existsSync(join(PG_ROOT, v, 'bin', 'postgres'))) : [];
  if (majors.includes(PREFERRED_MAJOR)) return join(PG_ROOT, PREFERRED_MAJOR, 'bin');
  const newest = majors.sort((a, b) => Number(b) - Number(a))[0];
  return newest ? join(PG_ROOT, newest, 'bin') : undefined;
}

export async function startPostgres(opts: PostgresOptions = {}): Promise<PostgresService> {
  const t0 = Date.now();
  await ensureDebianPackages([postgresPackageNeed()]);
  const binDir = findPostgresBinDir();
  if (!binDir) throw new ServiceStartError('PostgreSQL', `PostgreSQL was installed but no server binary is under ${PG_ROOT}/*/bin.`);
  const owner = process.getuid?.() === 0 ? postgresAccount() : undefined;

  const dir = makeServiceDir(opts.parentDir, owner !== undefined);
  const dataDir = join(dir, 'data');
  const socketDir = join(dir, 'run');
  const logFile = join(dir, 'postgres.log');
  mkdirSync(socketDir);
  if (owner) {
    // initdb refuses to run as root; the postgres account must own everything it writes.
    chownSync(dir, owner.uid, owner.gid);
    chownSync(socketDir, owner.uid, owner.gid);
  }
  const asOwner = (bin: string, args: string[]): [string, string[]] =>
    owner ? ['runuser', ['-u', 'postgres', '--', join(binDir, bin), ...args]] : [join(binDir, bin), args];

  try {
    const [initCmd, initArgs] = asOwner('initdb', ['-D', dataDir, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
    const init = await runCommand(initCmd, initArgs, { cwd: dir, timeoutMs: 60_000 });
    if (init.code !== 0) {
      throw new ServiceStartError('PostgreSQL', `initdb failed (exit ${init.code}).`, init.output.trimEnd().split('\n').slice(-15));
    }

    const tStart = Date.now();
    let proc: ManagedProcess | undefined;
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const [cmd, args] = asOwner('postgres', ['-D', dataDir, '-p', String(port), '-h', '127.0.0.1', '-k', socketDir, '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']);
      proc = ManagedProcess.start({ name: 'PostgreSQL', command: cmd, args, cwd: dir, logFile });
      try {
        await waitUntilReady(proc, () => canConnect(socketDir, port), { timeoutMs: opts.startTimeoutMs ?? 20_000, logFile });
        break;
      } catch (e) {
        await proc.stop('SIGKILL', 1000);
        if (attempt < 3 && isPortInUse(e)) continue;
        throw e;
      }
    }
    const startupMs = Date.now() - tStart;
    const server = proc;

    const database = opts.database ?? 'phoenix';
    const user = opts.user ?? 'phoenix';
    const password = opts.password ?? randomBytes(12).toString('hex');
    try {
      await createRoleAndDatabase(socketDir, port, user, password, database);
    } catch (e) {
      await server.stop('SIGKILL', 1000);
      throw e;
    }

    let stopped: Promise<void> | undefined;
    const stop = async (): Promise<void> => {
      // Fast shutdown through pg_ctl (as the data dir's owner), then make sure the group is gone.
      const [cmd, args] = asOwner('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '10', 'stop']);
      if (server.running) await runCommand(cmd, args, { cwd: dir, timeoutMs: 15_000 });
      await server.stop('SIGTERM', 3000);
      if (!opts.keepFiles) rmSync(dir, { recursive: true, force: true });
    };
    return {
      connection: { host: '127.0.0.1', port, database, user, password, superuser: { user: 'postgres', host: socketDir, port } },
      dir,
      dataDir,
      binDir,
      logFile,
      startupMs,
      totalMs: Date.now() - t0,
      stop: () => (stopped ??= stop()),
    };
  } catch (e) {
    if (!opts.keepFiles) rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

async function canConnect(socketDir: string, port: number): Promise<boolean> {
  const c = new Client({ host: socketDir, port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 1000 });
  c.on('error', () => undefined); // a server shutting down mid-check must not crash the process
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function createRoleAndDatabase(socketDir: string, port: number, user: string, password: string, database: string): Promise<void> {
  const c = new Client({ host: socketDir, port, user: 'postgres', database: 'postgres' });
  c.on('error', () => undefined);
  await c.connect();
  try {
    // DDL takes no bind parameters: quote with the driver's escaping. CREATEDB: the cockpit's test restore
    // restores a backup into a scratch database of its own, as a DBA's backup role may.
    await c.query(`CREATE ROLE ${c.escapeIdentifier(user)} LOGIN CREATEDB PASSWORD ${c.escapeLiteral(password)}`);
    await c.query(`CREATE DATABASE ${c.escapeIdentifier(database)} OWNER ${c.escapeIdentifier(user)}`);
  } finally {
    await c.end();
  }
}

/** Met by PostgreSQL 15 or any other installed major version (the `postgresql` package installs the distribution's). */
export function postgresPackageNeed(): PackageNeed {
  const others = existsSync(PG_ROOT) ? readdirSync(PG_ROOT).map((v) => join(PG_ROOT, v, 'bin', 'postgres')) : [];
  return { package: 'postgresql', binaries: [join(PG_ROOT, PREFERRED_MAJOR, 'bin', 'postgres'), ...others] };
}

function postgresAccount(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) {
    throw new ServiceStartError('PostgreSQL', 'Running as root but there is no `postgres` account to run initdb as (is the postgresql package installed?).');
  }
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * A fresh temp dir. When the server runs as `postgres`, every ancestor must be searchable by others;
 * a caller's private (0700) dir is not, so we then fall back to the OS temp dir.
 */
function makeServiceDir(parentDir: string | undefined, forOtherUser: boolean): string {
  let parent = parentDir ?? tmpdir();
  if (forOtherUser && !othersCanTraverse(parent)) parent = tmpdir();
  const dir = mkdtempSync(join(parent, 'phoenix-postgres-'));
  if (forOtherUser) chmodSync(dir, 0o755);
  return dir;
}

function othersCanTraverse(path: string): boolean {
  for (let p = path; ; p = dirname(p)) {
    if ((statSync(p).mode & 0o001) === 0) return false;
    if (dirname(p) === p) return true;
  }
}
