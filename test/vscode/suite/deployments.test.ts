// The Workloads slice inside a real extension host against the sandbox: the Deployments tree VS Code
// renders (through the provider calls the workbench makes) and every command, checked with real kubectl.
// Uses phase-5 (the todo app) so the UI tests' platform-api story starts from the seeded state.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CockpitApi } from '../../../src/vscode/cockpitApi';
import { waitFor } from '../../shared/waitFor';
import { kubectlIn } from './sandboxKubectl';
import { rows, type Row } from './treeRows';
import { loadedCockpit } from './cockpit';

const NS = 'phase-5';
const target = (name: string) => ({ context: 'phoenix-dev', namespace: NS, name });

const kubectl = (...args: string[]) => kubectlIn(NS, ...args);

describe('Deployments view and workload commands (extension host, sandbox)', function () {
  this.timeout(90_000);
  let cockpit: CockpitApi;
  /** The deployment row of `name` once `ok` holds for it. */
  const deploymentRow = (name: string, ok: (r: Row) => boolean = () => true) =>
    waitFor(`${name} in the Deployments tree`, async () => {
      const [ns] = await rows(cockpit.deploymentsTree);
      const row = ns ? (await rows(cockpit.deploymentsTree, ns.node)).find((r) => r.label === name) : undefined;
      return row && ok(row) ? row : undefined;
    }, 30_000);

  before(async () => {
    cockpit = await loadedCockpit();
    await vscode.commands.executeCommand('phoenixOps.selectContext', { entry: { name: 'phoenix-dev' } });
    await vscode.commands.executeCommand('phoenixOps.filterDeploymentsNamespace', NS);
    // The view is what starts the watches: show it as a user would.
    await vscode.commands.executeCommand('phoenixOps.deployments.focus');
  });
  after(async () => {
    await vscode.workspace.getConfiguration('phoenixOps').update('readOnly', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('phoenixOps.filterDeploymentsNamespace', 'phoenix-system');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows the namespace and its deployments with state icon, counts, revision and image; pods and revisions below', async () => {
    // While the list is in flight the view shows a Loading row (never nothing): wait for the namespace itself.
    const ns = await waitFor('the namespace row', async () => (await rows(cockpit.deploymentsTree)).find((r) => r.contextValue !== 'message' && r.label === NS), 30_000);
    assert.equal(ns.label, NS);
    assert.match(ns.description, /^4 deployments$/);
    const backend = await deploymentRow('backend', (r) => r.icon === 'pass-filled');
    assert.match(backend.description, /^2\/2 ready · rev \d+ · todo-app-backend:v\S+$/);
    assert.equal(backend.contextValue, 'deployment.running');
    const children = await waitFor('backend pods', async () => {
      const c = await rows(cockpit.deploymentsTree, backend.node);
      return c.filter((r) => r.contextValue === 'pod').length === 2 ? c : undefined;
    }, 30_000);
    assert.ok(children.filter((r) => r.contextValue === 'pod').every((p) => /^(cpu \S+ · mem \S+ · )?Running · 2\/2 · 0 restarts/.test(p.description) && p.icon === 'pass'), children.map((c) => c.description).join(' | '));
    const revisions = children.at(-1)!;
    assert.equal(revisions.label, 'Revisions');
    const revs = await rows(cockpit.deploymentsTree, revisions.node);
    assert.equal(revs.filter((r) => /\(current\)$/.test(r.label)).length, 1);
    assert.equal(cockpit.deploymentsScope().namespace, NS);
  });

  it('filters to all namespaces and back to one', async () => {
    await vscode.commands.executeCommand('phoenixOps.filterDeploymentsNamespace', '*');
    const names = await waitFor('all namespaces', async () => {
      const r = (await rows(cockpit.deploymentsTree)).map((x) => x.label);
      return r.includes('phoenix-system') && r.includes(NS) ? r : undefined;
    }, 30_000);
    // The selected namespace stays on top of all of them (then degraded ones, then by name: namespaceOrder's unit tests).
    assert.equal(names[0], NS, names.join(', '));
    assert.equal(new Set(names).size, names.length, 'each namespace once');
    await vscode.commands.executeCommand('phoenixOps.filterDeploymentsNamespace', NS);
    // The one namespace's list may still be loading (a Loading row first); then only that namespace.
    assert.deepEqual(await waitFor('only the picked namespace', async () => {
      const labels = (await rows(cockpit.deploymentsTree)).map((x) => x.label);
      return labels.includes('Loading deployments…') ? undefined : labels;
    }, 30_000), [NS]);
    assert.equal(cockpit.selection().namespace, NS, 'picking a namespace also selects it in the cockpit');
  });

  it('scales, and the tree follows by watch; kubectl agrees', async () => {
    const outcome = await vscode.commands.executeCommand<{ applied: boolean }>('phoenixOps.scaleDeployment', target('notification'), 2);
    assert.equal(outcome.applied, true);
    await deploymentRow('notification', (r) => /^2\/2 ready/.test(r.description) && r.icon === 'pass-filled');
    assert.equal(await kubectl('get', 'deployment', 'notification', '-o', 'jsonpath={.spec.replicas}'), '2');
    const again = await vscode.commands.executeCommand<{ applied: boolean; why?: string }>('phoenixOps.scaleDeployment', target('notification'), 2);
    assert.deepEqual([again.applied, again.why], [false, 'skipped'], 'already at 2: reported, nothing sent');
  });

  it('pauses (icon and menu change), refuses a rollback while paused, resumes', async () => {
    assert.equal((await vscode.commands.executeCommand<{ applied: boolean }>('phoenixOps.pauseDeployment', target('notification'))).applied, true);
    const paused = await deploymentRow('notification', (r) => r.icon === 'debug-pause');
    assert.equal(paused.contextValue, 'deployment.paused');
    const refused = await vscode.commands.executeCommand<{ applied: boolean; why?: string; message?: string }>('phoenixOps.rollBackDeployment', target('notification'), 0, { follow: false });
    assert.equal(refused.why, 'refused');
    assert.match(refused.message ?? '', /paused deployment; resume it first/);
    assert.equal((await vscode.commands.executeCommand<{ applied: boolean }>('phoenixOps.resumeDeployment', target('notification'))).applied, true);
    await deploymentRow('notification', (r) => r.contextValue === 'deployment.running');
  });

  // A roll back that applies is destructive and asks in a modal dialog: the UI tier clicks through it (and checks kubectl's history).
  it('sets an image and follows the rollout; rolling back to the template already running is reported, not applied', async () => {
    const before = await kubectl('get', 'deployment', 'frontend', '-o', 'jsonpath={.spec.template.spec.containers[0].image}');
    const historyBefore = (await kubectl('rollout', 'history', 'deployment/frontend')).split('\n').filter((l) => /^\d+\s/.test(l)).length;
    const set = await vscode.commands.executeCommand<{ applied: boolean }>('phoenixOps.setImage', target('frontend'), 'frontend', 'ghcr.io/phase5/todo-app-frontend:v9.9.9');
    assert.equal(set.applied, true);
    await deploymentRow('frontend', (r) => /rev \d+ · todo-app-frontend:v9\.9\.9$/.test(r.description) && r.icon === 'pass-filled');
    const back = await vscode.commands.executeCommand<{ applied: boolean }>('phoenixOps.setImage', target('frontend'), 'frontend', before);
    assert.equal(back.applied, true);
    assert.equal(await kubectl('get', 'deployment', 'frontend', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'), before);
    const history = (await kubectl('rollout', 'history', 'deployment/frontend')).split('\n').filter((l) => /^\d+\s/.test(l));
    assert.equal(history.length, historyBefore + 1, 'the old template came back as a new revision; the old one renumbered');
    const skipped = await vscode.commands.executeCommand<{ why?: string; message?: string }>('phoenixOps.rollBackDeployment', target('frontend'), Number(history.at(-1)!.split(/\s+/)[0]), { follow: false });
    assert.equal(skipped.why, 'skipped');
    assert.match(skipped.message ?? '', /skipped rollback \(current template already matches revision \d+\)/);
  });

  it('restarts: new pods replace the old ones', async () => {
    const podsBefore = await kubectl('get', 'pods', '-l', 'app=notification', '-o', 'name');
    assert.equal((await vscode.commands.executeCommand<{ applied: boolean }>('phoenixOps.restartDeployment', target('notification'))).applied, true);
    await waitFor('new notification pods', async () => {
      const now = (await kubectl('get', 'pods', '-l', 'app=notification', '-o', 'name')).split('\n').filter(Boolean);
      return now.length === 2 && now.every((p) => !podsBefore.includes(p)) ? true : undefined;
    }, 40_000);
  });

  it('shows YAML read-only without managedFields, and events newest first', async () => {
    const yaml = await vscode.commands.executeCommand<vscode.TextDocument>('phoenixOps.showYaml', target('frontend'));
    assert.equal(yaml.uri.scheme, 'phoenix-ops');
    assert.equal(yaml.languageId, 'yaml');
    assert.match(yaml.getText(), /^kind: Deployment$/m);
    assert.doesNotMatch(yaml.getText(), /^\s+managedFields:/m);
    const events = await vscode.commands.executeCommand<vscode.TextDocument>('phoenixOps.showEvents', target('notification'));
    const text = events.getText();
    assert.match(text, /^Events of deployment\/notification, its ReplicaSets and pods in phase-5 \(phoenix-dev\)/);
    assert.match(text, /ScalingReplicaSet/);
    assert.match(text, /pod\/notification-/);
  });

  it('keeps Show Events live: an event that arrives while the document is open shows without a refresh', async () => {
    const events = await vscode.commands.executeCommand<vscode.TextDocument>('phoenixOps.showEvents', target('notification'));
    const mark = `live-check-${Date.now()}`;
    assert.doesNotMatch(events.getText(), new RegExp(mark));
    const now = new Date().toISOString();
    const file = join(mkdtempSync(join(tmpdir(), 'event-')), 'event.json');
    writeFileSync(file, JSON.stringify({
      apiVersion: 'v1', kind: 'Event', type: 'Warning', reason: 'LiveCheck', message: `${mark} arrived`, count: 1, firstTimestamp: now, lastTimestamp: now,
      metadata: { name: `notification.${mark}`, namespace: NS }, involvedObject: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'notification', namespace: NS }, source: { component: 'deployments-test' },
    }));
    await kubectl('create', '-f', file);
    try {
      const line = await waitFor('the new event in the open document', () => events.getText().split('\n').find((l) => l.includes(`${mark} arrived`)), 20_000);
      assert.match(line, /Warning\s+LiveCheck\s+deployment\/notification\s+1\s+live-check-\d+ arrived$/);
    } finally {
      await kubectl('delete', 'event', `notification.${mark}`);
    }
  });

  it('copies a kubectl command for the deployment', async () => {
    const copied = await vscode.commands.executeCommand<string>('phoenixOps.copyKubectlCommand', target('backend'), 'status');
    assert.equal(copied, 'kubectl --context=phoenix-dev -n phase-5 rollout status deployment/backend');
    assert.equal(await vscode.env.clipboard.readText(), copied);
  });

  it('tails every container of every pod, or one chosen container', async () => {
    await vscode.commands.executeCommand('phoenixOps.tailLogs', target('backend'), { tailLines: 5 });
    const all = await waitFor('lines from both containers of both pods', () => {
      const t = cockpit.logTails().find((x) => x.title === 'Logs: backend');
      return t && t.status.streaming === 4 && new Set(t.lastLines.map((l) => l.slice(0, l.indexOf(']')))).size === 4 ? t : undefined;
    }, 30_000);
    assert.equal(all.pods.length, 2);
    assert.equal(all.status.state, 'live');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.commands.executeCommand('phoenixOps.tailLogs', target('backend'), { container: 'reminder-scheduler', tailLines: 5 });
    const one = await waitFor('one container per pod', () => {
      const t = cockpit.logTails().find((x) => x.title === 'Logs: backend');
      return t && t.status.streaming === 2 && t.lastLines.length > 0 ? t : undefined;
    }, 30_000);
    assert.ok(one.lastLines.every((l) => /\/reminder-scheduler\] /.test(l)), one.lastLines.slice(0, 3).join('\n'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor('closed tails stop', () => (cockpit.logTails().length === 0 ? true : undefined), 30_000);
  });

  it('read-only mode blocks a mutation with the reason; nothing changes', async () => {
    await vscode.workspace.getConfiguration('phoenixOps').update('readOnly', true, vscode.ConfigurationTarget.Workspace);
    const outcome = await vscode.commands.executeCommand<{ applied: boolean; why?: string }>('phoenixOps.scaleDeployment', target('notification'), 5);
    assert.deepEqual([outcome.applied, outcome.why], [false, 'blocked']);
    assert.equal(await kubectl('get', 'deployment', 'notification', '-o', 'jsonpath={.spec.replicas}'), '2');
    await vscode.workspace.getConfiguration('phoenixOps').update('readOnly', undefined, vscode.ConfigurationTarget.Workspace);
    // Back to the seeded size for whoever comes next.
    await vscode.commands.executeCommand('phoenixOps.scaleDeployment', target('notification'), 1);
  });
});
