// Backups on a database of at least 200 MB, generated here (nothing committed): the cockpit's backup (resources,
// pg_dump from a snapshot with row counts, checksums, manifest) against plain `pg_dump -Fc` to a file in the same
// run (goal ≤ 1.15×); the cockpit's verify (checksums, TOC, every row streamed); its test restore against plain
// pg_restore of the same dump into a fresh database. Alone: `npm run build:prod && node out/bench/backupBench.js`
// (PHOENIX_BENCH_BACKUP_MB sets the size; default 200).
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { loadKubeconfig } from '../src/clients/kubernetes/kubeconfigLoader';
import { NamespaceObjectsClient } from '../src/clients/kubernetes/namespaceObjectsClient';
import type { PgSettings } from '../src/clients/postgres/postgresClient';
import { verifyBackup } from '../src/domain/backups/backupVerifier';
import { writeBackup } from '../src/domain/backups/backupWriter';
import { humanBytes } from '../src/domain/backups/backupText';
import { testRestore } from '../src/domain/backups/testRestore';
import { startPostgres } from '../sandbox/services/postgresService';
import { type Comparison, runAlone } from './harness';
import { startSandboxProcess } from './sandboxProcess';

const run = promisify(execFile);

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, value };
}

/** Fills `events` until the database is at least `mb` MB: wide rows of hex text (compressible about 2:1, like real payloads). */
async function generate(client: Client, mb: number): Promise<void> {
  await client.query('CREATE TABLE events (id bigint PRIMARY KEY, at timestamptz NOT NULL, kind text NOT NULL, payload text NOT NULL)');
  await client.query('CREATE TABLE event_tags (event_id bigint NOT NULL, tag text NOT NULL)');
  const chunk = 200_000;
  for (let from = 1; ; from += chunk) {
    await client.query(
      `INSERT INTO events SELECT g, now() - g * interval '1 second', (ARRAY['deploy','metric','health','experiment'])[1 + g % 4],
         md5(g::text) || md5((g * 3)::text) || md5((g * 7)::text) || md5((g * 11)::text)
       FROM generate_series($1::bigint, $2::bigint) g`,
      [from, from + chunk - 1],
    );
    await client.query(`INSERT INTO event_tags SELECT g, 'tag-' || (g % 97) FROM generate_series($1::bigint, $2::bigint) g`, [from, from + chunk - 1]);
    const size = Number((await client.query<{ n: string }>('SELECT pg_database_size(current_database()) AS n')).rows[0].n);
    if (size >= mb * 1024 * 1024) return;
  }
}

