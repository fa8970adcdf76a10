// UI: what a stranger's text or a cloned repository can do to an on-call engineer — nothing. An alert whose
// description carries a fenced shell block opens in Show Query as text, and nothing runs; kubectl's
// current-context moves to a protected cluster only once its name is typed; in an untrusted folder the
// repository's settings point nowhere, and once trusted its URLs get no token and its kubeconfig's credential
// plugin does not run without a yes.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sandboxSettings } from '../../../scripts/sandboxLink';
import { waitFor } from '../../shared/waitFor';
import { NotebookEditor } from './notebookEditor';
import { uiEnvironment } from './uiEnvironment';
import type { Workbench } from './workbench';
import { useWorkbench } from './workbenchFixture';

/** Closes every editor, reverting untitled notebooks instead of asking to save them. */
async function closeEditorsWithoutSaving(wb: Workbench): Promise<void> {
  for (let i = 0; i < 5 && (await wb.page.locator('.tabs-container .tab').count()) > 0; i++) await wb.runCommand('View: Revert and Close Editor');
}

/** The message line of the open input box (its prompt). */
async function inputMessage(page: Page): Promise<string> {
  return waitFor('the input box message', async () => ((await page.locator('.quick-input-widget:visible .quick-input-message').innerText()).trim() || undefined));
}

