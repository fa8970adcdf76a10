// UI: an on-call engineer reads CPU and memory on the pod rows (kubectl top's figures, in the row's accessible label
// too), sorts a deployment's pods by CPU, opens the Nodes view, expands a node to its pods, cordons it after the
// confirmation (the row and kubectl say SchedulingDisabled) and uncordons it again; drains a node whose platform-api pod
// a PodDisruptionBudget holds: the confirmation lists the pods, the progress names the budget and the server's reason,
// Cancel leaves the node cordoned and says so, and a drain once the budget allows evicts it; all audited.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
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

  it('Drain Node… lists the pods, waits on the PDB naming it, Cancel leaves the node cordoned; a drain the budget allows evicts', async function () {
    this.timeout(240_000);
    const { wb } = ui;
    const audit = join(ui.codeServer.userDataDir, 'User', 'globalStorage', 'phoenix-ops.phoenix-ops-cockpit', 'audit.jsonl');
    const since = new Date().toISOString();
    const api = (await kubectl('get', 'pods', '-n', 'phoenix-system', '-l', 'app=platform-api,track=primary', '-o', 'jsonpath={.items[0].metadata.name} {.items[0].spec.nodeName}')).trim();
    const [apiPod, node] = api.split(' ');
    const minAvailable = (n: number) => kubectl('patch', 'pdb', 'platform-api', '-n', 'phoenix-system', '--type=merge', '-p', JSON.stringify({ spec: { minAvailable: n } }));
    try {
      // The budget asks for every replica: no disruption is allowed until it is lowered again.
      await minAvailable(3);
      await waitFor('the budget to allow none', async () => /^platform-api\s+3\s+N\/A\s+0\s/m.test(await kubectl('get', 'pdb', '-n', 'phoenix-system')), 20_000);
      const view = await soloView(wb, 'Nodes', 720);
      await (await view.treeItem(node, 45_000)).contextMenu('Drain Node…');
      const question = await waitFor('the drain confirmation', () => wb.dialogMessage(), 20_000);
      assert.match(question, new RegExp(`Drain node ${node}: cordon it, then evict \\d+ pods? \\(PodDisruptionBudgets are honoured`));
      assert.match(question, new RegExp(`phoenix-system/${apiPod} \\(ReplicaSet platform-api-\\w+\\)`));
      assert.match(question, /\nDrain it now\?$/);
      await wb.screenshot('nodes-drain-confirmation');
      await wb.clickDialogButton('Yes, do it');
      const waiting = await wb.waitForNotification(new RegExp(`(\\S+, )*phoenix-system/${apiPod}(, \\S+)* waits? on PDB platform-api: The disruption budget platform-api needs 3 healthy pods and has 3 currently`), 60_000);
      await waitFor('the row to say SchedulingDisabled', async () => /^Ready,SchedulingDisabled · /.test(await (await view.treeItem(node)).description()), 20_000);
      await wb.screenshot('nodes-drain-waiting-on-pdb');
      await waiting.clickButton('Cancel');
      await wb.waitForNotification(new RegExp(`Drain of ${node} cancelled: evicted \\d+, skipped \\d+, not evicted \\d+\\. Still on the node: .*phoenix-system/${apiPod} \\(PDB platform-api: .*\\)\\. The node stays cordoned`), 30_000);
      assert.match(await kubectl('get', 'node', node), new RegExp(`${node}\\s+Ready,SchedulingDisabled`));
      assert.match(await kubectl('get', 'pod', apiPod, '-n', 'phoenix-system', '-o', 'jsonpath={.spec.nodeName}'), new RegExp(`^${node}$`), 'the held pod still runs there');
      await wb.screenshot('nodes-drain-cancelled');
      await wb.clearNotifications();

      // The budget allows one again: a second drain of the (cordoned) node evicts the pod it held.
      await minAvailable(2);
      await waitFor('the budget to allow one', async () => /^platform-api\s+2\s+N\/A\s+1\s/m.test(await kubectl('get', 'pdb', '-n', 'phoenix-system')), 30_000);
      await (await view.treeItem(node)).contextMenu('Drain Node…');
      await waitFor('the second confirmation', () => wb.dialogMessage(), 20_000);
      await wb.clickDialogButton('Yes, do it');
      await wb.waitForNotification(new RegExp(`Drained ${node}: evicted \\d+, skipped 0; the node is cordoned\\.`), 60_000);
      assert.equal((await kubectl('get', 'pods', '-A', '--field-selector', `spec.nodeName=${node}`, '-o', 'name')).trim(), '', 'nothing left on the node');
      await waitFor('the row: cordoned, no pods', async () => /^Ready,SchedulingDisabled · worker · v1\.30\.5 · 0 pods/.test(await (await view.treeItem(node)).description()), 30_000);
      await wb.screenshot('nodes-drained');
      const lines = readFileSync(audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { time: string; action: string; object: string; outcome: string; detail?: string }).filter((l) => l.time >= since);
      const drains = lines.filter((l) => l.action === 'drain node');
      assert.deepEqual(drains.map((l) => [l.object, l.outcome]), [[`node/${node}`, 'failed'], [`node/${node}`, 'succeeded']]);
      assert.match(drains[1].detail ?? '', /^evict \d+, skip 0$/);
      assert.match(lines.find((l) => l.action === 'drain node' && l.outcome === 'failed')?.detail ?? '', /Drain of .* cancelled: .* The node stays cordoned/);
      assert.ok(lines.some((l) => l.action === 'evict pod' && l.object === `pod/${apiPod}` && l.outcome === 'succeeded'), 'the held pod\'s eviction is audited');
    } finally {
      await minAvailable(2);
      await kubectl('uncordon', node);
      await wb.clearNotifications();
    }
  });
});
