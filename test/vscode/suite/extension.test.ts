// The extension inside a real extension host: it activates, its manifest and its registrations agree, its container opens.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, loadedCockpit } from './cockpit';

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: Array<{ command: string }>;
    views: Record<string, Array<{ id: string; name: string }>>;
  };
}

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded`);
  return ext;
}

describe('the extension in a real VS Code', () => {
  it('is active once VS Code has started, without anyone opening its views (onStartupFinished)', async () => {
    assert.deepEqual((extension().packageJSON as Manifest).activationEvents, ['onStartupFinished']);
    // Nothing in this suite has touched the extension yet: VS Code itself activated it after start-up.
    const active = await new Promise<boolean>((resolve) => {
      const end = Date.now() + 15_000;
      const poll = () => (extension().isActive ? resolve(true) : Date.now() > end ? resolve(false) : setTimeout(poll, 100));
      poll();
    });
    assert.equal(active, true, 'VS Code did not activate the extension after start-up');
    // …and the cockpit behind the start-up stand-ins loads by itself.
    await loadedCockpit();
  });

  it('registers every command its manifest declares, and declares every phoenixOps command it registers', async () => {
    await extension().activate();
    const manifest = extension().packageJSON as Manifest;
    const declared = manifest.contributes.commands.map((c) => c.command).sort();
    // VS Code adds <viewId>.focus and friends for each view: those are not ours to declare.
    const viewIds = Object.values(manifest.contributes.views).flat().map((v) => `${v.id}.`);
    const registered = (await vscode.commands.getCommands(true))
      .filter((c) => c.startsWith('phoenixOps.') && !viewIds.some((prefix) => c.startsWith(prefix)))
      .sort();
    assert.deepEqual(registered, declared);
    // Start-up registers a stand-in per declared id; the cockpit must implement each of them.
    assert.deepEqual((await loadedCockpit()).commandIds().sort(), declared);
  });

  it('contributes the Phoenix Ops container with Clusters, Deployments, Nodes, Port Forwards, Resources, Rollouts, Experiments, Alerts, Agents and Backups, and the workbench has each view', async () => {
    await extension().activate();
    const expected = [
      ['phoenixOps.clusters', 'Clusters'],
      ['phoenixOps.deployments', 'Deployments'],
      ['phoenixOps.nodes', 'Nodes'],
      ['phoenixOps.portForwards', 'Port Forwards'],
      ['phoenixOps.resources', 'Resources'],
      ['phoenixOps.rollouts', 'Rollouts'],
      ['phoenixOps.experiments', 'Experiments'],
      ['phoenixOps.alerts', 'Alerts'],
      ['phoenixOps.agents', 'Agents'],
      ['phoenixOps.backups', 'Backups'],
    ];
    const views = (extension().packageJSON as Manifest).contributes.views.phoenixOps;
    assert.deepEqual(views?.map((v) => [v.id, v.name]), expected);
    // The manifest only says what it says: the workbench itself must know the container and every view.
    // It generates `<viewId>.focus` for each view it registered, and these commands throw for an unknown one.
    await vscode.commands.executeCommand('workbench.view.extension.phoenixOps');
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const [id] of expected) {
      assert.ok(commands.has(`${id}.focus`), `the workbench has no view ${id}`);
      await vscode.commands.executeCommand(`${id}.focus`);
    }
  });
});
