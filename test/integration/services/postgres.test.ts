// Integration tests of the PostgreSQL launcher: a real server, the phoenix user's password over TCP, the superuser on the socket, and a clean stop.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type ClientConfig } from 'pg';
import { type PostgresService, startPostgres } from '../../../sandbox/services/postgresService';
import { alive, processesOf } from './serviceTestKit';

async function withClient<T>(config: ClientConfig, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionTimeoutMillis: 5000, ...config });
  c.on('error', () => undefined);
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

describe('PostgreSQL launcher', function () {
  this.timeout(30_000);
  let parent: string;
  let pg: PostgresService;
  let pids: number[] = [];

  before(async () => {
    parent = mkdtempSync(join(tmpdir(), 'phoenix-pg-test-'));
    pg = await startPostgres({ parentDir: parent, password: 's3cret-from-SecretStorage' });
    pids = processesOf([pg.dataDir]).map((p) => p.pid);
    console.log(`      postgres: initdb+start+setup ${pg.totalMs} ms, server ready ${pg.startupMs} ms`);
  });

  after(async () => {
    await pg?.stop();
    rmSync(parent, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only, on a port of its own', () => {
    assert.equal(pg.connection.host, '127.0.0.1');
    assert.notEqual(pg.connection.port, 5432);
    assert.ok(pids.length >= 2, `expected the postmaster and its workers, found ${pids.length}`);
  });

  it('lets the phoenix user work in the phoenix database with its password over TCP', async () => {
    const { host, port, database, user, password } = pg.connection;
    assert.deepEqual([database, user], ['phoenix', 'phoenix']);
    const rows = await withClient({ host, port, database, user, password }, async (c) => {
      await c.query('CREATE TABLE tasks (id serial PRIMARY KEY, status text NOT NULL)');
      await c.query("INSERT INTO tasks (status) VALUES ('pending'), ('pending'), ('running')");
      const who = await c.query<{ u: string; addr: string }>('SELECT current_user AS u, inet_server_addr()::text AS addr');
      assert.deepEqual(who.rows[0], { u: 'phoenix', addr: '127.0.0.1/32' }); // TCP, not the socket
      const r = await c.query<{ status: string; n: string }>('SELECT status, count(*) AS n FROM tasks GROUP BY status ORDER BY status');
      return r.rows.map((x) => [x.status, Number(x.n)]);
    });
    assert.deepEqual(rows, [
      ['pending', 2],
      ['running', 1],
    ]);
  });

  it('refuses a wrong password', async () => {
    const { host, port, database, user } = pg.connection;
    await assert.rejects(
      withClient({ host, port, database, user, password: 'wrong' }, (c) => c.query('SELECT 1')),
      (e: unknown) => (e as { code?: string }).code === '28P01', // invalid_password
    );
  });

  it('keeps the postgres superuser on the Unix socket for setup', async () => {
    const { superuser } = pg.connection;
    const n = await withClient({ host: superuser.host, port: superuser.port, user: superuser.user, database: 'phoenix' }, async (c) => {
      const r = await c.query<{ n: string }>('SELECT count(*) AS n FROM tasks');
      return Number(r.rows[0]?.n);
    });
    assert.equal(n, 3);
  });

  it('stops every process it started and removes its directory', async () => {
    await pg.stop();
    assert.deepEqual(alive(pids), []);
    assert.equal(existsSync(pg.dir), false);
  });
});
