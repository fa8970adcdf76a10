// PostgreSQL through `pg`: one short-lived connection per use, with connect and statement timeouts,
// cancellation by closing the connection, and failures as values carrying PostgreSQL's own message and position.
// `pg` itself is imported on the first connection (a chunk of its own), not when the extension starts.
import type * as PgLib from './pgLib';
import type { Client, ClientConfig, DatabaseError } from 'pg';
import { err, ok, type Result } from '../../core/result';

export interface PgSettings {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  sslmode: 'disable' | 'prefer' | 'require' | 'verify-full';
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  /** Every transaction of the connection read-only by default (phoenixOps.readOnly). */
  readOnly?: boolean;
}

export interface PgError {
  kind: 'notConfigured' | 'unreachable' | 'auth' | 'timeout' | 'query' | 'cancelled' | 'tls';
  message: string;
  hint: string;
  /** PostgreSQL's SQLSTATE, e.g. 42601 for a syntax error. */
  code?: string;
  /** 1-based character position of the error in the query, as PostgreSQL reports it. */
  position?: number;
}

export async function withPg<T>(settings: PgSettings, fn: (client: Client) => Promise<T>, signal?: AbortSignal): Promise<Result<T, PgError>> {
  if (!settings.host) return err({ kind: 'notConfigured', message: 'No database is configured', hint: 'Set phoenixOps.database.host (and run "Phoenix Ops: Set Database Password").' });
  const attempt = (ssl: ClientConfig['ssl']) => runOnce(settings, ssl, fn, signal);
  if (settings.sslmode === 'prefer') {
    const first = await attempt({ rejectUnauthorized: false });
    // libpq's "prefer": fall back to plain TCP when the server does not offer TLS.
    if (!first.ok && /does not support SSL/i.test(first.error.message)) return attempt(false);
    return first;
  }
  return attempt(settings.sslmode === 'disable' ? false : { rejectUnauthorized: settings.sslmode === 'verify-full' });
}

async function runOnce<T>(s: PgSettings, ssl: ClientConfig['ssl'], fn: (client: Client) => Promise<T>, signal?: AbortSignal): Promise<Result<T, PgError>> {
  if (signal?.aborted) return err(cancelled());
  const { Client } = await pg();
  if (signal?.aborted) return err(cancelled());
  const client = new Client({
    host: s.host,
    port: s.port,
    database: s.database,
    user: s.user,
    password: s.password,
    ssl,
    connectionTimeoutMillis: s.connectTimeoutMs,
    statement_timeout: s.statementTimeoutMs,
    application_name: 'phoenix-ops-cockpit',
    ...(s.readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
  });
  // A connection error after connect (server gone) is reported by the running query; don't crash on the event.
  client.on('error', () => undefined);
  let aborted = false;
  const onAbort = () => {
    aborted = true;
    // Closing the connection makes the server cancel the running statement.
    void client.end().catch(() => undefined);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await client.connect();
    return ok(await fn(client));
  } catch (e) {
    return err(aborted ? cancelled() : toPgError(e, s));
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await client.end().catch(() => undefined);
  }
}

let loading: Promise<typeof PgLib> | undefined;
function pg(): Promise<typeof PgLib> {
  return (loading ??= import('./pgLib'));
}

/** pg-cursor's Cursor, loaded with pg (one bundle: it uses pg's own modules). */
export async function pgCursor(): Promise<typeof PgLib.Cursor> {
  return (await pg()).Cursor;
}

function cancelled(): PgError {
  return { kind: 'cancelled', message: 'Cancelled', hint: '' };
}

export function toPgError(e: unknown, s: Pick<PgSettings, 'host' | 'port' | 'user' | 'database' | 'statementTimeoutMs'>): PgError {
  const where = `${s.user}@${s.host}:${s.port}/${s.database}`;
  const pgErr = e as Partial<DatabaseError> & { code?: string; message?: string };
  const message = pgErr.message ?? String(e);
  const code = typeof pgErr.code === 'string' ? pgErr.code : undefined;
  if (code === '28P01' || code === '28000') return { kind: 'auth', code, message: `${message} (${where})`, hint: 'Set the right password with "Phoenix Ops: Set Database Password".' };
  if (code === '57014') return { kind: 'timeout', code, message: `${message} (statement timeout ${s.statementTimeoutMs / 1000} s)`, hint: 'Narrow the query or raise the timeout.' };
  if (code === '3D000') return { kind: 'query', code, message, hint: 'Check phoenixOps.database.name.' };
  if (code && /^[0-9A-Z]{5}$/.test(code) && !['ECONNREFUSED', 'ENOTFOUND'].includes(code)) {
    const position = pgErr.position ? Number(pgErr.position) : undefined;
    return { kind: 'query', code, message, hint: pgErr.hint ?? '', ...(position ? { position } : {}) };
  }
  if (/timeout/i.test(message)) return { kind: 'timeout', message: `Connecting to ${where} timed out`, hint: 'Check the host, port and network path to the database.' };
  if (/SSL|certificate/i.test(message)) return { kind: 'tls', message: `${message} (${where})`, hint: 'Check phoenixOps.database.sslmode.' };
  return { kind: 'unreachable', message: `Cannot connect to ${where}: ${code ?? message}`, hint: 'Check phoenixOps.database.host/port and that PostgreSQL is running.' };
}
