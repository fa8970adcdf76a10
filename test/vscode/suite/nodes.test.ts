// The Nodes view inside a real extension host against the sandbox: its rows are the context's nodes with kubectl's
// status, roles and version, their usage (the sandbox serves metrics.k8s.io) and their pods; read-only mode blocks
// Cordon, Uncordon and Drain at the guard, audits them as blocked, and no node or pod changes (checked with real kubectl).
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { CockpitApi } from '../../../src/vscode/cockpitApi';
import { waitFor } from '../../shared/waitFor';
import { loadedCockpit } from './cockpit';
import { rows } from './treeRows';

const home = mkdtempSync(join(tmpdir(), 'phoenix-kubectl-'));
const config = () => vscode.workspace.getConfiguration('phoenixOps');

async function kubectl(...args: string[]): Promise<string> {
  const kubeconfig = process.env.PHOENIX_SANDBOX_KUBECONFIG ?? process.env.KUBECONFIG ?? '';
  return (await promisify(execFile)('kubectl', [`--kubeconfig=${kubeconfig}`, '--context=phoenix-dev', ...args], { env: { ...process.env, HOME: home }, timeout: 30_000 })).stdout;
}

describe('Nodes view (extension host, sandbox)', function () {
  this.timeout(90_000);
  let cockpit: CockpitApi;
  before(async () => {
    cockpit = await loadedCockpit();
    await vscode.commands.executeCommand('phoenixOps.selectContext', { entry: { name: 'phoenix-dev' } });
  });
  after(async () => {
    await config().update('readOnly', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it("lists the context's nodes as kubectl get nodes does, with usage and the pods bound to each", async () => {
    await vscode.commands.executeCommand('phoenixOps.refreshNodes');
    const nodeRows = await waitFor('node rows with usage', async () => {
      const r = await rows(cockpit.nodesTree);
      // Fails with what the rows said, so a timeout shows it.
      assert.equal(r.length, 3, JSON.stringify(r.map((x) => [x.label, x.description])));
      for (const x of r) assert.match(x.description, /· cpu ([\d.]+|\d+m) \(\d+%\) · mem [\d.]+(Mi|Gi) \(\d+%\)$/);
      return r;
    }, 30_000);
    const theirs = (await kubectl('get', 'nodes', '--no-headers')).trim().split('\n').map((l) => l.split(/\s+/));
    assert.deepEqual(nodeRows.map((r) => r.label), theirs.map((t) => t[0]));
    for (const [i, r] of nodeRows.entries()) {
      const [, status, roles, , version] = theirs[i];
      assert.ok(r.description.startsWith(`${status} · ${roles} · ${version} · `), r.description);
      assert.equal(r.contextValue, 'node.schedulable');
    }
    // The pods under a node are the ones kubectl finds bound to it.
    const first = nodeRows[0];
    const pods = (await rows(cockpit.nodesTree, first.node)).map((p) => `${p.description.split(' · ')[0]}/${p.label}`).sort();
    const bound = (await kubectl('get', 'pods', '-A', '--field-selector', `spec.nodeName=${first.label}`, '-o', 'jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name}{"\\n"}{end}')).split('\n').filter(Boolean).sort();
    assert.ok(bound.length > 0);
    assert.deepEqual(pods, bound);
    assert.match(first.description, new RegExp(` · ${bound.length} pods · `));
  });

  it('read-only mode blocks Cordon and Uncordon at the guard: audited as blocked, no node changed', async () => {
    await config().update('readOnly', true, vscode.ConfigurationTarget.Workspace);
    const before = await kubectl('get', 'nodes', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.spec.unschedulable};{end}');
    const since = new Date().toISOString();
    const node = { context: 'phoenix-dev', name: 'phoenix-dev-worker-2' };
    const cordon = await vscode.commands.executeCommand<{ done: boolean; why?: string }>('phoenixOps.cordonNode', node);
    const uncordon = await vscode.commands.executeCommand<{ done: boolean; why?: string }>('phoenixOps.uncordonNode', node);
    assert.deepEqual([cordon, uncordon], [{ done: false, why: 'blocked' }, { done: false, why: 'blocked' }]);
    const audited = await waitFor('two blocked audit records', () => {
      const lines = readFileSync(cockpit.auditFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { time: string; action: string; object: string; context: string; outcome: string });
      const mine = lines.filter((l) => l.time >= since && /cordon node/.test(l.action));
      return mine.length >= 2 && mine;
    });
    assert.deepEqual(audited.map((l) => [l.action, l.object, l.context, l.outcome]), [
      ['cordon node', 'node/phoenix-dev-worker-2', 'phoenix-dev', 'blocked'],
      ['uncordon node', 'node/phoenix-dev-worker-2', 'phoenix-dev', 'blocked'],
    ]);
    assert.equal(await kubectl('get', 'nodes', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.spec.unschedulable};{end}'), before);
    assert.doesNotMatch(await kubectl('get', 'nodes'), /SchedulingDisabled/);
  });

  it('read-only mode blocks Drain at the guard: audited as blocked with the plan, the node not cordoned, no pod evicted', async () => {
    await config().update('readOnly', true, vscode.ConfigurationTarget.Workspace);
    const node = 'phoenix-dev-worker-3';
    const podsOn = () => kubectl('get', 'pods', '-A', '--field-selector', `spec.nodeName=${node}`, '-o', 'jsonpath={range .items[*]}{.metadata.uid} {end}');
    const before = await podsOn();
    assert.ok(before.trim(), 'the node has pods to drain');
    const since = new Date().toISOString();
    const r = await vscode.commands.executeCommand<{ done: boolean; why?: string }>('phoenixOps.drainNode', { context: 'phoenix-dev', name: node });
    assert.deepEqual(r, { done: false, why: 'blocked' });
    const audited = await waitFor('a blocked drain audit record', () => {
      const lines = readFileSync(cockpit.auditFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { time: string; action: string; object: string; context: string; outcome: string; detail?: string });
      return lines.find((l) => l.time >= since && l.action === 'drain node');
    });
    assert.deepEqual([audited.object, audited.context, audited.outcome], [`node/${node}`, 'phoenix-dev', 'blocked']);
    assert.match(audited.detail ?? '', /^Read-only mode is on: drain node node\/phoenix-dev-worker-3 on phoenix-dev was not done/);
    assert.doesNotMatch(await kubectl('get', 'node', node), /SchedulingDisabled/);
    assert.equal(await podsOn(), before, 'every pod still there, none evicted');
  });
});
