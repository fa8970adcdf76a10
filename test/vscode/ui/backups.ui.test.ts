// UI: an on-call DBA backs up phoenix-system from the Clusters tree (asked about Secrets, progress shown), finds the
// backup in the Backups view ("never verified"), verifies it from its row ("verified just now ✓"), then — after
// someone edits a ConfigMap — runs the guided restore in the notebook: confirms the destructive steps, chooses the
// changed ConfigMap in the resource picker, and sees every step succeed and the ConfigMap put back. Then a backup
// whose process is killed mid-way: its folder shows as incomplete, offers no Verify or Restore, and is deleted.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { NotebookEditor } from './notebookEditor';
import { uiEnvironment } from './uiEnvironment';
import type { ViewSection } from './viewSection';
import { waitFor } from '../../shared/waitFor';
import { crashBackup } from '../../integration/backups/backupHarness';
import type { Workbench } from './workbench';
import { useWorkbench } from './workbenchFixture';

const ROW = /^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/;

async function kubectl(...args: string[]): Promise<string> {
  const env = uiEnvironment();
  const home = mkdtempSync(join(env.tmpRoot, 'kubectl-'));
  const r = await promisify(execFile)('kubectl', [`--kubeconfig=${env.sandbox.kubeconfigPath}`, '--context=phoenix-dev', '-n', 'phoenix-system', ...args], { env: { ...process.env, HOME: home }, timeout: 30_000 });
  return r.stdout;
}

/** Only `name` open in the Phoenix Ops side bar, with room to read it. */
async function onlyView(wb: Workbench, name: string): Promise<ViewSection> {
  for (const other of await wb.viewNames()) if (other !== name) await wb.view(other).collapse();
  const view = wb.view(name);
  await view.expand();
  return view;
}

/** Answers the modal confirmation of a destructive runbook step. */
async function confirmStep(wb: Workbench, step: string, screenshot?: string): Promise<string> {
  const message = await waitFor(`the confirmation of ${step}`, async () => {
    const m = await wb.dialogMessage();
    return m && m.includes(`"${step}"`) ? m : undefined;
  }, 90_000);
  if (screenshot) await wb.screenshot(screenshot);
  await wb.clickDialogButton('Yes, do it');
  return message;
}

