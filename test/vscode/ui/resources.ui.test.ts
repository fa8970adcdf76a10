// UI: an on-call engineer opens the Resources view on a protected context, expands Secrets and sees db-credentials'
// keys masked, reveals one (the Secret's name typed first; the value shown once, in a modal), runs the maintenance
// CronJob now (its name typed) and finds the manual Job with the name filter.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from '../../shared/waitFor';
import { soloView } from './soloView';
import { uiEnvironment } from './uiEnvironment';
import { useWorkbench } from './workbenchFixture';

async function kubectl(...args: string[]): Promise<string> {
  const env = uiEnvironment();
  const home = mkdtempSync(join(env.tmpRoot, 'kubectl-'));
  return (await promisify(execFile)('kubectl', [`--kubeconfig=${env.sandbox.kubeconfigPath}`, '--context=phoenix-dev', '-n', 'phoenix-system', ...args], { env: { ...process.env, HOME: home }, timeout: 30_000 })).stdout;
}

describe('Resources (UI)', function () {
  this.timeout(180_000);
  // phoenix-dev protected: Reveal and Run Now ask for the name to be typed.
  const ui = useWorkbench({ settings: { 'phoenixOps.protectedContexts': ['phoenix-prod', 'phoenix-dev'] } });

  it('Secrets: keys listed masked; Reveal asks for the name, then shows the value once', async () => {
    const { wb } = ui;
    const view = await soloView(wb, 'Resources', 720);
    await view.treeItem('phoenix-system', 45_000);
    const secrets = await view.treeItem('Secrets');
    assert.match(await secrets.ariaLabel(), /^Kind Secrets, not loaded/, 'not loaded before it is expanded');
    await secrets.expand();
    const count = Number((await kubectl('get', 'secrets', '-o', 'name')).trim().split('\n').length);
    await waitFor('the Secrets count', async () => (await (await view.treeItem('Secrets')).description()) === String(count));
    await (await view.treeItem('db-credentials')).expand();
    const key = await view.treeItem('password');
    assert.match(await key.description(), /^•+ · \d+ bytes$/);
    assert.match(await key.ariaLabel(), /Secret key password, masked/);
    await wb.screenshot('resources-secret-keys');

    const value = Buffer.from((await kubectl('get', 'secret', 'db-credentials', '-o', 'jsonpath={.data.password}')).trim(), 'base64').toString('utf8');
    assert.ok(!(await view.treeItems()).some((i) => (i.description ?? '').includes(value)), 'the value is not on any row');
    await key.contextMenu('Reveal Value…');
    const confirm = await wb.quickPick();
    assert.match(await confirm.prompt(), /^Confirm reveal secret key on protected context phoenix-dev$/);
    await confirm.input.fill('db-credentials');
    await confirm.input.press('Enter');
    const shown = await waitFor('the revealed value', () => wb.dialogMessage(), 20_000);
    assert.ok(shown.includes(value), shown);
    await wb.screenshot('resources-secret-revealed');
    await wb.clickDialogButton('Cancel');
    await waitFor('the dialog to close', async () => ((await wb.dialogMessage()) === undefined ? true : undefined));
    await (await view.treeItem('Secrets')).collapse();
  });

  it('CronJobs: Run Now (name typed) creates the manual Job; the filter finds it among the Jobs', async () => {
    const { wb } = ui;
    const view = await soloView(wb, 'Resources', 720);
    await (await view.treeItem('CronJobs')).expand();
    const cron = await view.treeItem('database-maintenance');
    assert.match(await cron.description(), /^0 3 \* \* 0 · never run · /);
    await cron.contextMenu('Run Now');
    const confirm = await wb.quickPick();
    await confirm.input.fill('database-maintenance');
    await confirm.input.press('Enter');
    const note = await wb.waitForNotification(/started Job database-maintenance-manual-\w+ from CronJob database-maintenance/);
    const job = /Job (database-maintenance-manual-\w+)/.exec(await note.message())?.[1] ?? '';
    assert.match(await kubectl('get', 'job', job, '-o', 'jsonpath={.metadata.annotations}'), /"cronjob.kubernetes.io\/instantiate":"manual"/);
    await (await view.treeItem('CronJobs')).collapse();
    await (await view.treeItem('Jobs')).expand();
    const row = await view.treeItem(job);
    assert.match(await row.description(), /run manually/);

    await view.clickTitleAction('Filter Resources…');
    const box = await wb.quickPick();
    await box.input.fill('manual');
    await view.treeItem(/^Filter "manual": names containing it, in expanded kinds only$/);
    await box.input.press('Enter');
    await waitFor('only manual jobs listed', async () => {
      const jobs = (await view.treeItems()).filter((i) => /^database-maintenance|^by-|^migrate/.test(i.label));
      return jobs.length > 0 && jobs.every((i) => i.label.includes('manual'));
    });
    await wb.clearNotifications();
    await wb.screenshot('resources-filtered-jobs');
    await view.clickTitleAction('Clear Resources Filter');
    await view.waitForNoTreeItem(/^Filter "/);
  });
});