export async function backupBenches(): Promise<Comparison[]> {
  const mb = Number(process.env.PHOENIX_BENCH_BACKUP_MB ?? 200);
  const root = mkdtempSync(join(tmpdir(), 'phoenix-bench-backup-'));
  const [pg, sandbox] = await Promise.all([startPostgres({ parentDir: root }), startSandboxProcess([])]);
  try {
    const c = pg.connection;
    const client = new Client({ host: c.host, port: c.port, user: c.user, password: c.password, database: c.database });
    await client.connect();
    const tGen = Date.now();
    await generate(client, mb);
    const size = Number((await client.query<{ n: string }>('SELECT pg_database_size(current_database()) AS n')).rows[0].n);
    await client.query('VACUUM ANALYZE');
    await client.end();
    console.log(`backup bench: database of ${humanBytes(size)} generated in ${((Date.now() - tGen) / 1000).toFixed(0)} s`);

    const database: PgSettings = { host: c.host, port: c.port, database: c.database, user: c.user, password: c.password, sslmode: 'disable', connectTimeoutMs: 10_000, statementTimeoutMs: 0 };
    const env = { ...process.env, PGHOST: c.host, PGPORT: String(c.port), PGUSER: c.user, PGPASSWORD: c.password, PGDATABASE: c.database };
    const cfg = loadKubeconfig({ kubeconfigEnv: sandbox.info.kubeconfigPath, extraFiles: [] }).configFor('phoenix-dev');
    if (!cfg.ok) throw new Error(cfg.message);
    const lister = new NamespaceObjectsClient('phoenix-dev', cfg.config, 10_000);
    const plainDump = join(root, 'plain.dump');
    const dumpPlain = () => run('pg_dump', ['--format=custom', `--file=${plainDump}`], { env });
    const backup = () =>
      writeBackup({ destination: join(root, 'backups'), context: 'phoenix-dev', namespace: 'phoenix-system', secrets: { mode: 'none' } }, { database, kube: { list: (k, ns, s) => lister.list(k, ns, s) }, cockpitVersion: 'bench' });

    // Warm the page cache once, then alternate so neither side always runs on a warmer machine.
    await dumpPlain();
    const ours: number[] = [];
    const theirs: number[] = [];
    let last: Awaited<ReturnType<typeof backup>> | undefined;
    for (let i = 0; i < 2; i++) {
      const b = await timed(backup);
      if (!b.value.ok) throw new Error(`backup failed: ${b.value.message}`);
      if (last?.ok) rmSync(last.dir, { recursive: true, force: true });
      last = b.value;
      ours.push(b.ms);
      theirs.push((await timed(dumpPlain)).ms);
    }
    if (!last?.ok) throw new Error('no backup');
    const m = last.manifest;
    const dumpSize = m.files.find((f) => f.role === 'database')?.size ?? 0;
    const rows = m.tables.reduce((n, t) => n + t.rows, 0);

    const verify = await timed(() => verifyBackup(last.dir));
    if (!verify.value.ok) throw new Error(`verify failed: ${verify.value.summary}`);
    const restore = await timed(() => testRestore(last.dir, m, { database }));
    if (!restore.value.verification.ok) throw new Error(`test restore failed: ${restore.value.verification.detail}`);
    const plainRestore = await timed(async () => {
      await run('createdb', ['--template=template0', 'plain_restore'], { env });
      try {
        await run('pg_restore', ['--dbname', 'plain_restore', '--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', plainDump], { env, maxBuffer: 1 << 26 });
      } finally {
        await run('dropdb', ['--force', 'plain_restore'], { env });
      }
    });
    const min = (xs: number[]) => Math.min(...xs);
    const load = `load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (2 cores)`;
    return [
      {
        name: `Backups: back up a ${humanBytes(size)} database`,
        ours: { label: 'cockpit backup (dump + counts + checksums + manifest)', ms: min(ours) },
        theirs: { label: 'pg_dump -Fc to a file', ms: min(theirs) },
        notes: [
          `dump ${humanBytes(dumpSize)} (plain: ${humanBytes(statSync(plainDump).size)}), ${m.tables.length} tables, ${rows.toLocaleString('en')} rows, ${m.resources.reduce((n, r) => n + r.count, 0)} resources; best of 2 each: cockpit ${ours.map((x) => (x / 1000).toFixed(2)).join(' / ')} s, pg_dump ${theirs.map((x) => (x / 1000).toFixed(2)).join(' / ')} s; goal ≤ 1.15×; ${load}`,
        ],
      },
      {
        name: 'Backups: verify (checksums, TOC, every row)',
        ours: { label: 'cockpit verify', ms: verify.ms },
        theirs: { label: 'the backup itself', ms: min(ours) },
        notes: [`${verify.value.summary}`],
      },
      {
        name: 'Backups: test restore into a scratch database',
        ours: { label: 'cockpit test restore (create, restore, count, drop)', ms: restore.ms },
        theirs: { label: 'createdb + pg_restore (same flags) + dropdb', ms: plainRestore.ms },
        notes: [`${restore.value.verification.detail}`],
      },
    ];
  } finally {
    await Promise.allSettled([pg.stop(), sandbox.stop()]);
    rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) runAlone(backupBenches);