describe('Backups (UI)', () => {
  let resourceCount = 0;
  // A destination of the test's own, so it can leave a crashed backup's folder there.
  const destination = mkdtempSync(join(tmpdir(), 'phoenix-ui-backups-'));
  const ui = useWorkbench({ settings: { 'phoenixOps.backups.destination': destination } });
  after(() => rmSync(destination, { recursive: true, force: true }));

  before(async function () {
    this.timeout(60_000);
    const { wb, sandbox } = ui;
    await wb.openViewContainer('Phoenix Ops');
    await wb.setSideBarWidth(620);
    await wb.runCommand('Phoenix Ops: Set Database Password');
    await (await wb.quickPick()).submit(sandbox.postgres?.password ?? '');
    await wb.waitForNotification('saved in SecretStorage');
    await wb.clearNotifications();
  });

  it('backs up a namespace from the Clusters tree and shows it in the Backups view, never verified', async function () {
    this.timeout(120_000);
    const { wb } = ui;
    const clusters = await onlyView(wb, 'Clusters');
    await (await clusters.treeItem('phoenix-system')).contextMenu('Back Up…');
    const qp = await wb.quickPick();
    assert.match(await qp.prompt(), /^Back up phoenix-system: Secrets\?/);
    assert.deepEqual(await qp.items(), ['Database and resources, no Secrets', 'Include Secrets, sealed with a passphrase', "Include Secrets, sealed with this VS Code's backup key"]);
    await wb.screenshot('backup-secrets-choice');
    await qp.pick('Database and resources, no Secrets');
    const done = await wb.waitForNotification(/backup phoenix-dev_phoenix-system_\d{8}-\d{6}Z is complete/, 90_000);
    // As many resources as the namespace's backed-up kinds hold (the verify below must find the same number).
    const complete = /is complete — [\d.]+ (KiB|MiB): 4 tables \(\d+ rows\), (\d+) resources\.$/.exec(await done.message());
    assert.ok(complete && Number(complete[2]) > 0, await done.message());
    resourceCount = Number(complete[2]);
    assert.deepEqual(await done.buttons(), ['Verify', 'Reveal']);
    await wb.screenshot('backup-complete');
    await wb.clearNotifications();

    const backups = await onlyView(wb, 'Backups');
    const row = await backups.treeItem(ROW);
    assert.match(await row.description(), /^phoenix-dev\/phoenix-system · [\d.]+ (KiB|MiB) · never verified · just now$/);
    assert.equal(await row.iconId(), 'circle-large-outline');
    await row.expand();
    await backups.treeItem('Database phoenix');
    const deployments = (await kubectl('get', 'deployments', '-o', 'name')).split('\n').filter(Boolean).length;
    assert.match(await (await backups.treeItem('Resources')).description(), new RegExp(`(^| )${deployments} Deployment( |$)`));
    await wb.screenshot('backups-view');
    await row.collapse();
  });

  it('verifies the backup from its row: the row says "verified just now ✓"', async function () {
    this.timeout(90_000);
    const { wb } = ui;
    const backups = await onlyView(wb, 'Backups');
    await (await backups.treeItem(ROW)).clickInlineAction('Verify Backup');
    const note = await wb.waitForNotification(/verified ✓/, 60_000);
    assert.match(await note.message(), new RegExp(`files, 4 tables \\(\\d+ rows\\) and ${resourceCount} resources match the manifest`));
    const description = await waitFor('the row to say verified', async () => {
      const d = await (await backups.treeItem(ROW)).description();
      return /verified just now ✓/.test(d) ? d : undefined;
    });
    assert.match(description, /^phoenix-dev\/phoenix-system · .* · verified just now ✓ · /);
    assert.equal(await (await backups.treeItem(ROW)).iconId(), 'pass-filled');
    await wb.screenshot('backup-verified');
    await wb.clearNotifications();
  });

  it('runs the guided restore: destructive steps confirmed, the edited ConfigMap chosen and put back, every step green', async function () {
    this.timeout(300_000);
    const { wb } = ui;
    // The incident: someone changed the platform's configuration by hand.
    await kubectl('patch', 'configmap', 'phoenix-config', '--type=merge', '-p', '{"data":{"LOG_LEVEL":"trace"}}');

    const backups = await onlyView(wb, 'Backups');
    await (await backups.treeItem(ROW)).contextMenu('Restore Backup…');
    // The restore runs on the backup's context; if the cockpit is elsewhere it asks to select it.
    const select = await waitFor('the runbook or the selection question', async () => {
      const m = await wb.dialogMessage();
      if (m?.includes('The restore runs on phoenix-dev/phoenix-system')) return 'ask';
      return (await new NotebookEditor(wb.page).root.count()) > 0 ? 'open' : undefined;
    }, 60_000);
    if (select === 'ask') await wb.clickDialogButton('Select phoenix-dev/phoenix-system');
    const nb = new NotebookEditor(wb.page);
    await nb.waitOpen();
    await nb.outputs.getByText('Guided restore').first().waitFor({ timeout: 30_000 });
    await wb.screenshot('restore-runbook');

    await wb.runCommand('Notebook: Run All');
    const scale = await confirmStep(wb, 'scale-to-zero', 'restore-confirm-scale-to-zero');
    assert.match(scale, /Run destructive step "scale-to-zero" \(kubectl scale --replicas=0\) on phoenix-dev\/phoenix-system/);
    const restore = await confirmStep(wb, 'restore-database');
    assert.match(restore, /database drop\/restore over existing data/);

    const picker = await wb.quickPick();
    await waitFor('the resource picker', async () => ((await picker.prompt()).startsWith('Resources to put back into phoenix-system') ? true : undefined), 90_000);
    const texts = await picker.rowTexts();
    assert.ok(texts.some((t) => /ConfigMap\/phoenix-config\s*changed since the backup\s*changed: data\.LOG_LEVEL/.test(t)), texts.join(' | '));
    assert.ok(texts.some((t) => /Service\/platform-api\s*as in the backup/.test(t)), texts.join(' | '));
    await wb.screenshot('restore-choose-resources');
    await picker.input.press('Enter');
    // Scaling back reads the counts from a file (they could be 0): the step classifier counts it destructive, so it asks.
    const back = await confirmStep(wb, 'scale-back');
    assert.match(back, /Run destructive step "scale-back"/);

    await (await nb.codeCell('kubectl wait --for=condition=Available')).waitForState('success', 180_000);
    for (const step of ['backup compare-rows', 'backup apply-resources']) await (await nb.codeCell(step)).waitForState('success', 10_000);
    // Cells are found again after each scroll: the notebook recycles its rows.
    await nb.codeCell('backup compare-rows');
    await nb.outputs.getByText(/All 4 tables have the backup's rows/).first().waitFor({ timeout: 30_000 });
    await wb.screenshot('restore-rows-compared');
    await nb.codeCell('kubectl wait --for=condition=Available');
    await wb.screenshot('restore-done');

    const cm = JSON.parse(await kubectl('get', 'configmap', 'phoenix-config', '-o', 'json')) as { data: Record<string, string> };
    assert.equal(cm.data.LOG_LEVEL, 'debug');
    const deployments = (await kubectl('get', 'deployments', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.status.readyReplicas}/{.spec.replicas} {end}')).trim();
    assert.match(deployments, /platform-api=3\/3/);
  });

  it('a backup whose process died mid-way is shown as incomplete, offers no Verify or Restore, and is deleted', async function () {
    this.timeout(180_000);
    const { wb, sandbox } = ui;
    const pg = sandbox.postgres!;
    // The whole dump written, the namespace not yet read, then SIGKILL: the most complete-looking folder a crash leaves.
    const { id } = await crashBackup({ destination, kubeconfigPath: sandbox.kubeconfigPath, connection: pg, holdServices: true });
    const backups = await onlyView(wb, 'Backups');
    await backups.clickTitleAction('Refresh Backups');
    const row = await backups.treeItem(`⚠ incomplete: ${id}`);
    assert.match(await row.description(), /^interrupted (just now|\d+ min ago) · not a backup$/);
    assert.equal(await row.iconId(), 'warning');
    const entries = await row.contextMenuEntries();
    assert.ok(entries.includes('Delete Backup'), entries.join(' | '));
    for (const never of ['Verify Backup', 'Test Restore Backup', 'Restore Backup…']) assert.ok(!entries.includes(never), `${never} offered: ${entries.join(' | ')}`);
    // The good backup is still there, still verified.
    assert.match(await (await backups.treeItem(ROW)).description(), / · verified .* ✓ · /);
    await wb.screenshot('backup-incomplete');

    await (await backups.treeItem(`⚠ incomplete: ${id}`)).contextMenu('Delete Backup');
    const question = await waitFor('the delete confirmation', () => wb.dialogMessage(), 30_000);
    assert.ok(question.includes(`Delete the incomplete backup folder ${id} from ${destination}`), question);
    await wb.clickDialogButton('Yes, do it');
    await wb.waitForNotification(`backup ${id} deleted`);
    await waitFor('the incomplete row to go', async () => ((await backups.itemLabels()).some((l) => l.startsWith('⚠ incomplete')) ? undefined : true));
    assert.deepEqual(readdirSync(destination).filter((n) => n.startsWith('.partial-')), []);
    assert.equal(readdirSync(destination).filter((n) => !n.startsWith('.')).length, 1, 'the good backup is kept');
  });
});
