// UI: a -bad image makes HighErrorRate fire in the real Prometheus; the on-call engineer sees it in the Alerts view
// (critical, with the status bar count and a notification), silences it from the context menu, expires the silence
// and opens its runbook.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NotebookEditor } from './notebookEditor';
import { platformTrigger, setImageSuffix } from './sandboxControl';
import { TreeItem } from './viewSection';
import { waitFor } from '../../shared/waitFor';
import { useWorkbench } from './workbenchFixture';

const STATUS = 'phoenix-ops.phoenix-ops-cockpit.phoenixOps.alerts';
const NOTIFICATION = { context: 'phoenix-dev', namespace: 'phase-5', deployment: 'notification', container: 'notification' };

describe('Alerts view (UI)', function () {
  this.timeout(120_000);
  const ui = useWorkbench();
  let restoreImage: (() => Promise<void>) | undefined;

  after(async () => {
    await restoreImage?.();
  });

  it('shows HighErrorRate firing after a -bad image, counted in the status bar and announced', async () => {
    const { wb } = ui;
    await wb.openViewContainer('Phoenix Ops');
    for (const name of ['Clusters', 'Deployments']) await wb.view(name).collapse();
    const alerts = wb.view('Alerts');
    await alerts.expand();
    await alerts.treeItem(/No alerts firing|Critical|Warning/, 30_000);
    restoreImage = await setImageSuffix(ui.sandbox, NOTIFICATION, '-bad');
    // Rollout (~2 s) + 20 s rate window crossing 5 % + `for: 5s` + Alertmanager + a 3 s poll.
    const row = await alerts.treeItem('High error rate on notification', 90_000);
    assert.match(await row.description(), /firing for \d+s · phoenix-dev · phase-5 · notification/);
    const group = await alerts.treeItem('HighErrorRate');
    assert.match(await group.description(), /^P1 · 1 firing$/);
    assert.match(await (await alerts.treeItem('Critical')).description(), /\d+ firing/);
    // Read aloud: the severity the bell's colour shows, the priority and the count, then what the alert means.
    assert.match(await group.ariaLabel(), /^HighErrorRate, critical, P1, 1 firing, \S/);
    assert.match(await (await alerts.treeItem('Critical')).ariaLabel(), /^Critical, \d+ firing$/);
    await wb.waitForStatusBarText(STATUS, /\d+ critical/);
    const note = await wb.waitForNotification(/Critical alert HighErrorRate \(priority P1\): High error rate on notification/, 20_000);
    assert.deepEqual(await note.buttons(), ['Open Runbook', 'Silence…', 'Show Alerts']);
    await wb.waitForSideBarIdle();
    await wb.screenshot('alerts-high-error-rate-firing');
    await wb.clearNotifications();
  });

  it('silences it from the context menu (duration, comment), lists the silence, and expires it again', async () => {
    const { wb } = ui;
    const alerts = wb.view('Alerts');
    const row = await alerts.treeItem('High error rate on notification');
    await row.contextMenu('Silence…');
    const durations = await wb.quickPick();
    await durations.pick('1 hour');
    const comment = await wb.quickPick();
    await comment.submit('UI test: investigating the -bad rollout');
    await wb.waitForNotification(/Silenced HighErrorRate for 1 hour/);
    const silenced = await alerts.treeItem('Silenced', 20_000);
    await silenced.expand();
    const inList = await alerts.treeItem('HighErrorRate');
    assert.match(await inList.description(), /High error rate on notification · silenced/);
    const silences = await alerts.treeItem('Silences');
    await silences.expand();
    const silence = await waitFor('the silence row (ends in 1 hour, with the comment)', async () => {
      for (const r of await alerts.body.locator('.monaco-list-row').all()) {
        const description = (await r.locator('.label-description').first().textContent({ timeout: 1000 }).catch(() => '')) ?? '';
        if (/^ends in (59m|1h)\b.*UI test: investigating the -bad rollout$/.test(description.trim())) return new TreeItem(wb.page, r);
      }
      return undefined;
    });
    await wb.waitForSideBarIdle();
    await wb.screenshot('alerts-silenced');
    // Expire it from the Silences list: the alert fires again.
    await silence.contextMenu('Expire Silence');
    await wb.waitForNotification(/Expired \{/);
    await alerts.treeItem('High error rate on notification', 20_000);
  });

  it('opens the runbook of the alert as a runbook notebook from the workspace', async () => {
    const { wb } = ui;
    // The shipped runbook, copied into the workspace like the others: missing is a failure, not something to stand in for.
    assert.ok(existsSync(join(ui.workspace, 'runbooks', 'high-error-rate.runbook.md')), 'runbooks/high-error-rate.runbook.md is shipped');
    const row = await wb.view('Alerts').treeItem('High error rate on notification');
    await row.contextMenu('Open Runbook');
    await wb.page.locator('.tabs-container .tab', { hasText: 'high-error-rate.runbook.md' }).first().waitFor({ timeout: 20_000 });
    // It opens as a notebook (the phoenix-runbook editor), not as text, with the shipped runbook's first query.
    const nb = new NotebookEditor(wb.page);
    await nb.waitOpen();
    await nb.codeCell('sum by (namespace, service) (rate(http_requests_total{status=~"5.."}[1m]))');
    assert.equal(await wb.page.locator('.editor-group-container .monaco-editor.vs-text-editor:visible, .editor-instance .monaco-editor:not(.notebook-editor .monaco-editor):visible').count(), 0);
    await wb.screenshot('alerts-open-runbook');
  });

  it("shows the alert's expression as a PromQL chart over the last hour (Show Query)", async () => {
    const { wb } = ui;
    const row = await wb.view('Alerts').treeItem('High error rate on notification');
    await row.contextMenu('Show Query');
    const nb = new NotebookEditor(wb.page);
    await nb.waitOpen();
    // The cells ran at once (that both succeed is checked in the extension-host suite): the first one's chart is on screen.
    await nb.outputs.locator('.phx-chart canvas').first().waitFor({ timeout: 30_000 });
    await wb.screenshot('alerts-show-query');
    assert.match(await nb.outputs.locator('body').innerText(), /phoenix-dev\s+phase-5\s+notification/);
  });

  it('says what is wrong when the platform API loses its database: DatabaseConnectionFailed fires', async () => {
    const { wb } = ui;
    await platformTrigger(ui.sandbox, '/sandbox/database/break');
    try {
      await wb.view('Alerts').treeItem('The platform cannot connect to its database', 60_000);
    } finally {
      await platformTrigger(ui.sandbox, '/sandbox/database/repair');
    }
  });
});
