// PostgreSQL's own client tools (pg_dump, pg_restore) run as child processes: found on PATH (or in a configured
// bin dir), their version read, each in its own process group so a cancel stops it (and anything it started)
// at once; the password reaches them only through the environment, never the command line or a file.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { runProcess } from '../../core/processRun';

export type PgToolName = 'pg_dump' | 'pg_restore' | 'psql';

export interface PgConnection {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  sslmode: string;
  connectTimeoutMs: number;
}

/** The tool's path: in `binDir` when one is configured, else the first on PATH. */
export function findPgTool(name: PgToolName, binDir: string | undefined, path = process.env.PATH ?? ''): string | undefined {
  const dirs = binDir ? [binDir] : path.split(delimiter).filter(Boolean);
  for (const d of dirs) {
    const candidate = join(d, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export function missingToolHint(name: PgToolName, binDir: string | undefined): string {
  return binDir
    ? `There is no executable ${name} in ${binDir} (phoenixOps.backups.postgresBinDir).`
    : `${name} is not on PATH: install PostgreSQL's client tools (Debian/Ubuntu: apt-get install postgresql-client) or set phoenixOps.backups.postgresBinDir.`;
}

/**
 * The environment of a tool run: the connection as libpq's variables, and only the host's PATH, HOME (for
 * ~/.pgpass), locale and temp dir. Inherited PG* variables are dropped: a stray PGSERVICE or PGHOST of the
 * editor's environment must not point a dump or a restore at another server.
 */
export function pgEnv(c: PgConnection, base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of ['PATH', 'HOME', 'LANG', 'LC_ALL', 'LC_CTYPE', 'LC_MESSAGES', 'TMPDIR', 'TZ']) {
    const v = base[k];
    if (v !== undefined) env[k] = v;
  }
  env.PGHOST = c.host;
  env.PGPORT = String(c.port);
  env.PGDATABASE = c.database;
  env.PGUSER = c.user;
  env.PGSSLMODE = c.sslmode;
  env.PGCONNECT_TIMEOUT = String(Math.max(2, Math.ceil(c.connectTimeoutMs / 1000)));
  env.PGAPPNAME = 'phoenix-ops-cockpit';
  if (c.password) env.PGPASSWORD = c.password;
  return env;
}

/** Runs a tool to its end in its own process group (see core/processRun). */
export const runPgTool = runProcess;

/** "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)" → "15.18 (Debian 15.18-0+deb12u1)". */
export async function toolVersion(path: string, signal?: AbortSignal): Promise<string | undefined> {
  let out = '';
  const r = await runPgTool({ path, args: ['--version'], env: { PATH: process.env.PATH ?? '' }, ...(signal ? { signal } : {}), onStdout: (c) => (out += c.toString()) });
  if (r.code !== 0) return undefined;
  const m = /\(PostgreSQL\)\s+(.+)$/m.exec(out.trim());
  return m ? m[1].trim() : out.trim() || undefined;
}

/** The useful end of a tool's stderr: its error lines, without the noise of its progress. */
export function toolErrorText(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const errors = lines.filter((l) => /error|fatal|failed|could not|server closed|terminat|denied|does not exist/i.test(l));
  return (errors.length ? errors : lines).slice(-3).join(' ').slice(0, 600) || 'no message';
}
