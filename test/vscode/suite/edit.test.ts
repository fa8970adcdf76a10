// Edit YAML and Apply File… inside a real extension host against the sandbox: the document is the live object
// without status and managedFields; a YAML error fails the save naming its line and sends nothing; read-only mode
// blocks the apply at the guard (audited, nothing changed); a change kubectl made after the document was opened is a
// conflict — reported with a diff of theirs against yours, their value kept; a manifest with a YAML error is refused.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CockpitApi } from '../../../src/vscode/cockpitApi';
import { waitFor } from '../../shared/waitFor';
import { loadedCockpit } from './cockpit';
import { auditLines, kubectlIn } from './sandboxKubectl';

const NS = 'phase-5';
const CM = 'edit-suite-settings';
const config = () => vscode.workspace.getConfiguration('phoenixOps');
const kubectl = (...args: string[]) => kubectlIn(NS, ...args);
const level = async () => (await kubectl('get', 'configmap', CM, '-o', 'jsonpath={.data.LOG_LEVEL}')).trim();

/** Why the save failed (the provider's message as VS Code passes it on), or undefined when it succeeded. */
async function saveError(uri: vscode.Uri, text: string): Promise<string | undefined> {
  try {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

describe('Edit YAML and Apply File… (extension host, sandbox)', function () {
  this.timeout(90_000);
  let cockpit: CockpitApi;
  let doc: vscode.TextDocument;

  before(async () => {
    cockpit = await loadedCockpit();
    await kubectl('delete', 'configmap', CM, '--ignore-not-found');
    await kubectl('create', 'configmap', CM, '--from-literal=LOG_LEVEL=info');
  });
  after(async () => {
    await config().update('readOnly', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await kubectl('delete', 'configmap', CM, '--ignore-not-found');
  });

  it('Edit YAML opens the live object, named by kind in its tab, without status and managedFields', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('phoenixOps.editYaml', { context: 'phoenix-dev', namespace: NS, apiVersion: 'v1', kind: 'ConfigMap', name: CM });
    assert.ok(editor);
    doc = editor.document;
    assert.equal(doc.uri.scheme, 'phoenix-edit');
    assert.equal(doc.uri.path, `/phoenix-dev/${NS}/v1/${CM}.configmap.yaml`);
    assert.equal(doc.languageId, 'yaml');
    const text = doc.getText();
    assert.match(text, /^# configmap\/edit-suite-settings in phase-5 on phoenix-dev\. Save to apply/);
    assert.match(text, /^ {2}LOG_LEVEL: info$/m);
    assert.match(text, /^ {2}resourceVersion: "\d+"$/m);
    assert.doesNotMatch(text, /^\s+managedFields:|^status:/m);
  });

  it('a YAML error fails the save naming its line; nothing is sent and the document keeps the edit', async () => {
    const broken = doc.getText().replace('LOG_LEVEL: info', 'LOG_LEVEL: [debug');
    const line = broken.split('\n').findIndex((l) => l.includes('LOG_LEVEL')) + 1;
    const message = await saveError(doc.uri, broken);
    assert.ok(message, 'the save must fail');
    assert.match(message, /Not applied — the YAML is not valid, line \d+: .*Nothing was sent\./);
    assert.ok(Number(/line (\d+)/.exec(message)?.[1]) >= line, message);
    assert.equal(await level(), 'info');
  });

  it('read-only mode blocks the apply at the guard: audited as blocked with the diff summary, nothing changed', async () => {
    await config().update('readOnly', true, vscode.ConfigurationTarget.Workspace);
    const since = new Date().toISOString();
    const message = await saveError(doc.uri, doc.getText().replace('LOG_LEVEL: info', 'LOG_LEVEL: debug'));
    assert.match(message ?? '', /Not applied — read-only mode is on/);
    const record = await waitFor('the blocked edit in the audit log', () => auditLines(cockpit.auditFile).find((l) => l.time >= since && l.action === 'edit'));
    assert.equal(record.outcome, 'blocked');
    assert.equal(record.object, `configmap/${CM}`);
    assert.equal(await level(), 'info');
    // The diff was shown before the guard asked: live against what the server's dry run would store.
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff && t.label.startsWith(`${CM}.configmap.yaml: live ↔ dry run`));
    assert.ok(tab, 'the diff tab is open');
    const input = tab.input as vscode.TabInputTextDiff;
    assert.match((await vscode.workspace.openTextDocument(input.modified)).getText(), /LOG_LEVEL: debug/);
    assert.match((await vscode.workspace.openTextDocument(input.original)).getText(), /LOG_LEVEL: info/);
    await config().update('readOnly', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('a change kubectl made after the document was opened is a conflict: their value stays, the diff shows theirs against yours', async () => {
    await kubectl('patch', 'configmap', CM, '--type=merge', '-p', '{"data":{"LOG_LEVEL":"warn"}}');
    const message = await saveError(doc.uri, doc.getText().replace('LOG_LEVEL: info', 'LOG_LEVEL: debug'));
    assert.match(message ?? '', new RegExp(`Not applied — configmap/${CM} was changed since you opened it \\(resourceVersion \\d+ → \\d+; their change: 1 field changed: data.LOG_LEVEL: "info" → "warn"\\)`));
    assert.equal(await level(), 'warn');
    const tab = await waitFor('the conflict diff tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label.startsWith(`${CM}.configmap.yaml: theirs (live now) ↔ yours`)));
    const input = tab.input as vscode.TabInputTextDiff;
    assert.match((await vscode.workspace.openTextDocument(input.original)).getText(), /LOG_LEVEL: warn/);
    assert.match((await vscode.workspace.openTextDocument(input.modified)).getText(), /LOG_LEVEL: debug/);
  });

  it('Apply File… refuses a manifest with a YAML error, naming its line, and sends nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phoenix-apply-'));
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${CM}\ndata:\n  LOG_LEVEL: error\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n   data: x\n`);
    const r = await vscode.commands.executeCommand<{ why: string; messages: string[] }>('phoenixOps.applyFile', vscode.Uri.file(file), { context: 'phoenix-dev', namespace: NS });
    assert.equal(r.why, 'invalid');
    assert.match(r.messages[0] ?? '', /^line 1[01]: /);
    assert.equal(await level(), 'warn');
  });
});
