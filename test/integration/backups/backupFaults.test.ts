// A backup that cannot finish leaves nothing that looks like one: PostgreSQL stopped mid-dump, the user's Cancel
// (pg_dump gone within 1 s), a destination that cannot be written, a pg_dump older than the server. Each says
// what happened; the partial folder is removed. Real PostgreSQL 15 and pg_dump; the namespace from the simulator.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deleteBackup, listBackups, retentionPlans } from '../../../src/domain/backups/backupStore';
import { verifyBackup } from '../../../src/domain/backups/backupVerifier';
import { GUIDE_RETENTION } from '../../../src/domain/backups/retention';
import { writeBackup, type BackupEnvironment, type BackupProgress } from '../../../src/domain/backups/backupWriter';
import { startSandbox, type Sandbox } from '../../../sandbox/sandbox';
import { startPostgres, type PostgresService } from '../../../sandbox/services/postgresService';
import { alive, bigTable, crashBackup, exited, kubeLister, pgSettings } from './backupHarness';
import { waitFor } from '../../shared/waitFor';
import { PausingProxy } from './pausingProxy';

describe('backups that cannot finish', function () {
  this.timeout(120_000);
  let sandbox: Sandbox;
  let tmp: string;
  /** Shared by the tests that do not stop it. */
  let shared: PostgresService;

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'backup-faults-'));
    [sandbox, shared] = await Promise.all([startSandbox({ services: false, timeScale: 0.1 }), startPostgres({ parentDir: tmp })]);
    await bigTable(shared.connection, 'events', 60_000);
  });
  after(async () => {
    await Promise.all([sandbox?.stop(), shared?.stop()]);
    rmSync(tmp, { recursive: true, force: true });
  });

  const request = (destination: string) => ({ destination, context: 'phoenix-dev', namespace: 'phoenix-system', secrets: { mode: 'none' as const } });
  const environment = (pg: PostgresService, port: number, progress: BackupProgress[] = [], onDumpStarted?: (pid: number) => void) => ({
    database: pgSettings({ ...pg.connection, port }),
    kube: kubeLister(sandbox.info.kubeconfigPath),
    cockpitVersion: 'test',
    progressEveryMs: 50,
    onProgress: (p: BackupProgress) => progress.push(p),
    ...(onDumpStarted ? { onDumpStarted } : {}),
  });

  it('PostgreSQL stopped mid-dump: no complete backup, the partial one removed, pg_dump\'s reason given', async () => {
    const pg = await startPostgres({ parentDir: tmp });
    const proxy = await new PausingProxy({ host: pg.connection.host, port: pg.connection.port }, 1024 * 1024).start();
    try {
      // ~25 MB of COPY data: far more than the socket buffers between the server and the held-back proxy.
      await bigTable(pg.connection, 'events', 300_000);
      const destination = join(tmp, 'stopped');
      const progress: BackupProgress[] = [];
      const running = writeBackup(request(destination), environment(pg, proxy.port, progress));
      await proxy.paused; // pg_dump has received half a megabyte of COPY data and waits for more
      await waitFor('the dump to have written bytes', () => progress.some((p) => p.phase === 'dumping' && (p.bytes ?? 0) > 0));
      assert.equal(readdirSync(destination).length, 1, 'a partial folder exists while dumping');
      assert.match(readdirSync(destination)[0], /^\.partial-phoenix-dev_phoenix-system_\d{8}-\d{6}Z$/);
      await pg.stop();
      proxy.release();
      const r = await running;
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.equal(r.phase, 'dumping');
      assert.equal(r.cancelled, false);
      assert.match(r.message, /^pg_dump failed \(exit 1\): .*(server closed the connection unexpectedly|terminating connection|connection to server)/i);
      assert.equal(r.partialRemoved, true);
      assert.deepEqual(readdirSync(destination), [], 'nothing left behind');
      assert.deepEqual(await listBackups(destination), []);
    } finally {
      await proxy.stop();
      await pg.stop();
    }
  });

  it('Cancel mid-dump: pg_dump is gone within 1 s, the partial folder removed, "cancelled" said', async () => {
    const pg = shared;
    const proxy = await new PausingProxy({ host: pg.connection.host, port: pg.connection.port }, 1024 * 1024).start();
    try {
      const destination = join(tmp, 'cancelled');
      let pid = 0;
      const abort = new AbortController();
      const running = writeBackup(request(destination), environment(pg, proxy.port, [], (p) => (pid = p)), abort.signal);
      await proxy.paused;
      assert.ok(pid > 0 && alive(pid), 'pg_dump runs');
      const t0 = Date.now();
      abort.abort();
      await waitFor('pg_dump to exit', () => !alive(pid), 5000);
      const goneMs = Date.now() - t0;
      // The bound: SIGTERM ends pg_dump in milliseconds (SIGKILL follows at 500 ms), so 1 s is far above it.
      assert.ok(goneMs < 1000, `pg_dump gone ${goneMs} ms after Cancel`);
      const r = await running;
      assert.deepEqual(r, { ok: false, phase: 'dumping', cancelled: true, message: 'Cancelled while dumping the database', partialRemoved: true });
      assert.deepEqual(readdirSync(destination), []);
    } finally {
      proxy.release();
      await proxy.stop();
    }
  });

  // The namespace is read while pg_dump runs: when the read fails, the dump is stopped and the reason given is the
  // read's, never "cancelled" (nobody cancelled), whether the lister answers with an error or throws.
  for (const failure of ['answers forbidden', 'throws'] as const) {
    it(`the namespace read fails mid-dump (the lister ${failure}): pg_dump stopped, the read's reason given, nothing left`, async () => {
      const pg = shared;
      const proxy = await new PausingProxy({ host: pg.connection.host, port: pg.connection.port }, 1024 * 1024).start();
      try {
        const destination = join(tmp, `read-fails-${failure.replace(' ', '-')}`);
        let pid = 0;
        const real = kubeLister(sandbox.info.kubeconfigPath);
        const kube: BackupEnvironment['kube'] = {
          // Services fail once pg_dump holds half a megabyte it cannot pass on: the dump is surely running.
          list: async (kind, ns, signal) => {
            if (kind.resource !== 'services') return real.list(kind, ns, signal);
            await proxy.paused;
            if (failure === 'throws') throw new Error('socket hang up');
            return { ok: false, error: { kind: 'forbidden', message: 'services is forbidden for backup-reader', hint: 'Ask for list on services.', status: 403 } };
          },
        };
        const running = writeBackup(request(destination), { ...environment(pg, proxy.port, [], (p) => (pid = p)), kube });
        await proxy.paused;
        assert.ok(pid > 0, 'pg_dump started');
        const r = await running;
        proxy.release();
        assert.equal(r.ok, false);
        if (r.ok) return;
        assert.equal(r.cancelled, false, 'nobody cancelled');
        assert.equal(r.phase, 'resources');
        if (failure === 'throws') {
          assert.equal(r.message, 'socket hang up');
        } else {
          assert.equal(r.message, 'Cannot list Services in phoenix-system: services is forbidden for backup-reader');
          assert.equal(r.hint, 'Ask for list on services.');
        }
        assert.equal(r.partialRemoved, true);
        await waitFor('pg_dump to exit', () => !alive(pid), 5000);
        assert.deepEqual(readdirSync(destination), [], 'nothing left behind');
      } finally {
        proxy.release();
        await proxy.stop();
      }
    });
  }

  // The editor dies mid-backup (the extension host killed, the machine losing power): nothing cleans up, so the
  // folder left behind must never pass for a backup — listed as interrupted, kept out of retention, deletable — and
  // the backups made before it are untouched. pg_dump outlives its parent and finishes into the folder: still not one.
  it('the process dies mid-dump: the folder left is listed as incomplete, never as a backup; earlier backups untouched', async () => {
    const pg = shared;
    const destination = join(tmp, 'crashed');
    const earlier = await writeBackup(request(destination), environment(pg, pg.connection.port));
    assert.equal(earlier.ok, true, 'the earlier backup');
    if (!earlier.ok) return;
    const proxy = await new PausingProxy({ host: pg.connection.host, port: pg.connection.port }, 1024 * 1024).start();
    let dumpPid = 0;
    try {
      const crashed = await crashBackup({ destination, kubeconfigPath: sandbox.info.kubeconfigPath, connection: { ...pg.connection, port: proxy.port } }, async (pid) => {
        dumpPid = pid;
        await proxy.paused; // killed while pg_dump is mid-dump
      });
      const listed = async () => (await listBackups(destination)).map((e) => [e.kind, e.id]);
      const expected = [['partial', crashed.id], ['complete', earlier.manifest.id]].sort();
      assert.deepEqual((await listed()).sort(), expected);
      // pg_dump, orphaned, goes on and finishes its file: the folder still has no manifest and is still not a backup.
      proxy.release();
      await waitFor('the orphaned pg_dump to finish', () => exited(dumpPid), 60_000);
      assert.deepEqual((await listed()).sort(), expected);
      const entries = await listBackups(destination);
      const partial = entries.find((e) => e.kind === 'partial')!;
      assert.ok(readdirSync(partial.dir).includes('database.dump'), 'the orphan wrote its dump');
      assert.ok(!readdirSync(partial.dir).includes('manifest.json'), 'no manifest in the interrupted folder');
      // Retention never counts it (nor deletes it behind the user's back); the earlier backup still verifies.
      assert.deepEqual(retentionPlans(entries, GUIDE_RETENTION).flatMap((p) => p.decisions.map((d) => d.id)), [earlier.manifest.id]);
      const verified = await verifyBackup(earlier.dir);
      assert.equal(verified.ok, true, verified.summary);
      // The user deletes it from the view; the earlier backup stays.
      await deleteBackup(destination, partial.dir);
      assert.deepEqual(await listed(), [['complete', earlier.manifest.id]]);
    } finally {
      proxy.release();
      if (dumpPid && !exited(dumpPid)) process.kill(dumpPid, 'SIGKILL');
      await proxy.stop();
    }
  });

  it('a destination that cannot be written: says so before dumping anything', async () => {
    const pg = shared;
    {
      // root writes anywhere: a file in the way of the destination folder makes it unwritable for everyone.
      const blocked = join(tmp, 'a-file');
      writeFileSync(blocked, 'not a folder');
      const r = await writeBackup(request(join(blocked, 'backups')), environment(pg, pg.connection.port));
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.equal(r.phase, 'preparing');
      assert.match(r.message, /^The destination .*a-file\/backups is not writable \((ENOTDIR|EEXIST)\)$/);
      assert.match(r.hint ?? '', /phoenixOps\.backups\.destination/);
      if (process.getuid?.() !== 0) {
        const readOnly = join(tmp, 'read-only');
        mkdirSync(readOnly);
        chmodSync(readOnly, 0o500);
        const r2 = await writeBackup(request(readOnly), environment(pg, pg.connection.port));
        assert.equal(!r2.ok && r2.phase, 'preparing');
        chmodSync(readOnly, 0o700);
      }
    }
  });

  it('a pg_dump older than the server: a clear error naming both versions, nothing written', async () => {
    const pg = shared;
    {
      // A stand-in pg_dump that reports an older version (the real one is 15, like the server).
      const bin = join(tmp, 'old-bin');
      mkdirSync(bin, { recursive: true });
      writeFileSync(join(bin, 'pg_dump'), '#!/bin/sh\necho "pg_dump (PostgreSQL) 12.19"\n', { mode: 0o755 });
      writeFileSync(join(bin, 'pg_restore'), '#!/bin/sh\necho "pg_restore (PostgreSQL) 12.19"\n', { mode: 0o755 });
      const destination = join(tmp, 'old');
      const r = await writeBackup(request(destination), { ...environment(pg, pg.connection.port), postgresBinDir: bin });
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.equal(r.phase, 'preparing');
      assert.match(r.message, /^pg_dump 12\.19 is older than the server \(PostgreSQL 15\.\d+.*\) and cannot dump it$/);
      assert.match(r.hint ?? '', /postgresql-client-15/);
      assert.deepEqual(readdirSync(destination), []);
      const missing = await writeBackup(request(destination), { ...environment(pg, pg.connection.port), postgresBinDir: join(tmp, 'nowhere') });
      assert.equal(!missing.ok && missing.message, 'pg_dump was not found');
    }
  });
});
