// The Clusters slice inside a real extension host against the sandbox: the tree VS Code renders
// (through the same provider calls the workbench makes), selection, status bar and error nodes.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CockpitApi } from '../../../src/vscode/cockpitApi';
import { waitFor } from '../../shared/waitFor';
import { loginKubeconfig, sandboxToken } from '../loginKubeconfig';
import { rows } from './treeRows';
import { loadedCockpit } from './cockpit';


async function api(): Promise<CockpitApi> {
  return loadedCockpit();
}

const config = () => vscode.workspace.getConfiguration('phoenixOps');

describe('Clusters view (extension host, sandbox)', () => {
  let cockpit: CockpitApi;
  before(async () => {
    cockpit = await api();
    // The view is what starts the watches: show it as a user would.
    await vscode.commands.executeCommand('phoenixOps.clusters.focus');
  });
  afterEach(async () => {
    await config().update('kubeconfigFiles', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('kubeconfigFiles', undefined, vscode.ConfigurationTarget.Global);
    await config().update('readOnly', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('lists the sandbox contexts with the current one selected and prod marked protected', async () => {
    const roots = await rows(cockpit.clustersTree);
    assert.deepEqual(roots.map((r) => r.label), ['phoenix-dev', 'phoenix-prod']);
    const [dev, prod] = roots;
    assert.match(dev.description, /selected/);
    assert.match(dev.description, /kubectl current/);
    assert.equal(dev.contextValue, 'context.selected');
    assert.match(prod.description, /protected/);
    assert.doesNotMatch(prod.description, /selected/);
    // Names in the tooltip's code spans read as they are (a backslash would show: phoenix\-prod).
    const tip = (await cockpit.clustersTree.getTreeItem(prod.node)).tooltip;
    assert.ok(tip instanceof vscode.MarkdownString);
    assert.match(tip.value, /- cluster: `phoenix-prod`/);
    for (const line of ['cluster', 'user', 'default namespace']) assert.match(tip.value, new RegExp(`^- ${line}: \`[^\`\\\\]+\``, 'm'), `no backslash in the ${line} code span`);
  });

  it('expands a context into its live namespaces, the selected one marked', async () => {
    const [dev] = await rows(cockpit.clustersTree);
    const namespaces = await rows(cockpit.clustersTree, dev.node);
    const names = namespaces.map((n) => n.label);
    for (const ns of ['default', 'phase-5', 'phoenix-system']) assert.ok(names.includes(ns), `${ns} in ${names.join(', ')}`);
    assert.deepEqual(names, [...names].sort(), 'sorted by name');
    assert.match(namespaces.find((n) => n.label === 'phoenix-system')!.description, /selected/, 'the context default namespace is selected');
  });

  it('selecting a namespace and then a context updates the selection and the status bar, and survives in workspace state', async () => {
    const [dev, prod] = await rows(cockpit.clustersTree);
    const phase5 = (await rows(cockpit.clustersTree, dev.node)).find((n) => n.label === 'phase-5');
    assert.ok(phase5);
    await vscode.commands.executeCommand('phoenixOps.selectNamespace', phase5.node);
    assert.deepEqual(cockpit.selection(), { context: 'phoenix-dev', namespace: 'phase-5', source: 'stored' });
    assert.match(cockpit.statusBarText(), /\$\(cloud\) phoenix-dev \/ phase-5/);

    await vscode.commands.executeCommand('phoenixOps.selectContext', prod.node);
    assert.deepEqual(cockpit.selection(), { context: 'phoenix-prod', namespace: 'phoenix-system', source: 'stored' });
    assert.match(cockpit.statusBarText(), /\$\(shield\) phoenix-prod \/ phoenix-system/, 'a protected context shows a shield');
    const after = await rows(cockpit.clustersTree);
    assert.match(after[1].description, /selected/);
    assert.doesNotMatch(after[0].description, /selected/);

    // Back to dev for the other tests.
    await vscode.commands.executeCommand('phoenixOps.selectContext', after[0].node);
    assert.equal(cockpit.selection().context, 'phoenix-dev');
  });

  it('writes kubectl current-context only on "Use as kubectl current-context", and leaves the rest of the file alone', async () => {
    const file = process.env.KUBECONFIG!;
    const before = readFileSync(file, 'utf8');
    // kubectl starts on phoenix-prod; the command moves it to the unprotected phoenix-dev (a protected context asks for
    // its name typed: the UI tier types it).
    const onProd = before.replace(/current-context: phoenix-dev/, 'current-context: phoenix-prod');
    writeFileSync(file, onProd);
    await vscode.commands.executeCommand('phoenixOps.refreshClusters');
    try {
      const [dev] = await waitFor('kubectl on phoenix-prod', async () => {
        const r = await rows(cockpit.clustersTree);
        return /kubectl current/.test(r[1].description) ? r : undefined;
      }, 30_000);
      await vscode.commands.executeCommand('phoenixOps.useAsKubectlContext', dev.node);
      assert.equal(readFileSync(file, 'utf8'), before);
      const roots = await waitFor('the kubectl marker to move', async () => {
        const r = await rows(cockpit.clustersTree);
        return /kubectl current/.test(r[0].description) ? r : undefined;
      }, 30_000);
      assert.doesNotMatch(roots[1].description, /kubectl current/);
      assert.equal(cockpit.selection().context, 'phoenix-dev', "the cockpit's own selection does not follow kubectl");
    } finally {
      writeFileSync(file, before);
      await vscode.commands.executeCommand('phoenixOps.refreshClusters');
    }
  });

  it('shows a malformed kubeconfig file from the settings as an error node, keeping the good contexts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phoenix-kc-'));
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'clusters:\n- name: x\n  cluster: {server: [}\n');
    await config().update('kubeconfigFiles', [broken], vscode.ConfigurationTarget.Workspace);
    const roots = await waitFor('an error node', async () => {
      const r = await rows(cockpit.clustersTree);
      return r.length === 3 ? r : undefined;
    }, 30_000);
    assert.equal(roots[0].label, "Cannot read broken.yaml");
    assert.equal(roots[0].contextValue, 'error');
    assert.equal(roots[0].icon, 'error');
    assert.deepEqual(roots.slice(1).map((r) => r.label), ['phoenix-dev', 'phoenix-prod']);
  });

  it('shows a context whose login the server rejects as an Unauthorized node; after logging in again, retry lists its namespaces', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phoenix-kc-'));
    const good = readFileSync(process.env.KUBECONFIG!, 'utf8');
    // A third context on the dev server whose exec login plugin hands out a token the server rejects.
    const login = loginKubeconfig(dir, good, 'stale-login');
    // In the user's settings: an exec login plugin from a file the workspace names waits for the user's yes (issue 13).
    await config().update('kubeconfigFiles', [login.file], vscode.ConfigurationTarget.Global);
    const stale = await waitFor('the stale context', async () => (await rows(cockpit.clustersTree)).find((r) => r.label === 'stale-login'), 30_000);
    const [err] = await rows(cockpit.clustersTree, stale.node);
    assert.equal(err?.label, 'Unauthorized');
    assert.equal(err?.contextValue, 'error');
    assert.match(err.description, /401/);
    // Log in again (the kubeconfig file is unchanged, so nothing reloads it), then retry: the retry must
    // ask the server again, now with the good token. Read at once: a retry that did nothing still shows the error.
    login.login(sandboxToken(good));
    await vscode.commands.executeCommand('phoenixOps.retryNode', err.node);
    const after = (await rows(cockpit.clustersTree, stale.node)).map((r) => r.label);
    assert.ok(after.includes('phoenix-system') && after.includes('default'), `after the retry: ${after.join(', ')}`);
  });
});
