// UI: the platform team reads the experiments (phase, reduction, savings, pipelines), creates one with the guided
// inputs, stops it after confirming, and opens the results of a finished one.
import * as assert from 'node:assert/strict';
import { waitFor } from '../../shared/waitFor';
import { useWorkbench } from './workbenchFixture';

describe('Experiments view (UI)', function () {
  this.timeout(120_000);
  const ui = useWorkbench();

  it('lists the experiments with phase, reduction and savings; one expands into its figures and pipelines', async () => {
    const { wb } = ui;
    await wb.openViewContainer('Phoenix Ops');
    for (const name of ['Clusters', 'Deployments', 'Alerts', 'Agents']) await wb.view(name).collapse();
    await wb.setSideBarWidth(620);
    const view = wb.view('Experiments');
    await view.expand();
    const running = await view.treeItem('topk-sampling-trial', 30_000);
    assert.match(await running.description(), /^running · −\d+\.\d% · saves \$[\d,]+\/mo$/);
    assert.match(await (await view.treeItem('Cost flow')).description(), /^\$[\d,]+ → \$[\d,]+\/mo · −\d+\.\d%$/);
    assert.match(await (await view.treeItem('Cost flow')).ariaLabel(), /^Cost flow, \$[\d,]+ to \$[\d,]+\/mo, −\d+\.\d%, Monthly observability cost/);
    const done = await view.treeItem('cost-opt-prod');
    assert.match(await done.description(), /^completed · −70\.0% · saves/);
    await done.expand();
    assert.match(await (await view.treeItem('Pipelines')).description(), /^process-baseline-v1 → process-intelligent-v1$/);
    assert.match(await (await view.treeItem('Monthly cost')).description(), /^\$[\d,]+ → \$[\d,]+, saves \$[\d,]+$/);
    await (await view.treeItem('Pipeline deployments')).expand();
    await view.treeItem('cost-opt-prod-candidate');
    await wb.waitForSideBarIdle();
    await wb.screenshot('experiments-view');
    await done.collapse();
  });

  it('creates an experiment with the guided inputs (name, baseline, candidate, namespaces)', async () => {
    const { wb } = ui;
    await wb.runCommand('Phoenix Ops: Create Experiment…');
    await (await wb.quickPick()).submit('ui-hybrid-trial');
    const baseline = await wb.quickPick();
    assert.match(await baseline.prompt(), /Create Experiment \(2\/4\)/);
    await baseline.pick('process-baseline-v1');
    const candidate = await wb.quickPick();
    await candidate.pick('process-hybrid-v1', 'process-hybrid-v1');
    await (await wb.quickPick()).submit('phase-5');
    await wb.waitForNotification(/Experiment ui-hybrid-trial created \(exp-\w+, pending\)/);
    const view = wb.view('Experiments');
    // The agents deploy its pipelines within seconds (re-read the row: its place follows its phase).
    await waitFor('it to be running', async () => (/^running/.test(await (await view.treeItem('ui-hybrid-trial')).description()) ? true : undefined), 30_000);
  });

  it('stops it after a confirmation, and shows the results of a finished experiment', async () => {
    const { wb } = ui;
    const view = wb.view('Experiments');
    await (await view.treeItem('ui-hybrid-trial')).contextMenu('Stop Experiment…');
    const message = await waitFor('the confirmation', () => wb.dialogMessage());
    assert.match(message, /Stop experiment ui-hybrid-trial \(running\); it cannot be resumed/);
    await wb.clickDialogButton('Yes, do it');
    await waitFor('it to be stopped', async () => (/^stopped/.test(await (await view.treeItem('ui-hybrid-trial')).description()) ? true : undefined), 15_000);
    await wb.waitForSideBarIdle();
    await wb.screenshot('experiments-stopped');

    await (await view.treeItem('cost-opt-prod')).contextMenu('Show Results');
    const preview = wb.activeWebview();
    await preview.locator('h1', { hasText: 'Experiment cost-opt-prod' }).waitFor({ timeout: 20_000 });
    assert.match(await preview.locator('body').innerText(), /Cardinality reduction:\s*70\.0%/);
    await wb.screenshot('experiments-results');
  });
});
