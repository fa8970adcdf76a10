// UI: an on-call engineer right-clicks a deployment, picks Edit YAML, changes its replica count in the editor and
// saves; the diff of the live object against the server's dry run opens, the confirmation names the change, and after
// "Yes, do it" the cluster has it (kubectl agrees) and the Deployments row follows.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from '../../shared/waitFor';
import { soloView } from './soloView';
import { uiEnvironment } from './uiEnvironment';
import { useWorkbench } from './workbenchFixture';

const NAME = 'edit-yaml-ui';

async function kubectl(...args: string[]): Promise<string> {
  const env = uiEnvironment();
  const home = mkdtempSync(join(env.tmpRoot, 'kubectl-'));
  return (await promisify(execFile)('kubectl', [`--kubeconfig=${env.sandbox.kubeconfigPath}`, '--context=phoenix-dev', '-n', 'phoenix-system', ...args], { env: { ...process.env, HOME: home }, timeout: 30_000 })).stdout;
}

describe('Edit YAML (UI)', () => {
  const ui = useWorkbench();
  before(async () => {
    await kubectl('delete', 'deployment', NAME, '--ignore-not-found');
    await kubectl('create', 'deployment', NAME, '--image=registry.phoenix.dev/shop:1.0.0', '--replicas=1');
  });
  after(async () => {
    await kubectl('delete', 'deployment', NAME, '--ignore-not-found');
  });

  it('edits a deployment in the editor: save shows the dry-run diff, asks, applies; kubectl sees the change', async function () {
    this.timeout(180_000);
    const { wb } = ui;
    const view = await soloView(wb, 'Deployments', 560);
    await (await view.treeItem(NAME)).contextMenu('Edit YAML');
    const tab = wb.page.locator('.tabs-container .tab.active');
    await waitFor('the Edit YAML tab', async () => /edit-yaml-ui\.deployment\.yaml/.test(await tab.innerText()) || undefined, 30_000);
    const editor = wb.page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
    await waitFor('the object in the editor', async () => /replicas: 1/.test((await editor.innerText()).replace(/\u00a0/g, ' ')) || undefined, 30_000);
    await wb.screenshot('edit-yaml-open');

    // Find "replicas: 1" (the find widget selects it), close the widget and type over the selection, then save.
    await editor.click();
    await wb.page.keyboard.press('Control+F');
    await wb.page.keyboard.type('replicas: 1');
    await wb.page.keyboard.press('Enter');
    await wb.page.keyboard.press('Escape');
    await wb.page.keyboard.type('replicas: 3');
    await wb.page.keyboard.press('Control+S');

    const question = await waitFor('the confirmation', () => wb.dialogMessage(), 60_000);
    assert.match(question, new RegExp(`^Apply your edit of deployment\\.apps/${NAME} in phoenix-system on phoenix-dev — 1 field changed: spec\\.replicas: 1 → 3 \\(the diff is open\\)\\?$`));
    const diffTab = wb.page.locator('.tabs-container .tab', { hasText: `${NAME}.deployment.yaml: live ↔ dry run` });
    assert.equal(await diffTab.count(), 1, 'the diff is open behind the question');
    await wb.screenshot('edit-yaml-diff-confirm');
    assert.equal((await kubectl('get', 'deployment', NAME, '-o', 'jsonpath={.spec.replicas}')).trim(), '1', 'nothing is applied before the answer');
    await wb.clickDialogButton('Yes, do it');

    await wb.waitForNotification(new RegExp(`applied to deployment\\.apps/${NAME} in phoenix-system on phoenix-dev: 1 field changed: spec\\.replicas: 1 → 3`), 30_000);
    assert.equal((await kubectl('get', 'deployment', NAME, '-o', 'jsonpath={.spec.replicas}')).trim(), '3');
    // The Deployments view follows the change live: the row now wants three.
    await waitFor('the row to want 3 replicas', async () => /\/3 ready/.test(await (await view.treeItem(NAME)).description()) || undefined, 30_000);
    await wb.screenshot('edit-yaml-applied');
  });
});
