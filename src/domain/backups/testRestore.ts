// Test restore: the dump restored for real into a scratch database (<db>_verify_<time>) next to the live one,
// its rows per table counted and compared with the manifest, the scratch database dropped whatever happened.
// What a DBA would otherwise do by hand before trusting a backup at 3 a.m.
import { join } from 'node:path';
import { createDatabase, countRows, dropDatabase } from '../../clients/postgres/backupQueries';
import { findPgTool, missingToolHint, pgEnv, runPgTool, toolErrorText, toolVersion } from '../../clients/postgres/pgTools';
import { type PgSettings, withPg } from '../../clients/postgres/postgresClient';
import type { BackupManifest, Verification } from './backupManifest';
import { scratchDatabaseName } from './backupNames';
import { compareRows, majorVersion, mismatchText } from './dumpArchive';
import { compareFiles } from './fileChecks';
import { hashFile } from './backupFiles';

export interface TestRestoreOptions {
  database: PgSettings;
  postgresBinDir?: string;
  signal?: AbortSignal;
  now?: () => Date;
  onProgress?: (message: string) => void;
  /** pg_restore's process id once it runs (tests). */
  onRestoreStarted?: (pid: number) => void;
}

export interface TestRestoreReport {
  verification: Verification;
  scratchDatabase: string;
  /** Whether the scratch database is gone again (false only if dropping it failed: the report says so). */
  dropped: boolean;
  cancelled?: boolean;
}

export async function testRestore(dir: string, m: BackupManifest, opts: TestRestoreOptions): Promise<TestRestoreReport> {
  const now = opts.now ?? (() => new Date());
  const started = Date.now();
  const scratch = scratchDatabaseName(m.database.name, now());
  const say = (s: string) => opts.onProgress?.(s);
  const verification = (ok: boolean, detail: string): Verification => ({ kind: 'testRestore', at: now().toISOString(), ok, durationMs: Date.now() - started, detail });
  const fail = (detail: string): TestRestoreReport => ({ verification: verification(false, detail), scratchDatabase: scratch, dropped: true });

  const pgRestore = findPgTool('pg_restore', opts.postgresBinDir);
  if (!pgRestore) return fail(`pg_restore was not found. ${missingToolHint('pg_restore', opts.postgresBinDir)}`);
  const version = (await toolVersion(pgRestore, opts.signal)) ?? '';
  const need = majorVersion(m.database.pgDumpVersion);
  const have = majorVersion(version);
  if (need !== undefined && have !== undefined && have < need) return fail(`pg_restore ${version} is older than the pg_dump ${m.database.pgDumpVersion} that wrote the dump and cannot read it`);

  say('Checking the dump against its checksum');
  const dumpEntry = m.files.find((f) => f.path === m.database.file);
  const dumpPath = join(dir, m.database.file);
  const damaged = dumpEntry ? compareFiles([dumpEntry], new Map([[dumpEntry.path, await hashFile(dumpPath, opts.signal)]])) : [{ file: m.database.file, message: `${m.database.file} is not in the manifest` }];
  if (damaged.length) return fail(damaged[0].message);

  const admin = { ...opts.database, statementTimeoutMs: 0 };
  say(`Creating the scratch database ${scratch}`);
  const created = await withPg(admin, (c) => createDatabase(c, scratch), opts.signal);
  if (!created.ok) {
    const hint = created.error.code === '42501' ? ` — the user ${opts.database.user} needs CREATEDB to test-restore (ALTER ROLE ${opts.database.user} CREATEDB)` : '';
    return fail(`cannot create the scratch database ${scratch}: ${created.error.message}${hint}`);
  }
  let outcome: { ok: boolean; detail: string; cancelled?: boolean } = { ok: false, detail: 'the test restore did not finish' };
  let dropped: Awaited<ReturnType<typeof withPg<void>>>;
  try {
    outcome = await restoreAndCount(pgRestore, dumpPath, scratch, m, admin, opts);
  } finally {
    // Dropped whatever happened, cancel included: a scratch database left behind would fill the server.
    say(`Dropping ${scratch}`);
    dropped = await withPg(admin, (c) => dropDatabase(c, scratch));
  }
  const droppedNote = dropped.ok ? '' : ` (and ${scratch} could not be dropped: ${dropped.error.message} — drop it by hand)`;
  return {
    verification: verification(outcome.ok && dropped.ok, `${outcome.detail}${droppedNote}`),
    scratchDatabase: scratch,
    dropped: dropped.ok,
    ...(outcome.cancelled ? { cancelled: true } : {}),
  };
}

async function restoreAndCount(
  pgRestore: string,
  dumpPath: string,
  scratch: string,
  m: BackupManifest,
  admin: PgSettings,
  opts: TestRestoreOptions,
): Promise<{ ok: boolean; detail: string; cancelled?: boolean }> {
  opts.onProgress?.(`Restoring into ${scratch}`);
  const run = await runPgTool({
    path: pgRestore,
    args: ['--dbname', scratch, '--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', '--no-password', dumpPath],
    env: pgEnv({ ...opts.database, database: scratch }),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onRestoreStarted ? { onSpawn: opts.onRestoreStarted } : {}),
  });
  if (run.cancelled) return { ok: false, detail: 'cancelled', cancelled: true };
  if (run.code !== 0) return { ok: false, detail: `pg_restore failed into ${scratch}: ${toolErrorText(run.stderr)}` };
  opts.onProgress?.(`Counting rows in ${scratch}`);
  const counted = await withPg({ ...admin, database: scratch }, (c) => countRows(c, m.tables.map((t) => t.table)), opts.signal);
  if (!counted.ok) return { ok: false, detail: `cannot count the restored rows: ${counted.error.message}`, ...(counted.error.kind === 'cancelled' ? { cancelled: true } : {}) };
  const diff = compareRows(m.tables, counted.value);
  const rows = m.tables.reduce((n, t) => n + t.rows, 0);
  return diff.length ? { ok: false, detail: diff.map(mismatchText).slice(0, 3).join('; ') } : { ok: true, detail: `restored into ${scratch}: ${m.tables.length} tables, ${rows} rows match the manifest` };
}
