// UI: an on-call engineer right-clicks a platform-api pod, reads its Describe Pod editor (kubectl's fields, a Refresh
// action in the title), deletes the pod after the confirmation that says its ReplicaSet will replace it, sees the open
// description follow the pod to its end by itself, and a replacement pod take its place in the tree (kubectl agrees);
// then opens Shell / Exec… on a pod, types a command into the integrated terminal and reads its output in the
// terminal and in the file it wrote in the simulated container's scratch root.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { soloView } from './soloView';
import { uiEnvironment } from './uiEnvironment';
import { useWorkbench } from './workbenchFixture';
import type { Workbench } from './workbench';
import { waitFor } from '../../shared/waitFor';

async function kubectl(...args: string[]): Promise<string> {
  const env = uiEnvironment();
  const home = mkdtempSync(join(env.tmpRoot, 'kubectl-'));
  return (await promisify(execFile)('kubectl', [`--kubeconfig=${env.sandbox.kubeconfigPath}`, '--context=phoenix-dev', '-n', 'phoenix-system', ...args], { env: { ...process.env, HOME: home }, timeout: 30_000 })).stdout;
}

const podNames = async () => (await kubectl('get', 'pods', '-l', 'app=platform-api', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.metadata.deletionTimestamp}{"\\n"}{end}')).split('\n').filter(Boolean).map((l) => l.split(' '));

/** The lines the active text editor shows (Monaco renders only those in view; non-breaking spaces as spaces). */
async function editorText(wb: Workbench): Promise<string> {
  const lines = wb.page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
  return ((await lines.innerText().catch(() => '')) ?? '').replace(/\u00a0/g, ' ');
}

/**
 * After a row's menu entry: waits until `done` holds, answering the "which deployment / which pod" questions a person
 * would if they come (a deployment row asks for its pod; a row click that reached the command without its row asks both).
 */
async function answerWhichPod(wb: Workbench, deployment: string, pod: string | RegExp, done: () => Promise<boolean>): Promise<string[]> {
  const answered: string[] = [];
  for (;;) {
    const next = await waitFor('the result or a question', async () => ((await done()) ? 'done' : (await wb.page.locator('.quick-input-widget:visible').count()) > 0 ? 'asked' : undefined), 30_000);
    if (next === 'done') return answered;
    assert.ok(answered.length < 2, `asked more than which deployment and which pod: ${answered.join(' | ')}`);
    const q = await wb.quickPick();
    const title = await q.prompt();
    if (/— deployment in/.test(title)) await q.pick(deployment);
    else if (/— pod of /.test(title)) await q.pick(pod);
    else assert.fail(`an unexpected question: ${title}`);
    answered.push(title);
    await waitFor('the question to close', async () => (await wb.page.locator('.quick-input-widget:visible').count()) === 0 || (await q.prompt().catch(() => '')) !== title, 10_000);
  }
}

describe('Pod actions (UI)', () => {
  // xterm's DOM renderer (not WebGL), so the terminal's rows can be read from the page.
  const ui = useWorkbench({ settings: { 'terminal.integrated.gpuAcceleration': 'off' } });

  it('describes a pod in a read-only editor, deletes it after a confirmation naming what recreates it, and the description follows', async function () {
    this.timeout(180_000);
    const { wb } = ui;
    const view = await soloView(wb, 'Deployments', 620);
    await (await view.treeItem('platform-api')).expand();
    const row = await view.treeItem(/^platform-api-\w+-\w{5}$/);
    const pod = await row.label();

    await row.contextMenu('Describe Pod');
    const showsPod = async () => new RegExp(`^Name:\\s+${pod}$`, 'm').test(await editorText(wb));
    await answerWhichPod(wb, 'platform-api', pod, showsPod);
    const described = await editorText(wb);
    assert.match(described, /^Namespace:\s+phoenix-system$/m);
    assert.match(described, /^Status:\s+Running$/m);
    assert.match(described, /^Controlled By:\s+ReplicaSet\/platform-api-\w+$/m);
    assert.match(described, /^ {4}Image:\s+ghcr\.io\/phoenix\/platform-api:/m);
    assert.match(described, /^ {4}State:\s+Running$/m);
    const tab = wb.page.locator('.tabs-container .tab.active');
    assert.match(await tab.innerText(), new RegExp(`${pod}\\.describe`));
    assert.equal(await wb.page.locator('.editor-group-container.active .editor-actions [aria-label="Refresh"]').count(), 1, 'a Refresh action in the editor title');
    await wb.screenshot('pod-describe');

    await (await view.treeItem(pod)).contextMenu('Delete Pod…');
    await answerWhichPod(wb, 'platform-api', pod, async () => (await wb.dialogMessage()) !== undefined);
    const question = await waitFor('the delete confirmation', () => wb.dialogMessage());
    assert.match(question, new RegExp(`^Delete pod ${pod} in phoenix-system — ReplicaSet platform-api-\\w+ of deployment platform-api will create a replacement, with a new name and maybe on another node\\?$`));
    await wb.screenshot('pod-delete-confirmation');
    assert.ok((await podNames()).some(([n, deleting]) => n === pod && !deleting), 'nothing deleted before the answer');
    await wb.clickDialogButton('Yes, do it');
    await wb.waitForNotification(new RegExp(`deleted pod ${pod} in phoenix-system \\(phoenix-dev\\)\\. ReplicaSet`));

    // The open description re-reads itself as the pod goes: Terminating, then gone.
    await waitFor('the description to say the pod is gone', async () => new RegExp(`^Pod ${pod} no longer exists: it was deleted\\.\\n\\(namespace phoenix-system, context phoenix-dev\\)$`, 'm').test(await editorText(wb)), 60_000);
    await view.waitForNoTreeItem(pod, 60_000);
    await waitFor('three platform-api pods again, all new', async () => {
      const rows = await podNames();
      const live = rows.filter(([, deleting]) => !deleting).map(([n]) => n);
      return live.length === 3 && !live.includes(pod);
    }, 60_000);
    await waitFor('the tree to show platform-api whole again', async () => /^3\/3 ready/.test(await (await view.treeItem('platform-api')).description()), 60_000);
    await wb.clearNotifications();
    await wb.screenshot('pod-deleted-replaced');
  });

  it("on a deployment row, Describe Pod asks which of the deployment's pods", async () => {
    const { wb } = ui;
    const view = await soloView(wb, 'Deployments', 620);
    const generatorPods = (await kubectl('get', 'pods', '-l', 'app=generator', '-o', 'jsonpath={.items[*].metadata.name}')).split(' ').filter(Boolean);
    assert.ok(generatorPods.length >= 2, 'the seeded generator has two pods: the pick is asked');
    await (await view.treeItem('generator')).contextMenu('Describe Pod');
    const asked = await answerWhichPod(wb, 'generator', /^generator-\w+-\w{5}/, async () => /^Name:\s+generator-\w+-\w{5}$/m.test(await editorText(wb)));
    assert.ok(asked.some((t) => /— pod of generator \(phoenix-dev\/phoenix-system\)$/.test(t)), asked.join(' | '));
    const text = await editorText(wb);
    const name = /^Name:\s+(\S+)$/m.exec(text)?.[1] ?? '';
    assert.ok(generatorPods.includes(name), `${name} is one of ${generatorPods.join(', ')}`);
    assert.match(text, /^Controlled By:\s+ReplicaSet\/generator-\w+$/m);
    await wb.screenshot('pod-describe-from-deployment');
  });

  it('opens a shell in a platform-api pod from the tree: a typed command runs in the container and its output shows', async function () {
    this.timeout(180_000);
    const { wb } = ui;
    const view = await soloView(wb, 'Deployments', 620);
    await (await view.treeItem('platform-api')).expand();
    const row = await view.treeItem(/^platform-api-\w+-\w{5}$/);
    const pod = await row.label();
    const uid = await kubectl('get', 'pod', pod, '-o', 'jsonpath={.metadata.uid}');
    const root = join(dirname(uiEnvironment().sandbox.kubeconfigPath), 'exec', 'phoenix-dev', 'phoenix-system', `${pod}-${uid}`, 'platform-api');

    await row.contextMenu('Shell / Exec…');
    const rows = wb.page.locator('.terminal-wrapper.active .xterm-rows');
    const terminalText = async () => ((await rows.last().innerText().catch(() => '')) ?? '').replace(/\u00a0/g, ' ');
    await answerWhichPod(wb, 'platform-api', pod, async () => (await rows.count()) > 0);
    // The shell's prompt (bash's or sh's) says the pty on the other side is up.
    await waitFor('the shell prompt in the terminal', async () => /[#$] *$/m.test(await terminalText()), 60_000);
    await wb.page.locator('.terminal-wrapper.active .xterm-screen').last().click();
    await wb.page.keyboard.type('echo "marker-$((6*7)) in $HOSTNAME" > marker.txt; cat marker.txt\n');
    const file = await waitFor('the marker file in the container', () => (existsSync(join(root, 'marker.txt')) ? readFileSync(join(root, 'marker.txt'), 'utf8') : undefined), 30_000);
    assert.equal(file, `marker-42 in ${pod}\n`);
    // The output line (the echoed command line has "$((6*7))", not 42).
    await waitFor('the output in the terminal', async () => new RegExp(`^marker-42 in ${pod}\\s*$`, 'm').test(await terminalText()), 30_000);
    await wb.screenshot('pod-shell');

    await wb.page.keyboard.type('exit\n');
    await waitFor('the shell to end and its terminal to close', async () => (await rows.count()) === 0, 30_000);
  });
});
