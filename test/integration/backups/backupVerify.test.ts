// A complete backup of the sandbox's phoenix-system and database, then what a DBA checks: verify (checksums, the
// archive's TOC, every row streamed), a flipped byte named by file, a test restore into a scratch database that is
// dropped again, sealed secrets that only the right passphrase opens, and the manifest recording each result.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { buildManifest, manifestText, parseManifest } from '../../../src/domain/backups/backupManifest';
import { listBackups, recordVerification } from '../../../src/domain/backups/backupStore';
import { verifyBackup } from '../../../src/domain/backups/backupVerifier';
import { type BackupProgress, writeBackup } from '../../../src/domain/backups/backupWriter';
import { openEnvelope, parseEnvelope } from '../../../src/domain/backups/secretBox';
import { testRestore } from '../../../src/domain/backups/testRestore';
import { startSandbox, type Sandbox } from '../../../sandbox/sandbox';
import { kubeLister, pgSettings, sql } from './backupHarness';

describe('a backup of the sandbox, verified and test-restored', function () {
  this.timeout(180_000);
  let sandbox: Sandbox;
  let destination: string;
  let dir: string;
  const passphrase = 'phoenix restore drill 3am';

  before(async () => {
    sandbox = await startSandbox({ timeScale: 0.1 });
    destination = mkdtempSync(join(tmpdir(), 'backup-verify-'));
  });
  after(async () => {
    await sandbox?.stop();
    rmSync(destination, { recursive: true, force: true });
  });

  const pg = () => sandbox.info.postgres!;
  const env = (progress: BackupProgress[] = []) => ({ database: pgSettings(pg()), kube: kubeLister(sandbox.info.kubeconfigPath), cockpitVersion: '0.1.0-test', onProgress: (p: BackupProgress) => progress.push(p) });

  it('backs up the database and the namespace into one folder, manifest last, complete: true', async () => {
    const progress: BackupProgress[] = [];
    const r = await writeBackup({ destination, context: 'phoenix-dev', namespace: 'phoenix-system', secrets: { mode: 'passphrase', passphrase } }, env(progress));
    assert.ok(r.ok, r.ok ? '' : `${r.phase}: ${r.message}`);
    dir = r.dir;
    assert.deepEqual(readdirSync(destination), [r.manifest.id], 'only the finished folder, no partial left');
    assert.match(r.manifest.id, /^phoenix-dev_phoenix-system_\d{8}-\d{6}Z$/);
    // Every phase reported (the namespace is read while the database dumps), preparing first and finishing last.
    const phases = [...new Set(progress.map((p) => p.phase))];
    assert.deepEqual([...phases].sort(), ['checksums', 'dumping', 'finishing', 'preparing', 'resources']);
    assert.deepEqual([phases[0], phases[phases.length - 1]], ['preparing', 'finishing']);
    assert.ok(progress.some((p) => p.phase === 'dumping' && (p.bytes ?? 0) > 0), 'the bytes written are reported');
    const m = r.manifest;
    assert.equal(m.complete, true);
    assert.equal(m.context, 'phoenix-dev');
    assert.equal(m.database.name, 'phoenix');
    assert.match(m.database.serverVersion, /^15\./);
    assert.match(m.database.pgDumpVersion, /^15\./);
    // Rows per table as counted in pg_dump's snapshot, and tasks are being written meanwhile by the agents.
    const tables = Object.fromEntries(m.tables.map((t) => [t.table, t.rows]));
    assert.deepEqual(Object.keys(tables).sort(), ['public.agents', 'public.experiments', 'public.pipeline_deployments', 'public.tasks']);
    assert.equal(tables['public.agents'], 3);
    assert.ok(tables['public.tasks'] > 0);
    // Resources per kind (the seeded phoenix-system), kube-root-ca.crt left out.
    const kinds = Object.fromEntries(m.resources.map((k) => [k.kind, k.count]));
    assert.deepEqual(kinds, {
      ConfigMap: 1, CronJob: 1, DaemonSet: 0, Deployment: 9, HorizontalPodAutoscaler: 1, Ingress: 3, Job: 0, PersistentVolumeClaim: 1,
      PodDisruptionBudget: 1, Role: 1, RoleBinding: 1, Service: 10, ServiceAccount: 1, StatefulSet: 0,
    });
    // Files: sizes and checksums as sha256sum sees them.
    for (const f of m.files) assert.equal(statSync(join(dir, f.path)).size, f.size, f.path);
    const check = execFileSync('sha256sum', ['--check', 'SHA256SUMS'], { cwd: dir }).toString();
    assert.equal(check.trim().split('\n').filter((l) => l.endsWith(': OK')).length, m.files.length);
    assert.ok(parseManifest(readFileSync(join(dir, 'manifest.json'), 'utf8')).ok);
  });

  it('keeps re-appliable YAML: no status, uid, resourceVersion or managedFields', () => {
    const text = readFileSync(join(dir, 'resources', 'deployments.yaml'), 'utf8');
    const docs = parseAllDocuments(text).map((d) => d.toJS() as Record<string, unknown>);
    assert.equal(docs.length, 9);
    for (const key of ['status:', 'uid:', 'resourceVersion:', 'managedFields:', 'creationTimestamp:', 'deployment.kubernetes.io/revision']) assert.ok(!text.includes(key), key);
    assert.deepEqual(docs.map((d) => (d.metadata as { name: string }).name), ['analytics', 'api-gateway-blue', 'api-gateway-green', 'controller', 'dashboard', 'generator', 'platform-api', 'platform-api-canary', 'postgres']);
    const services = readFileSync(join(dir, 'resources', 'services.yaml'), 'utf8');
    assert.ok(!/clusterIP/.test(services), 'allocated cluster IPs are not kept');
    const pvc = readFileSync(join(dir, 'resources', 'persistentvolumeclaims.yaml'), 'utf8');
    assert.ok(!/volumeName/.test(pvc) && /storage: 20Gi/.test(pvc));
  });

  it('never writes a Secret in clear; the right passphrase opens them, a wrong one says so', async () => {
    const m = parseManifest(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    assert.ok(m.ok);
    assert.deepEqual(m.value.secrets, { included: true, count: 2, file: 'secrets.enc.json', encryption: 'passphrase', names: ['db-credentials', 'phoenix-tls'] });
    // The seeded secret values appear nowhere in the backup, neither in clear nor base64.
    const secretValue = 'sandbox-dev-phoenix-system-db-password';
    for (const f of [...m.value.files.map((x) => x.path), 'manifest.json']) {
      const bytes = readFileSync(join(dir, f));
      assert.ok(!bytes.includes(secretValue) && !bytes.includes(Buffer.from(secretValue).toString('base64')), f);
    }
    const envelope = parseEnvelope(readFileSync(join(dir, 'secrets.enc.json'), 'utf8'));
    assert.ok(envelope.ok);
    const aad = `${m.value.id}/secrets.enc.json`;
    const opened = await openEnvelope(envelope.value, { passphrase }, aad);
    assert.ok(opened.ok);
    const secrets = parseAllDocuments(opened.value.toString('utf8')).map((d) => d.toJS() as { metadata: { name: string }; data: Record<string, string> });
    assert.deepEqual(secrets.map((s) => s.metadata.name), ['db-credentials', 'phoenix-tls']);
    assert.equal(Buffer.from(secrets[0].data.password, 'base64').toString(), secretValue);
    const wrong = await openEnvelope(envelope.value, { passphrase: 'phoenix restore drill 4am' }, aad);
    assert.equal(!wrong.ok && wrong.error, 'the passphrase is wrong (or the sealed file was changed): decryption failed its authentication check');
  });

  it('verify: checksums, the archive and every row match; the result goes into the manifest', async () => {
    const report = await verifyBackup(dir);
    assert.equal(report.ok, true, report.summary);
    assert.match(report.summary, /^\d+ files, 4 tables \(\d+ rows\) and 30 resources match the manifest$/);
    const m = await recordVerification(dir, { kind: 'verify', at: new Date().toISOString(), ok: true, durationMs: report.durationMs, detail: report.summary });
    assert.equal(m.verifications.length, 1);
    const [entry] = await listBackups(destination);
    assert.equal(entry.kind === 'complete' && entry.manifest.verifications[0]?.detail, report.summary);
  });

  it('a flipped byte: verify names the file (and only that file)', async () => {
    const copy = join(destination, 'flipped');
    execFileSync('cp', ['-a', dir, copy]);
    const dump = join(copy, 'database.dump');
    const bytes = readFileSync(dump);
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    writeFileSync(dump, bytes);
    const report = await verifyBackup(copy);
    assert.equal(report.ok, false);
    assert.deepEqual(report.problems.map((p) => p.file), ['database.dump']);
    assert.match(report.summary, /^database\.dump has changed: its sha256 is [0-9a-f]{12}…, the manifest says [0-9a-f]{12}…$/);

    // A changed ConfigMap file, and a file the manifest does not know.
    execFileSync('cp', [join(dir, 'database.dump'), dump]);
    writeFileSync(join(copy, 'resources', 'configmaps.yaml'), readFileSync(join(copy, 'resources', 'configmaps.yaml'), 'utf8').replace('LOG_LEVEL: debug', 'LOG_LEVEL: trace'));
    writeFileSync(join(copy, 'notes.txt'), 'hello');
    const second = await verifyBackup(copy);
    assert.deepEqual(second.problems.map((p) => p.file), ['resources/configmaps.yaml', 'notes.txt']);
    rmSync(copy, { recursive: true });
  });

  it('verify reads every row: a dump whose data differs from the counts (same checksum rewritten) is caught', async () => {
    // A manifest that claims one more task than the dump holds (re-sealed with a valid integrity checksum).
    const copy = join(destination, 'miscounted');
    execFileSync('cp', ['-a', dir, copy]);
    const m = parseManifest(readFileSync(join(copy, 'manifest.json'), 'utf8'));
    assert.ok(m.ok);
    const { format: _f, integrity: _i, complete: _c, verifications: _v, ...body } = m.value;
    const tables = body.tables.map((t) => (t.table === 'public.tasks' ? { ...t, rows: t.rows + 1 } : t));
    writeFileSync(join(copy, 'manifest.json'), manifestText(buildManifest({ ...body, tables })));
    const report = await verifyBackup(copy);
    assert.deepEqual(report.problems.map((p) => p.message), [`database.dump: public.tasks: ${tables.find((t) => t.table === 'public.tasks')!.rows - 1} rows, the backup has ${tables.find((t) => t.table === 'public.tasks')!.rows}`]);
    rmSync(copy, { recursive: true });
  });

  it('test restore: into <db>_verify_<time>, rows compared with the manifest, the scratch database dropped', async () => {
    const m = parseManifest(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    assert.ok(m.ok);
    const seen: string[] = [];
    const report = await testRestore(dir, m.value, { database: pgSettings(pg()), onProgress: (s) => seen.push(s) });
    assert.equal(report.verification.ok, true, report.verification.detail);
    assert.match(report.scratchDatabase, /^phoenix_verify_\d{14}$/);
    assert.match(report.verification.detail, /^restored into phoenix_verify_\d{14}: 4 tables, \d+ rows match the manifest$/);
    assert.equal(report.dropped, true);
    assert.ok(seen.some((s) => s.startsWith('Restoring into phoenix_verify_')));
    const left = await sql(pg(), `SELECT datname FROM pg_database WHERE datname LIKE 'phoenix_verify_%'`);
    assert.deepEqual(left, [], 'no scratch database left');
    const recorded = await recordVerification(dir, report.verification);
    assert.deepEqual(recorded.verifications.map((v) => [v.kind, v.ok]), [['verify', true], ['testRestore', true]]);
  });
});
