// UI: an on-call engineer reads CPU and memory on the pod rows (kubectl top's figures, in the row's accessible label
// too), sorts a deployment's pods by CPU, opens the Nodes view, expands a node to its pods, cordons it after the
// confirmation (the row and kubectl say SchedulingDisabled) and uncordons it again.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { soloView } from './soloView';
import { uiEnvironment } from './uiEnvironment';
import { useWorkbench } from './workbenchFixture';
import { waitFor } from '../../shared/waitFor';

async function kubectl(...args: string[]): Promise<string> {
  const env = uiEnvironment();
  const home = mkdtempSync(join(env.tmpRoot, 'kubectl-'));
  return (await promisify(execFile)('kubectl', [`--kubeconfig=${env.sandbox.kubeconfigPath}`, '--context=phoenix-dev', ...args], { env: { ...process.env, HOME: home }, timeout: 30_000 })).stdout;
}

const USAGE = /^cpu (\d+)m · mem (\d+)Mi · /;

describe('Resource usage and nodes (UI)', () => {
  const ui = useWorkbench();

  it('pod rows show CPU and memory like kubectl top, and sort by CPU', async function () {
    this.timeout(120_000);
    const { wb } = ui;
    const view = await soloView(wb, 'Deployments', 720);
    await (await view.treeItem('api-gateway-blue')).expand();
    const row = await view.treeItem(/^api-gateway-blue-\w+-\w{5}$/);
    const described = await waitFor('usage on the pod row', async () => USAGE.test(await row.description()) && (await row.description()), 45_000);
    assert.match(described, /^cpu \d+m · mem \d+Mi · Running · 1\/1 · /);
    assert.match(await row.ariaLabel(), /cpu \d+m \(\d+% of 500m limit, \d+% of 100m request\), memory \d+Mi \(\d+% of 512Mi limit, \d+% of 256Mi request\)/);
    await wb.screenshot('usage-pod-rows');

    await view.clickTitleAction('Sort Pods by Usage…');
    await (await wb.quickPick()).pick('CPU');
    await (await view.treeItem('generator')).expand();
    // A deployment's pods, top to bottom, by CPU as the rows say it (the sandbox gives one deployment's pods near-equal
    // use, so this proves the command and the rows; the order itself is unit-tested in domain/usage).
    await waitFor('pods in CPU order', async () => {
      const items = await view.treeItems();
      const cpus = items.filter((i) => /^generator-\w+-\w{5}$/.test(i.label)).map((i) => Number(USAGE.exec(i.description ?? '')?.[1] ?? NaN));
      return cpus.length >= 2 && cpus.every((c, i) => !Number.isNaN(c) && (i === 0 || cpus[i - 1] >= c));
    }, 45_000);
    await wb.screenshot('usage-sorted-by-cpu');
    // Back to the cluster's order for the suites after this one.
    await view.clickTitleAction('Sort Pods by Usage…');
    await (await wb.quickPick()).pick('Name');
  });

  it('the Nodes view lists nodes with usage and pods; Cordon asks, then the node is SchedulingDisabled; Uncordon lifts it', async function () {
    this.timeout(150_000);
    const { wb } = ui;
    const view = await soloView(wb, 'Nodes', 720);
    const node = 'phoenix-dev-worker-1';
    const row = await view.treeItem(node, 45_000);
    await waitFor('node usage on the row', async () => /^Ready · worker · v1\.30\.5 · \d+ pods · cpu ([\d.]+|\d+m) \(\d+%\) · mem [\d.]+(Mi|Gi) \(\d+%\)$/.test(await row.description()), 45_000);
    await row.expand();
    const bound = (await kubectl('get', 'pods', '-A', '--field-selector', `spec.nodeName=${node}`, '-o', 'jsonpath={.items[0].metadata.name}')).trim();
    await view.treeItem(bound);
    await wb.screenshot('nodes-view-expanded');

    await row.contextMenu('Cordon Node…');
    const question = await waitFor('the cordon confirmation', () => wb.dialogMessage(), 20_000);
    assert.match(question, new RegExp(`cordon node ${node} — no new pods are scheduled on it; its \\d+ pods keep running`, 'i'));
    await wb.screenshot('nodes-cordon-confirmation');
    assert.doesNotMatch(await kubectl('get', 'node', node), /SchedulingDisabled/, 'nothing changed before the answer');
    await wb.clickDialogButton('Yes, do it');
    await wb.waitForNotification(new RegExp(`cordoned node ${node} \\(phoenix-dev\\)`));
    await waitFor('the row to say SchedulingDisabled', async () => /^Ready,SchedulingDisabled · /.test(await (await view.treeItem(node)).description()), 20_000);
    assert.match(await kubectl('get', 'node', node), new RegExp(`${node}\\s+Ready,SchedulingDisabled`));
    assert.match(await (await view.treeItem(node)).ariaLabel(), /cordoned/);
    await wb.clearNotifications();
    await wb.screenshot('nodes-cordoned');

    await (await view.treeItem(node)).contextMenu('Uncordon Node…');
    await wb.waitForNotification(new RegExp(`uncordoned node ${node} \\(phoenix-dev\\)`));
    await waitFor('the row to say Ready again', async () => /^Ready · worker/.test(await (await view.treeItem(node)).description()), 20_000);
    assert.doesNotMatch(await kubectl('get', 'node', node), /SchedulingDisabled/);
    await wb.clearNotifications();
  });
});
