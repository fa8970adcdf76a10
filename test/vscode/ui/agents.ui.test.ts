// UI: the Agents view asks for the database password, then shows the task queue and the agents; a stopped agent turns
// red (down), a failed task is requeued after confirming. Without settings each platform view says what to configure.
import * as assert from 'node:assert/strict';
import { platformTrigger } from './sandboxControl';
import { TreeItem } from './viewSection';
import { waitFor } from '../../shared/waitFor';
import { useWorkbench } from './workbenchFixture';

describe('Agents view (UI)', function () {
  this.timeout(120_000);
  const ui = useWorkbench();

  it('says the database password is missing; clicking the row asks for it, a rejected one is said and not saved, then queue and agents show', async () => {
    const { wb } = ui;
    await wb.openViewContainer('Phoenix Ops');
    for (const name of ['Clusters', 'Deployments', 'Experiments', 'Alerts']) await wb.view(name).collapse();
    await wb.setSideBarWidth(620);
    const view = wb.view('Agents');
    await view.expand();
    const missing = await view.treeItem(/^No password is stored for phoenix@127\.0\.0\.1:\d+\/phoenix$/, 30_000);
    assert.equal(await missing.description(), 'Click to set the database password');
    await wb.screenshot('agents-no-password');
    await missing.click();
    // A wrong password is checked by connecting: PostgreSQL's refusal is said, nothing is stored, and Try Again asks anew.
    await (await wb.quickPick()).submit('not-the-password');
    const rejected = await wb.waitForNotification(/^PostgreSQL rejected the password for phoenix@127\.0\.0\.1:\d+\/phoenix: nothing was saved\./, 30_000);
    assert.match(await rejected.message(), /password authentication failed for user "phoenix"/);
    await wb.screenshot('agents-password-rejected');
    assert.ok(await view.treeItem(/^No password is stored for phoenix@/), 'the rejected password was not stored');
    await rejected.clickButton('Try Again');
    await (await wb.quickPick()).submit(ui.sandbox.postgres?.password ?? '');
    await wb.waitForNotification(/^Connected to phoenix@127\.0\.0\.1:\d+\/phoenix: password saved in SecretStorage\.$/, 30_000);
    const queue = await view.treeItem('Task queue', 20_000);
    assert.match(await queue.description(), /^\d+ pending/);
    assert.match(await queue.ariaLabel(), /^Task queue, \d+ pending(, \d+ (assigned|running|failed))*, tasks by status, from PostgreSQL$/);
    for (const agent of ['agent-001', 'agent-002', 'agent-003']) assert.match(await (await view.treeItem(agent)).description(), /^up · seen (just now|\d+s ago)$/);
    await wb.waitForSideBarIdle();
    await wb.screenshot('agents-view');
  });

  it('shows an agent stopped in the sandbox as down, first in the list', async () => {
    const { wb } = ui;
    const view = wb.view('Agents');
    await platformTrigger(ui.sandbox, '/sandbox/agents/agent-002/stop');
    try {
      // Re-read the row each time: going down moves it to the top.
      await waitFor('agent-002 to be down', async () => (/^down · last seen 6m ago$/.test(await (await view.treeItem('agent-002')).description()) ? true : undefined), 20_000);
      const agents = (await view.itemLabels()).filter((l) => l.startsWith('agent-'));
      assert.equal(agents[0], 'agent-002');
      await wb.waitForSideBarIdle();
      await wb.screenshot('agents-one-down');
    } finally {
      await platformTrigger(ui.sandbox, '/sandbox/agents/agent-002/start');
    }
    await waitFor('agent-002 up again', async () => (/^up/.test(await (await view.treeItem('agent-002')).description()) ? true : undefined), 20_000);
  });

  it('requeues a failed task after confirming', async () => {
    const { wb } = ui;
    const view = wb.view('Agents');
    await (await view.treeItem('failed')).expand();
    const task = await waitFor('the failed otelcol task', async () => {
      for (const r of await view.body.locator('.monaco-list-row').all()) {
        if (/otelcol config reload failed/.test((await r.locator('.label-description').first().textContent({ timeout: 1000 }).catch(() => '')) ?? '')) return new TreeItem(wb.page, r);
      }
      return undefined;
    });
    const label = await task.label();
    await task.contextMenu('Requeue Failed Task…');
    const message = await waitFor('the confirmation', () => wb.dialogMessage());
    assert.match(message, /^Requeue failed task \d+ \(metrics "configure-metrics-collection" on agent-002\)/);
    await wb.clickDialogButton('Yes, do it');
    await wb.waitForNotification(/Task \d+ requeued: agent-002 picks it up on its next poll/);
    await waitFor('it to leave the failed list', async () => ((await view.itemLabels()).includes(label) ? undefined : true), 20_000);
  });
});

describe('Platform views without their settings (UI)', function () {
  this.timeout(300_000); // up to 90 s for each of three views (see below)
  const ui = useWorkbench({ settingsFromSandbox: (s) => ({ 'phoenixOps.kubeconfigFiles': [s.kubeconfigPath] }) });

  it('shows welcome content naming the settings in Experiments, Alerts and Agents', async () => {
    const { wb } = ui;
    await wb.openViewContainer('Phoenix Ops');
    for (const name of ['Clusters', 'Deployments']) await wb.view(name).collapse();
    const expected: Record<string, RegExp> = {
      Experiments: /^No Phoenix platform API is configured\. Set phoenixOps\.platformApi\.url/,
      Alerts: /^No Alertmanager is configured\. Set phoenixOps\.alertmanager\.urls/,
      Agents: /^Neither Prometheus nor a database is configured\. .*phoenixOps\.prometheus\.url/,
    };
    for (const [name, text] of Object.entries(expected)) {
      const view = wb.view(name);
      await view.expand();
      // Usually there within a second. In 8 of 20 focused runs Experiments and Alerts stayed blank (no rows, no
      // welcome text) for more than 15 s; the cause is not found yet (TESTING.md, "Flakes"), so the wait is generous.
      let seen = '';
      await waitFor(`${name} welcome content`, async () => {
        seen = await view.welcomeText();
        return text.test(seen) ? true : undefined;
      }, 90_000).catch((err: Error) => {
        throw new Error(`${err.message}; the view ${seen ? `showed "${seen}"` : 'showed no welcome content'}`);
      });
      assert.ok((await view.welcomeButtons()).includes('Open Settings'), `${name} has an Open Settings button`);
    }
    assert.equal(await wb.statusBarItem('phoenix-ops.phoenix-ops-cockpit.phoenixOps.alerts').count(), 0, 'no alerts status bar item without Alertmanager');
    await wb.screenshot('platform-views-welcome');
  });
});
