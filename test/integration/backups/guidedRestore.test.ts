// The guided restore end to end against the sandbox (real PostgreSQL, pg_restore and kubectl against the simulator):
// back up → verify → change rows, a ConfigMap, a Secret and a replica count → run the generated runbook top to bottom
// → the rows, the ConfigMap and the Secret are back, every deployment runs at the count saved before the restore,
// and the destructive steps asked first. Also: a restore refuses a cockpit pointed at another context or database.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { verifyBackup } from '../../../src/domain/backups/backupVerifier';
import { writeBackup } from '../../../src/domain/backups/backupWriter';
import { type ResourceChoice, restoreActions } from '../../../src/domain/backups/restoreActions';
import { RESTORE_STEPS, restoreParameters, restoreRunbook } from '../../../src/domain/backups/restoreRunbook';
import { newKey } from '../../../src/domain/backups/secretBox';
import { executorKindOf } from '../../../src/domain/runbook/cellLanguages';
import { cellOptions, parseFenceInfo } from '../../../src/domain/runbook/cellAttributes';
import { parseRunbook } from '../../../src/domain/runbook/runbookDocument';
import { startSandbox, type Sandbox } from '../../../sandbox/sandbox';
import { capture, runbookHarness } from '../runbooks/runbookHarness';
import { kubeLister, pgSettings, sql } from './backupHarness';
import { waitFor } from '../../shared/waitFor';

const NS = 'phoenix-system';

