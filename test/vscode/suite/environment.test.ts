// What the test driver sets up reaches the extension host: the per-run workspace, and the sandbox's kubeconfig.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

describe('the test environment', () => {
  it('opens a fresh workspace holding runbooks/ and .vscode/settings.json, not the repository', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1);
    const root = folders[0].uri.fsPath;
    assert.ok(existsSync(join(root, 'runbooks')), `${root} has no runbooks/`);
    assert.ok(existsSync(join(root, '.vscode', 'settings.json')), `${root} has no .vscode/settings.json`);
    assert.ok(!existsSync(join(root, 'package.json')), `${root} looks like the repository`);
  });

  it('passes the sandbox kubeconfig to the extension host as KUBECONFIG', () => {
    const expected = process.env.PHOENIX_SANDBOX_KUBECONFIG;
    assert.ok(expected, 'the driver passes the sandbox kubeconfig path');
    assert.equal(process.env.KUBECONFIG, expected);
    assert.ok(existsSync(expected), `${expected} does not exist`);
  });
});