async function postAlert(amUrl: string, labels: Record<string, string>, annotations: Record<string, string>, endsInMs: number): Promise<void> {
  const now = Date.now();
  const res = await fetch(`${amUrl}/api/v2/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify([{ labels, annotations, startsAt: new Date(now - 1000).toISOString(), endsAt: new Date(now + endsInMs).toISOString() }]),
    signal: AbortSignal.timeout(10_000),
  });
  assert.ok(res.ok, `POST /api/v2/alerts: ${res.status}`);
}

describe('Security (UI)', function () {
  this.timeout(240_000);
  const ui = useWorkbench();
  const marker = join(mkdtempSync(join(tmpdir(), 'phoenix-pwned-')), 'pwned');
  // Anyone who can post to Alertmanager writes this; the rule name and labels match a real rule, so Show Query finds it.
  const labels = { alertname: 'PodCrashLooping', severity: 'critical', priority: 'P1', namespace: 'phase-5', pod: 'planted-by-a-stranger' };
  const description = `Disk almost full on the node.\nRun this to fix it:\n\`\`\`sh\ntouch ${marker}\n\`\`\`\n[Open the fix](command:phoenixOps.useAsKubectlContext)`;

  after(async () => {
    await postAlert(ui.sandbox.alertmanagerUrl ?? '', labels, { description }, -1000).catch(() => undefined);
  });

  it('Show Query of an alert whose description carries a fenced shell block: the text shows as text, only the query runs', async () => {
    const { wb } = ui;
    await postAlert(ui.sandbox.alertmanagerUrl ?? '', labels, { description }, 10 * 60_000);
    await wb.openViewContainer('Phoenix Ops');
    for (const name of ['Clusters', 'Deployments', 'Experiments', 'Agents']) await wb.view(name).collapse();
    const alerts = wb.view('Alerts');
    await alerts.expand();
    const row = await alerts.treeItem(/^Disk almost full on the node/, 30_000);
    await row.contextMenu('Show Query');
    const nb = new NotebookEditor(wb.page);
    await nb.waitOpen();
    // The promql cell ran (its chart is drawn); the description's fenced block is rendered as text in the markdown cell.
    await nb.outputs.locator('.phx-chart canvas').first().waitFor({ timeout: 30_000 });
    // Markdown cells render inside shadow roots of the output webview: a text locator reaches them.
    const paragraph = nb.outputs.getByText('Run this to fix it:', { exact: false }).first();
    await paragraph.waitFor({ timeout: 20_000 });
    const text = await paragraph.innerText();
    assert.match(text, new RegExp(`touch ${marker.replace(/[/.-]/g, '\\$&')}`));
    assert.match(text, /```sh/, 'the fence is shown literally');
    assert.match(text, /\[Open the fix\]\(command:phoenixOps\.useAsKubectlContext\)/, 'the link is text, not a link');
    assert.equal(await nb.outputs.locator('a[href^="command:"]').count(), 0);
    // No shell cell exists: the only code cells are the rule's expression and its trend.
    // (The notebook renders only the rows on screen — the second query sits below the first one's chart — so every
    // code row laid out must be a PromQL cell, none a shell cell; the extension-host suite counts the cells exactly.)
    const codeRows = await nb.root.locator('.code-cell-row').count();
    assert.ok(codeRows >= 1);
    assert.equal(await nb.root.locator('.code-cell-row').filter({ hasText: 'PromQL' }).count(), codeRows, 'only PromQL cells');
    await wb.screenshot('security-show-query-fenced-description');
    assert.equal(existsSync(marker), false, 'nothing from the description ran');
    await closeEditorsWithoutSaving(wb);
  });

  it('Use as kubectl current-context on a protected context waits until its name is typed, and is audit-logged', async () => {
    const { wb } = ui;
    const file = ui.sandbox.kubeconfigPath;
    const before = readFileSync(file, 'utf8');
    try {
      for (const name of ['Deployments', 'Experiments', 'Alerts', 'Agents']) await wb.view(name).collapse();
      const clusters = wb.view('Clusters');
      await clusters.expand();
      await (await clusters.treeItem('phoenix-dev')).collapse();
      await (await clusters.treeItem('phoenix-prod')).contextMenu('Use as kubectl current-context');
      const confirm = await wb.quickPick();
      assert.match(await confirm.prompt(), /^Confirm use as kubectl current-context on protected context phoenix-prod$/);
      assert.match(await inputMessage(wb.page), /phoenix-prod is a protected context\. Set kubectl's current-context to phoenix-prod in .* \(every kubectl you run then uses it\)\. Type "phoenix-prod" to confirm\./);
      await confirm.input.fill('phoenix-pro');
      await wb.screenshot('security-use-as-kubectl-confirm');
      assert.equal(readFileSync(file, 'utf8'), before, 'nothing written while the name is not typed');
      await confirm.input.fill('phoenix-prod');
      await confirm.input.press('Enter');
      await wb.waitForNotification(/kubectl now uses context "phoenix-prod"/);
      assert.equal(readFileSync(file, 'utf8'), before.replace(/current-context: phoenix-dev/, 'current-context: phoenix-prod'));
    } finally {
      writeFileSync(file, before);
    }
  });
});

describe('Security in an untrusted workspace (UI)', function () {
  this.timeout(300_000);
  /** Stands in for a server a cloned repository's settings point at: answers like Prometheus/Alertmanager, records what it is sent. */
  const seen: Array<{ path: string; auth: string | undefined }> = [];
  let server: Server;
  let url = '';
  const marker = join(mkdtempSync(join(tmpdir(), 'phoenix-plugin-')), 'ran');
  const userSettings: Record<string, unknown> = {};

  before(async () => {
    server = createServer((req, res) => {
      seen.push({ path: req.url ?? '', auth: req.headers.authorization });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.url?.startsWith('/api/v2/') ? '[]' : JSON.stringify({ status: 'success', data: { groups: [], alerts: [], resultType: 'vector', result: [] } }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The user's own settings point at the sandbox; the repository's point at the recorder.
    const sandbox = uiEnvironment().sandbox;
    for (const [k, v] of Object.entries(sandboxSettings(sandbox))) if (/\.(url|urls)$/.test(k)) userSettings[k] = v;
  });
  after(() => server?.close());

  const ui = useWorkbench({
    disableWorkspaceTrust: false,
    userSettings,
    settingsFromSandbox: (sandbox) => {
      const dir = mkdtempSync(join(tmpdir(), 'phoenix-repo-kubeconfig-'));
      const kubeconfig = join(dir, 'kubeconfig.yaml');
      const server0 = sandbox.clusters[0]?.url ?? 'https://127.0.0.1:1';
      writeFileSync(
        kubeconfig,
        `apiVersion: v1\nkind: Config\nclusters:\n- name: repo\n  cluster: {server: "${server0}", insecure-skip-tls-verify: true}\nusers:\n- name: repo-user\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: sh\n      args: ["-c", "touch ${marker}; exit 1"]\ncontexts:\n- name: repo-cluster\n  context: {cluster: repo, user: repo-user}\n`,
      );
      return {
        ...sandboxSettings(sandbox),
        'phoenixOps.prometheus.url': url,
        'phoenixOps.alertmanager.urls': [url],
        'phoenixOps.platformApi.url': url,
        'phoenixOps.kubeconfigFiles': [...((sandboxSettings(sandbox)['phoenixOps.kubeconfigFiles'] as string[] | undefined) ?? []), kubeconfig],
      };
    },
  });

  it("lists the repository's rollout plans but will not use them while the folder is untrusted", async () => {
    const { wb } = ui;
    // A plan that takes a shipped plan's name, with a gate nothing fails.
    const folder = join(ui.workspace, '.phoenix', 'rollout-plans');
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, 'shadow.yaml'),
      'name: guide-001 canary\nphases:\n  - weight: 100\n    hold: 1m\ngates:\n  - name: always\n    query: vector(0)\n    max: 1\n',
    );
    await wb.runCommand('Phoenix Ops: Start Canary…');
    const deployment = await wb.quickPick();
    await waitFor('the deployments', async () => ((await deployment.items()).includes('platform-api') ? true : undefined), 60_000);
    await deployment.pick('platform-api');
    const plans = await wb.quickPick();
    const rows = await waitFor('the plans', async () => {
      const r = await plans.rowTexts();
      return r.some((t) => t.includes('shadow.yaml')) ? r : undefined;
    }, 30_000);
    const shadow = rows.find((t) => t.includes('shadow.yaml')) ?? '';
    assert.match(shadow, /Cannot be used: this folder is not trusted/);
    assert.ok(rows.some((t) => /^guide-001 canary\s*shipped/.test(t)), `the shipped plan is still offered: ${rows.join(' | ')}`);
    await wb.screenshot('security-untrusted-plan');
    await wb.page.keyboard.press('Escape');
  });

  it('uses only your own settings while the folder is untrusted; trusted, its URLs get no token and its credential plugin waits for a yes', async () => {
    const { wb } = ui;
    await wb.openViewContainer('Phoenix Ops');
    const alerts = wb.view('Alerts');
    await alerts.expand();
    // The Alerts view asks the sandbox's Alertmanager (your setting): its answer shows, the repository's server hears nothing.
    await alerts.treeItem(/No alerts firing|Critical|Warning|Silences/, 90_000);
    assert.equal(seen.length, 0, `the repository’s URL was never asked while untrusted: ${JSON.stringify(seen)}`);
    const clusters = wb.view('Clusters');
    await clusters.expand();
    await clusters.treeItem('phoenix-dev');
    assert.ok(!(await clusters.itemLabels()).includes('repo-cluster'), 'the repository’s kubeconfig file is not read');

    // A token set now is bound to your Alertmanager's address, and says so.
    await wb.runCommand('Phoenix Ops: Set API Token');
    await (await wb.quickPick()).pick('Alertmanager');
    const tokenBox = await wb.quickPick();
    const amOrigin = new URL(String((userSettings['phoenixOps.alertmanager.urls'] as string[])[0])).host;
    assert.match(await inputMessage(wb.page), new RegExp(`^Sent only to http://${amOrigin.replace(/\./g, '\\.')}\\. Kept in SecretStorage`));
    await wb.screenshot('security-untrusted-token-prompt');
    await tokenBox.submit('s3cret-token');

    // Trust the folder: the repository's settings now apply. Its server is asked — without the token.
    await wb.runCommand('Workspaces: Manage Workspace Trust');
    await wb.page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust( Folder)?$/ }).first().click();
    await waitFor('the repository’s server to be asked', () => seen.some((s) => s.path.startsWith('/api/v2/alerts')), 30_000);
    assert.ok(seen.every((s) => !s.auth), `no credential went there: ${JSON.stringify(seen.filter((s) => s.auth))}`);

    // Its kubeconfig is read now; the credential plugin of its context waits for a yes, and Cancel keeps it from running.
    await wb.runCommand('View: Close All Editors');
    await wb.openViewContainer('Phoenix Ops');
    for (const name of ['Deployments', 'Experiments', 'Alerts', 'Agents']) await wb.view(name).collapse();
    await clusters.expand();
    await (await clusters.treeItem('phoenix-dev')).collapse();
    await (await clusters.treeItem('repo-cluster', 30_000)).expand();
    const blocked = await clusters.treeItem('Credential plugin not allowed', 20_000);
    assert.match(await blocked.description(), /exec: sh -c touch .*; exit 1 \(from kubeconfig\.yaml\)/);
    await wb.waitForSideBarIdle();
    await wb.screenshot('security-plugin-waits-for-yes');
    await blocked.click();
    const question = await waitFor('the plugin question', () => wb.dialogMessage());
    assert.match(question, /a kubeconfig file that this workspace's settings \(phoenixOps\.kubeconfigFiles\) added/);
    await wb.screenshot('security-plugin-question');
    await wb.clickDialogButton('Cancel');
    await clusters.treeItem('Credential plugin not allowed');
    assert.equal(existsSync(marker), false, 'the plugin never ran');
  });
});
