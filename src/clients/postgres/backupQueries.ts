// The queries a backup and its verification need on a live connection: the server's version, a repeatable-read
// snapshot exported for pg_dump (so its rows and our counts are of the same instant), the tables pg_dump dumps
// the data of, exact row counts, and the scratch database of a test restore.
import type { Client } from 'pg';

/** "15.18 (Debian 15.18-0+deb12u1)" */
export async function serverVersion(client: Client): Promise<string> {
  const r = await client.query<{ server_version: string }>('SHOW server_version');
  return r.rows[0]?.server_version ?? 'unknown';
}

/**
 * Opens a read-only repeatable-read transaction and exports its snapshot: pg_dump --snapshot=<id> then sees the
 * database exactly as our row counts do. The transaction must stay open until pg_dump has started.
 */
export async function exportSnapshot(client: Client): Promise<string> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
  const r = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
  const id = r.rows[0]?.id;
  if (!id) throw new Error('the server exported no snapshot');
  return id;
}

/**
 * Ordinary tables whose rows pg_dump writes (one TABLE DATA entry each), as schema.table: not catalogs, not
 * temporary tables, not tables that belong to an extension (pg_dump leaves those to CREATE EXTENSION).
 */
export async function dumpedTables(client: Client): Promise<string[]> {
  const r = await client.query<{ schema: string; name: string }>(`
    SELECT n.nspname AS schema, c.relname AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'r' AND c.relpersistence <> 't'
      AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
    ORDER BY 1, 2`);
  return r.rows.map((t) => `${t.schema}.${t.name}`);
}

/** Exact rows of each table (its own rows: ONLY, as pg_dump dumps each table's own), within the current transaction. */
export async function countRows(client: Client, tables: readonly string[], signal?: AbortSignal): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const t of tables) {
    if (signal?.aborted) throw new Error('cancelled');
    const dot = t.indexOf('.');
    const ident = `${client.escapeIdentifier(t.slice(0, dot))}.${client.escapeIdentifier(t.slice(dot + 1))}`;
    const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ONLY ${ident}`);
    counts.set(t, Number(r.rows[0]?.n ?? 0));
  }
  return counts;
}

export async function createDatabase(client: Client, name: string): Promise<void> {
  // DDL takes no bind parameters: the name is quoted by the driver (and is one we made, [a-z0-9_]).
  await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)} TEMPLATE template0`);
}

/** Drops it even while something is still connected (a killed pg_restore's backend). */
export async function dropDatabase(client: Client, name: string): Promise<void> {
  await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
}
