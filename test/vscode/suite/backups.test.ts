// Backups inside a real extension host against the sandbox: Back Up from a namespace (the command the Clusters
// view's menu runs), the Backups view's rows as the workbench renders them, Verify recorded in the manifest and the
// view, read-only mode (backups still allowed, test restores blocked), and Restore preparing the guided runbook
// whose session has the backup's parameters and whose first step checks the backup.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { BackupResult } from '../../../src/domain/backups/backupWriter';
import type { VerifyReport } from '../../../src/domain/backups/backupVerifier';
import type { CockpitApi } from '../../../src/vscode/cockpitApi';
import { waitFor } from '../../shared/waitFor';
import { auditLines, kubectlIn } from './sandboxKubectl';
import { rows } from './treeRows';

const EXTENSION_ID = 'phoenix-ops.phoenix-ops-cockpit';

const config = () => vscode.workspace.getConfiguration('phoenixOps');
const namespaceNode = { kind: 'namespace', id: 'ns:phoenix-dev/phoenix-system', context: 'phoenix-dev', name: 'phoenix-system' };

describe('Backups (extension host, sandbox)', function () {
  this.timeout(120_000);
  let cockpit: CockpitApi;

  before(async () => {
    const ext = vscode.extensions.getExtension<CockpitApi>(EXTENSION_ID);
    assert.ok(ext);
    cockpit = await ext.activate();
    const password = process.env.PHOENIX_SANDBOX_PG_PASSWORD;
    assert.ok(password, 'run through out/test/vscode/run.js, which passes the sandbox database password');
    await vscode.commands.executeCommand('phoenixOps.setDatabasePassword', password);
    await vscode.commands.executeCommand('phoenixOps.backups.focus');
  });
  afterEach(async () => {
    if (config().inspect('readOnly')?.workspaceValue !== undefined) await config().update('readOnly', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('backs up a namespace and its database into the destination, shown in the Backups view', async () => {
    const r = await vscode.commands.executeCommand<BackupResult>('phoenixOps.backUp', namespaceNode, { secrets: 'none' });
    assert.ok(r?.ok, r && !r.ok ? `${r.phase}: ${r.message}` : 'no result');
    assert.ok(r.dir.startsWith(cockpit.backupsDestination()), `${r.dir} is in ${cockpit.backupsDestination()}`);
    const row = await waitFor('the backup in the view', async () => (await rows(cockpit.backupsTree)).find((x) => x.contextValue === 'backup.never'));
    assert.match(row.label, /^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    assert.match(row.description, /^phoenix-dev\/phoenix-system · [\d.]+ (KiB|MiB) · never verified · just now$/);
    const details = await rows(cockpit.backupsTree, row.node);
    assert.deepEqual(details.map((d) => d.label), ['Database phoenix', 'Resources', 'Secrets', 'Never verified']);
    assert.match(details[0].description, /^4 tables · \d+ rows · /);
    // As many Deployments as the namespace has (real kubectl counts them).
    const deployments = (await kubectlIn('phoenix-system', 'get', 'deployments', '-o', 'name')).split('\n').filter(Boolean).length;
    assert.match(details[1].description, new RegExp(`(^| )${deployments} Deployment( |$)`));
    assert.equal(details[2].description, 'not included');
  });

  it('Verify records its result in the manifest and the row says "verified just now ✓"', async () => {
    const row = (await rows(cockpit.backupsTree)).find((x) => x.contextValue?.startsWith('backup.'));
    assert.ok(row);
    const report = await vscode.commands.executeCommand<VerifyReport>('phoenixOps.verifyBackup', row.node);
    assert.equal(report?.ok, true, report?.summary);
    const verified = await waitFor('the verified row', async () => (await rows(cockpit.backupsTree)).find((x) => x.contextValue === 'backup.verified'));
    assert.match(verified.description, /verified just now ✓/);
    assert.equal(verified.icon, 'pass-filled');
    const dir = (row.node as { entry: { dir: string } }).entry.dir;
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { verifications: Array<{ kind: string; ok: boolean }> };
    assert.deepEqual(manifest.verifications.map((v) => [v.kind, v.ok]), [['verify', true]]);
  });

  it('read-only mode: a backup (it only reads) is allowed, a test restore (it creates a database) and a delete are blocked', async () => {
    await config().update('readOnly', true, vscode.ConfigurationTarget.Workspace);
    const row = (await rows(cockpit.backupsTree)).find((x) => x.contextValue?.startsWith('backup.'));
    assert.ok(row);
    const since = new Date().toISOString();
    const blocked = await vscode.commands.executeCommand('phoenixOps.testRestoreBackup', row.node);
    assert.equal(blocked, undefined);
    assert.equal(await vscode.commands.executeCommand('phoenixOps.deleteBackup', row.node), false);
    const dir = (row.node as { entry: { dir: string } }).entry.dir;
    assert.ok(existsSync(join(dir, 'manifest.json')), 'the backup is still there');
    const audited = auditLines(cockpit.auditFile);
    for (const action of ['test restore backup', 'delete backup']) {
      assert.ok(audited.some((l) => l.time >= since && l.action === action && l.outcome === 'blocked'), `${action} audited as blocked`);
    }
    const r = await vscode.commands.executeCommand<BackupResult>('phoenixOps.backUp', namespaceNode, { secrets: 'none' });
    assert.equal(r?.ok, true);
  });

  it('read-only mode: Apply Retention shows its plan but deletes nothing, audited as blocked', async () => {
    // Three backups of one day: the daily bucket keeps the newest, the verified one stays, so the middle one is due.
    const r = await vscode.commands.executeCommand<BackupResult>('phoenixOps.backUp', namespaceNode, { secrets: 'none' });
    assert.equal(r?.ok, true);
    await config().update('readOnly', true, vscode.ConfigurationTarget.Workspace);
    const dirs = (await rows(cockpit.backupsTree)).filter((x) => x.contextValue?.startsWith('backup.')).map((x) => (x.node as { entry: { dir: string } }).entry.dir);
    assert.ok(dirs.length >= 3, `${dirs.length} backups`);
    const since = new Date().toISOString();
    assert.equal(await vscode.commands.executeCommand('phoenixOps.applyBackupRetention'), undefined, 'retention did not run');
    const record = auditLines(cockpit.auditFile).find((l) => l.time >= since && l.action === 'apply backup retention');
    assert.equal(record?.outcome, 'blocked', JSON.stringify(record));
    assert.match(record?.detail ?? '', /^Read-only mode is on: /);
    assert.ok(!auditLines(cockpit.auditFile).some((l) => l.time >= since && l.action === 'delete backup (retention)'), 'no deletion audited');
    for (const dir of dirs) assert.ok(existsSync(join(dir, 'manifest.json')), `${dir} is still there`);
    assert.match(vscode.window.activeTextEditor?.document.getText() ?? '', /^# Retention plan[\s\S]*\*\*delete\*\*/, 'the plan it would apply is open');
  });

  it('Restore prepares the guided restore: a runbook whose session has the backup\'s parameters, its check step passing', async () => {
    await vscode.commands.executeCommand('phoenixOps.selectNamespace', namespaceNode);
    const row = (await rows(cockpit.backupsTree)).find((x) => x.contextValue === 'backup.verified');
    assert.ok(row);
    const uri = await vscode.commands.executeCommand<vscode.Uri>('phoenixOps.restoreBackup', row.node);
    assert.ok(uri);
    const editor = await waitFor('the restore runbook', () => (vscode.window.activeNotebookEditor?.notebook.uri.toString() === uri.toString() ? vscode.window.activeNotebookEditor : undefined));
    const cells = editor.notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code);
    assert.equal(cells.length, 9);
    assert.equal(cells[0].document.getText().trim(), 'backup check');
    const first = cells[0];
    await vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: first.index, end: first.index + 1 }], document: editor.notebook.uri });
    await waitFor('the check step to finish', () => first.executionSummary?.timing?.endTime, 60_000);
    const text = first.outputs.flatMap((o) => o.items.map((i) => new TextDecoder().decode(i.data))).join('\n');
    assert.equal(first.executionSummary?.success, true, text);
    assert.match(text, /checksums match/);
    const session = cockpit.runbookSession(uri);
    const dir = (row.node as { entry: { dir: string } }).entry.dir;
    assert.equal(session?.parameters.BACKUP_DIR, dir);
    assert.equal(session?.parameters.BACKUP_NAMESPACE, 'phoenix-system');
    assert.deepEqual(session?.transcript.map((e) => (e as { step: string; outcome: string }).step), ['check-backup']);
  });
});