describe('the guided restore, run top to bottom against the sandbox', function () {
  this.timeout(300_000);
  let sandbox: Sandbox;
  let tmp: string;
  const key = newKey();

  before(async () => {
    sandbox = await startSandbox({ timeScale: 0.1 });
    tmp = mkdtempSync(join(tmpdir(), 'guided-restore-'));
  });
  after(async () => {
    await sandbox?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  const pg = () => sandbox.info.postgres!;
  const kubectl = async (...args: string[]) =>
    (await promisify(execFile)('kubectl', [`--kubeconfig=${sandbox.info.kubeconfigPath}`, '--context=phoenix-dev', '-n', NS, ...args], { env: { ...process.env, HOME: tmp }, timeout: 60_000 })).stdout;
  const replicas = async (): Promise<Record<string, string>> => Object.fromEntries((await kubectl('get', 'deployments', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.spec.replicas}/{.status.readyReplicas}{"\\n"}{end}')).trim().split('\n').map((l) => l.split('=')));
  const rowsOf = async (table: string) => Number((await sql(pg(), `SELECT count(*) AS n FROM ${table}`))[0].n);

  function restoreSession(backup: { dir: string; manifest: { id: string; database: { file: string } } }, choose: (items: ResourceChoice[]) => string[] | undefined) {
    const restoreDir = join(tmp, `restore-${Date.now()}`);
    mkdirSync(restoreDir);
    const chooserSaw: ResourceChoice[][] = [];
    const h = runbookHarness(sandbox, {
      runbook: 'restore.runbook.md',
      cwd: restoreDir,
      defaultTimeoutMs: 120_000,
      cockpitActions: () =>
        restoreActions({
          choose: (items) => (chooserSaw.push(items), Promise.resolve(choose(items))),
          unsealer: () => Promise.resolve({ key }),
        }),
    });
    const params = restoreParameters({ id: backup.manifest.id, dir: backup.dir, dumpFile: backup.manifest.database.file, context: 'phoenix-dev', namespace: NS, database: { host: pg().host, port: pg().port, name: pg().database }, restoreDir });
    for (const [k, v] of Object.entries(params)) h.session.setParameter(k, v);
    return { h, chooserSaw, restoreDir };
  }

  /** Runs the steps in order until one does not succeed; `after(name)` runs after each step (checks mid-restore). */
  async function runAll(h: ReturnType<typeof runbookHarness>, text: string, after?: (name: string) => Promise<void>) {
    const cells = parseRunbook(text).cells.filter((c) => c.kind === 'code' && executorKindOf(c.language));
    const results: Array<{ name: string; outcome: string; out: string }> = [];
    for (const [index, cell] of cells.entries()) {
      const name = cellOptions(parseFenceInfo(cell.info).attributes).options.name ?? '';
      const out = capture();
      const r = await h.session.runStep({ runbook: 'restore.runbook.md', index, text: cell.value, language: cell.language, info: cell.info }, new AbortController().signal, out);
      results.push({ name, outcome: r.outcome, out: out.all() });
      if (r.outcome !== 'succeeded') break;
      await after?.(name);
    }
    return results;
  }

  it('brings back the rows, the ConfigMap and the Secret, and the saved replica counts', async () => {
    const backup = await writeBackup(
      { destination: join(tmp, 'backups'), context: 'phoenix-dev', namespace: NS, secrets: { mode: 'key', key } },
      { database: pgSettings(pg()), kube: kubeLister(sandbox.info.kubeconfigPath), cockpitVersion: 'test' },
    );
    assert.ok(backup.ok, backup.ok ? '' : backup.message);
    assert.equal((await verifyBackup(backup.dir)).ok, true);
    const rows = Object.fromEntries(backup.manifest.tables.map((t) => [t.table, t.rows]));

    // The incident: rows lost and added, config edited, a Secret deleted — and analytics scaled up meanwhile.
    await sql(pg(), `DELETE FROM tasks WHERE id IN (SELECT id FROM tasks ORDER BY id LIMIT 5)`);
    await sql(pg(), `INSERT INTO agents (host_id, version) VALUES ('agent-intruder', '0.0.1')`);
    await kubectl('patch', 'configmap', 'phoenix-config', '--type=merge', '-p', '{"data":{"LOG_LEVEL":"trace","NEW_FLAG":"on"}}');
    await kubectl('delete', 'secret', 'db-credentials');
    await kubectl('scale', 'deployment', 'analytics', '--replicas=3');
    await waitFor('analytics at 3 ready', async () => (await replicas()).analytics === '3/3');
    const before = await replicas();
    assert.notEqual(await rowsOf('agents'), rows['public.agents']);

    const { h, chooserSaw, restoreDir } = restoreSession(backup, (items) => items.filter((i) => i.state === 'changed' || i.state === 'missing' || i.id === 'Secret/db-credentials').map((i) => i.id));
    const text = restoreRunbook('phoenix-dev');
    const results = await runAll(h, text, async (step) => {
      // Scaled to 0, the platform API has no pod to answer: nothing writes to the database during the restore.
      if (step === 'scale-to-zero') assert.equal((await fetch(`${sandbox.info.platformApiUrl}/api/v1/experiments`)).status, 503);
      if (step !== 'compare-rows') return;
      // Mid-restore (the platform still at 0, nothing writing): the rows are the backup's, the intruder gone.
      for (const [table, n] of Object.entries(rows)) assert.equal(await rowsOf(table.replace('public.', '')), n, table);
      assert.deepEqual(await sql(pg(), `SELECT host_id FROM agents WHERE host_id = 'agent-intruder'`), []);
    });
    const failed = results.find((r) => r.outcome !== 'succeeded');
    assert.equal(failed, undefined, failed && `${failed.name} ${failed.outcome}:\n${failed.out}`);
    assert.deepEqual(results.map((r) => r.name), [...RESTORE_STEPS]);

    // The chooser saw the edited ConfigMap as changed (and where); replica counts (all 0 mid-restore) are not compared.
    const items = chooserSaw[0];
    const state = (id: string) => items.find((i) => i.id === id);
    assert.equal(state('ConfigMap/phoenix-config')?.state, 'changed');
    assert.deepEqual(state('ConfigMap/phoenix-config')?.changed, ['data.LOG_LEVEL', 'data.NEW_FLAG']);
    assert.equal(state('Deployment/analytics')?.state, 'same');
    assert.equal(state('Deployment/platform-api')?.state, 'same');
    assert.equal(state('Service/platform-api')?.state, 'same');
    assert.equal(state('Secret/db-credentials')?.state, 'sealed');
    assert.match(results.find((r) => r.name === 'choose-resources')!.out, /ConfigMap\/phoenix-config\s+changed since the backup\s+data\.LOG_LEVEL, data\.NEW_FLAG/);

    // Writing again once the platform is back: the agents poll and report tasks.
    await waitFor('the platform API to answer again', async () => (await fetch(`${sandbox.info.platformApiUrl}/health`)).status === 200);
    // The ConfigMap and the Secret as backed up.
    const cm = JSON.parse(await kubectl('get', 'configmap', 'phoenix-config', '-o', 'json')) as { data: Record<string, string> };
    assert.equal(cm.data.LOG_LEVEL, 'debug');
    // As with kubectl apply by hand: a key added outside apply (NEW_FLAG, by a patch) is not apply's to remove.
    assert.equal(cm.data.NEW_FLAG, 'on');
    const secret = JSON.parse(await kubectl('get', 'secret', 'db-credentials', '-o', 'json')) as { data: Record<string, string> };
    assert.equal(Buffer.from(secret.data.password, 'base64').toString(), 'sandbox-dev-phoenix-system-db-password');
    // Every deployment at the count it had when the restore started, available.
    const after = await replicas();
    for (const [name, was] of Object.entries(before)) assert.equal(after[name]?.split('/')[0], was.split('/')[0], name);
    assert.equal(after.analytics, '3/3');
    // Destructive steps asked; the changing ones went through the gate (saving the replica counts writes files;
    // scaling back to counts read from a file may scale to 0, so it asks too).
    const asked = h.gateRequests.filter((g) => g.safety.kind !== 'readOnly').map((g) => `${g.label}: ${g.safety.kind}`);
    assert.deepEqual(asked, ['save-replicas: mutating', 'scale-to-zero: destructive', 'restore-database: destructive', 'apply-resources: mutating', 'scale-back: destructive']);
    // Every step is in the transcript (the incident timeline).
    assert.deepEqual(h.session.transcript.map((e) => `${e.step} ${e.outcome}`), RESTORE_STEPS.map((s) => `${s} succeeded`));
    assert.ok(restoreDir);
    h.session.dispose();
  });

  it('refuses to run on another context, and to restore into another database', async () => {
    const backup = await writeBackup(
      { destination: join(tmp, 'backups-2'), context: 'phoenix-dev', namespace: NS, secrets: { mode: 'none' } },
      { database: pgSettings(pg()), kube: kubeLister(sandbox.info.kubeconfigPath), cockpitVersion: 'test' },
    );
    assert.ok(backup.ok);
    const { h } = restoreSession(backup, () => []);
    h.selection.context = 'phoenix-prod';
    const onProd = await runAll(h, restoreRunbook('phoenix-dev'));
    assert.deepEqual(onProd.map((r) => [r.name, r.outcome]), [['check-backup', 'refused']]);
    assert.match(onProd[0].out, /This step runs only on context phoenix-dev; the cockpit's selected context is phoenix-prod/);

    h.selection.context = 'phoenix-dev';
    h.session.setParameter('BACKUP_DATABASE', `${pg().host}:${pg().port}/elsewhere`);
    const elsewhere = await runAll(h, restoreRunbook('phoenix-dev'));
    assert.equal(elsewhere[0].outcome, 'failed');
    assert.match(elsewhere[0].out, /the cockpit's database is 127\.0\.0\.1:\d+\/phoenix, the backup is of 127\.0\.0\.1:\d+\/elsewhere/);
    // The database step itself refuses too, if run on its own.
    const restoreCell = parseRunbook(restoreRunbook('phoenix-dev')).cells.find((c) => c.info.includes('"restore-database"'))!;
    const out = capture();
    const r = await h.session.runStep({ runbook: 'restore.runbook.md', index: 3, text: restoreCell.value, language: 'sh', info: restoreCell.info }, new AbortController().signal, out);
    assert.equal(r.outcome, 'failed');
    assert.match(out.all(), /this backup is of 127\.0\.0\.1:\d+\/elsewhere\. Point phoenixOps\.database\.\* at it first\./);
    h.session.dispose();
  });
});
