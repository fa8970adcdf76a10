// UI: an on-call engineer opens the Deployments view, reads the state of the platform at a glance,
// tails platform-api's logs, ships a crash-looping image, watches it degrade, rolls back from the
// history picker and sees the tree go healthy; prod asks for the deployment's name; read-only refuses a scale.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { uiEnvironment } from './uiEnvironment';
import type { ViewSection } from './viewSection';
import { waitFor } from '../../shared/waitFor';
import type { Workbench } from './workbench';
import { useWorkbench } from './workbenchFixture';
import { afterRowCommand } from './rowQuestion';
import { soloView } from './soloView';

const STATUS = 'phoenix-ops.phoenix-ops-cockpit.phoenixOps.context';

/** Real kubectl against the sandbox, as the engineer's terminal would run it. */
async function kubectl(...args: string[]): Promise<string> {
  const env = uiEnvironment();
  const home = mkdtempSync(join(env.tmpRoot, 'kubectl-'));
  const r = await promisify(execFile)('kubectl', [`--kubeconfig=${env.sandbox.kubeconfigPath}`, ...args], { env: { ...process.env, HOME: home }, timeout: 30_000 });
  return r.stdout;
}

/** The Deployments view with room to read it: other sections folded, a wide side bar. */
const deploymentsView = (wb: Workbench): Promise<ViewSection> => soloView(wb, 'Deployments', 620);

/** Waits until the deployment's row shows `icon` and a description matching `description`. */
async function waitForRow(view: ViewSection, name: string, icon: string, description: RegExp, timeoutMs = 30_000): Promise<string> {
  return waitFor(`${name} to show ${icon} and ${String(description)}`, async () => {
    const item = await view.treeItem(name);
    const [i, d] = [await item.iconId(), await item.description()];
    return i === icon && description.test(d) ? d : undefined;
  }, timeoutMs);
}

describe('Deployments view (UI)', () => {
  const ui = useWorkbench();
  // The suites after this one share the sandbox: a test that failed half-way must not leave platform-api crashing.
  after(async function () {
    this.timeout(90_000);
    const image = await kubectl('-n', 'phoenix-system', 'get', 'deployment', 'platform-api', '-o', 'jsonpath={.spec.template.spec.containers[0].image}').catch(() => '');
    if (!/-crash$/.test(image)) return;
    await kubectl('-n', 'phoenix-system', 'set', 'image', 'deployment/platform-api', 'platform-api=ghcr.io/phoenix/platform-api:1.8.2');
    await kubectl('-n', 'phoenix-system', 'rollout', 'status', 'deployment/platform-api', '--timeout=60s').catch(() => undefined);
  });

  it('shows the selected namespace with its deployments: state, counts, revision and image at a glance', async () => {
    const { wb } = ui;
    const view = await deploymentsView(wb);
    await view.treeItem('phoenix-system');
    assert.match(await (await view.treeItem('phoenix-system')).description(), /^9 deployments$/);
    await waitForRow(view, 'platform-api', 'pass-filled', /^3\/3 ready · rev \d+ · platform-api:1\.8\.2$/);
    assert.equal(await (await view.treeItem('platform-api-canary')).iconId(), 'circle-slash');
    assert.match(await (await view.treeItem('platform-api-canary')).description(), /^scaled to 0 · 0\/0 ready/);
    await (await view.treeItem('platform-api')).expand();
    const pod = await view.treeItem(/^platform-api-\w+-\w{5}$/);
    // Usage (metrics.k8s.io) comes first once the first poll has answered.
    assert.match(await pod.description(), /^(cpu \S+ · mem \S+ · )?Running · 1\/1 · 0 restarts · \S+ · phoenix-dev-worker-\d · rev \d+$/);
    assert.equal(await pod.iconId(), 'pass');
    await (await view.treeItem('Revisions')).expand();
    await view.treeItem(/^rev \d+ \(current\)$/);
    await wb.waitForSideBarIdle();
    await wb.screenshot('deployments-view');
    await (await view.treeItem('platform-api')).collapse();

    // The namespace filter opens on the namespace shown now, so Enter keeps it.
    await view.clickTitleAction('Filter Deployments by Namespace…');
    const filter = await wb.quickPick();
    await waitFor('the namespaces to load', async () => ((await filter.items()).includes('phase-5') ? true : undefined));
    await waitFor('the shown namespace highlighted', async () => ((await filter.focused()) === 'phoenix-system' ? true : undefined));
    assert.ok((await filter.rowTexts()).some((t) => /^phoenix-system\s*shown now$/.test(t)), (await filter.rowTexts()).join(' | '));
    await filter.cancel();
  });

  it('on a slow cluster, says it is loading while the list is in flight (never "no context"), then shows the rows', async function () {
    this.timeout(120_000);
    const { wb } = ui;
    const view = await deploymentsView(wb);
    await view.treeItem('platform-api');
    const { control } = uiEnvironment();
    // Every list now takes 3 s to answer, as across an ocean; watches are unchanged.
    control.setListLatency('phoenix-dev', 3000);
    try {
      await view.clickTitleAction('Refresh Deployments');
      const welcome = new Set<string>();
      const loading = await waitFor('the Loading row', async () => {
        welcome.add(await view.welcomeText());
        const row = await view.treeItem('Loading deployments…', 1000).catch(() => undefined);
        return row ? row.description() : undefined;
      }, 10_000);
      assert.match(loading, /^(waiting for the first page|[\d,]+ (of ~[\d,]+ )?deployments( so far)?)$/);
      await wb.screenshot('deployments-loading-slow-cluster');
      // Until the rows come, the view never claims there is no context.
      await waitFor('the rows after the slow list', async () => {
        welcome.add(await view.welcomeText());
        return (await view.treeItem('platform-api', 1000).catch(() => undefined)) ? true : undefined;
      }, 60_000);
      assert.ok(![...welcome].some((t) => /No Kubernetes context/.test(t)), [...welcome].join(' | '));
    } finally {
      control.setListLatency('phoenix-dev', 0);
    }
  });

  it("tails platform-api's logs: every pod, coloured, filtered and highlighted", async () => {
    const { wb } = ui;
    const view = await deploymentsView(wb);
    await (await view.treeItem('platform-api')).contextMenu('Tail Logs…');
    await (await afterRowCommand(wb, /Deployment to tail logs|Tail Logs — deployment/, 'platform-api')).pick(/^Last 100 lines/);
    const page = wb.activeWebview();
    await waitFor('log lines from 3 pods', async () => {
      const prefixes = await page.locator('.row .src').allInnerTexts();
      return new Set(prefixes).size >= 3 ? true : undefined;
    }, 30_000);
    // Coloured per pod, as a person sees it: each pod's prefix in one colour, three pods in three colours.
    // (Runs in the page; the tests' own TypeScript has no DOM library, hence the window cast.)
    // Rows stream in and out of the virtual list: a row read just as it was replaced has no style yet (""), so
    // read again until every prefix on screen has its colour.
    const painted = await waitFor('every pod prefix on screen to have a colour', async () => {
      const rows = await page
        .locator('.row:not(.notice) .src')
        .evaluateAll((els) => els.map((e) => [e.textContent ?? '', (globalThis as unknown as { getComputedStyle(x: unknown): { color: string } }).getComputedStyle(e).color] as const));
      return rows.length > 0 && rows.every(([, colour]) => colour !== '') ? rows : undefined;
    }, 15_000);
    const colourOf = new Map<string, Set<string>>();
    for (const [prefix, colour] of painted) colourOf.set(prefix, (colourOf.get(prefix) ?? new Set()).add(colour));
    assert.ok([...colourOf.values()].every((c) => c.size === 1), `one colour per pod: ${JSON.stringify([...colourOf].map(([p, c]) => [p, [...c]]))}`);
    assert.equal(new Set([...colourOf.values()].map((c) => [...c][0])).size, colourOf.size, `a colour of its own per pod: ${JSON.stringify(painted.slice(0, 6))}`);
    await page.locator('#include input').fill('experiments');
    await waitFor('only matching lines, highlighted', async () => {
      const texts = await page.locator('.row:not(.notice) .text').allInnerTexts();
      return texts.length > 0 && texts.every((t) => /experiments/i.test(t)) ? true : undefined;
    }, 15_000);
    assert.ok((await page.locator('.row mark').count()) > 0, 'matches are highlighted');
    assert.match(await page.locator('#state').innerText(), /live/);
    await page.locator('#pause').click();
    await waitFor('new lines to wait while paused', async () => (/paused — [1-9][\d,]* new lines waiting/.test(await page.locator('#paused').innerText()) ? true : undefined), 15_000);
    await wb.screenshot('tail-logs-filtered-paused');
    await page.locator('#pause').click();
    await page.locator('#include input').fill('');

    // Save to File writes everything received (not only the filtered lines on screen).
    await page.locator('#save').click();
    const dialog = await wb.quickPick();
    // The simple file dialog fills in the folder first and the proposed file name a moment later.
    await waitFor('the proposed file name', async () => (/Logs-platform-api-.*\.log$/.test(await dialog.input.inputValue()) ? true : undefined), 10_000);
    await dialog.input.press('Enter');
    const saved = await wb.waitForNotification(/^Saved [\d,]+ lines to /);
    const count = Number(/^Saved ([\d,]+) lines/.exec(await saved.message())![1].replace(/,/g, ''));
    const file = /lines to (.+)\.$/.exec(await saved.message())![1];
    const written = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    assert.ok(written.length >= count && count > 100, `${written.length} lines in the file, ${count} announced`);
    assert.ok(written.every((l) => /^\[platform-api-\w+-\w{5}\/platform-api\] \d{4}-\d\d-\d\dT/.test(l)), written[0]);
    assert.ok(written.some((l) => !/experiments/.test(l)), 'lines the filter hid are saved too');
    await wb.clearNotifications();

    await page.locator('#stop').click();
    await waitFor('the tail to stop', async () => (/stopped/.test(await page.locator('#state').innerText()) ? true : undefined));
  });

  it('ships a crash-looping image, is told at once which pod crashes and why, rolls back from the history picker and sees it healthy again', async function () {
    this.timeout(180_000);
    const { wb } = ui;
    // The progress deadline stays at its 600 s: the crash must be said long before it.
    assert.equal(await kubectl('-n', 'phoenix-system', 'get', 'deployment', 'platform-api', '-o', 'jsonpath={.spec.progressDeadlineSeconds}'), '600');
    const before = revisions(await kubectl('-n', 'phoenix-system', 'rollout', 'history', 'deployment/platform-api'));
    const view = await deploymentsView(wb);
    await waitForRow(view, 'platform-api', 'pass-filled', /^3\/3 ready/);

    await wb.runCommand('Phoenix Ops: Set Image…');
    await (await wb.quickPick()).pick('platform-api');
    const input = await wb.quickPick();
    // The input box takes over the picker's widget: wait until it shows the current image (it is empty for a moment).
    await waitFor('the current image in the input', async () => ((await input.input.inputValue()) === 'ghcr.io/phoenix/platform-api:1.8.2' ? true : undefined), 10_000);
    await input.submit('ghcr.io/phoenix/platform-api:1.9.0-crash');
    await wb.waitForNotification(/Rolling out platform-api:1\.9\.0-crash/);

    // The new pod crash-loops: the row turns red with the reason, the pod stands out in red.
    const degraded = await waitForRow(view, 'platform-api', 'error', /^CrashLoopBackOff · 3\/3 ready, 1 up-to-date, 3 available · rev \d+ · platform-api:1\.9\.0-crash$/, 60_000);
    await (await view.treeItem('platform-api')).expand();
    await waitFor('the crash-looping pod', async () => {
      for (const row of await view.treeItems()) if (/^(cpu \S+ · mem \S+ · )?CrashLoopBackOff · 0\/1 · [1-9]\d* restarts?/.test(row.description)) return true;
      return undefined;
    }, 30_000);
    await (await view.treeItem('platform-api')).row.hover();
    await wb.page.locator('.monaco-hover, .workbench-hover-container').filter({ hasText: 'Pods not ready' }).first().waitFor({ timeout: 10_000 });
    await wb.screenshot('deployments-degraded-crashloop', { keepPointer: true });
    assert.match(degraded, /CrashLoopBackOff/);

    // As soon as the new pod crash-loops (not at the deadline) a notification names it, the reason and how it ended,
    // and offers Roll Back, which opens the history picker.
    const failing = await wb.waitForNotification(/rollout of platform-api \(phoenix-dev\/phoenix-system\) is failing/, 60_000);
    assert.match(await failing.message(), /1 new pod is failing: platform-api-\S+ CrashLoopBackOff \(last exit 1, Error: startup failed: invalid memory address or nil pointer dereference\)/);
    assert.deepEqual(await failing.buttons(), ['Roll Back', 'Show Events']);
    await wb.screenshot('rollout-failing-notification');
    await failing.clickButton('Roll Back');
    const picker = await wb.quickPick();
    const rows = await picker.rowTexts();
    assert.ok(rows.some((r) => /Previous revision/.test(r)), rows.join(' | '));
    assert.ok(rows.some((r) => /\(current\).*platform-api:1\.9\.0-crash/.test(r)), rows.join(' | '));
    // The crash revision's change-cause says what made it (not the text of the change before).
    assert.ok(rows.some((r) => /Phoenix Ops: set image platform-api=ghcr\.io\/phoenix\/platform-api:1\.9\.0-crash/.test(r)), rows.join(' | '));
    await wb.screenshot('rollback-history-picker');
    await picker.pick(/Previous revision/);
    // Rolling back replaces what runs: destructive, so it asks even off protected contexts (as the runbook step does).
    const question = await waitFor('the roll back confirmation', () => wb.dialogMessage());
    assert.match(question, /^Roll back to revision \d+ \(ghcr\.io\/phoenix\/platform-api:1\.8\.2\) of deployment platform-api in phoenix-system\?$/);
    await wb.screenshot('rollback-confirmation');
    await wb.clickDialogButton('Yes, do it');
    await wb.waitForNotification(/successfully rolled out/, 60_000);

    await waitForRow(view, 'platform-api', 'pass-filled', /^3\/3 ready · rev \d+ · platform-api:1\.8\.2$/, 60_000);
    await wb.clearNotifications();
    await wb.waitForSideBarIdle();
    await wb.screenshot('deployments-healthy-after-rollback');

    // kubectl agrees: the crash revision is in the history and the old template came back as a new revision.
    const after = revisions(await kubectl('-n', 'phoenix-system', 'rollout', 'history', 'deployment/platform-api'));
    const newest = Math.max(...after);
    assert.equal(newest, Math.max(...before) + 2, `history before ${before.join(',')} after ${after.join(',')}`);
    const image = await kubectl('-n', 'phoenix-system', 'get', 'deployment', 'platform-api', '-o', 'jsonpath={.spec.template.spec.containers[0].image}');
    assert.equal(image, 'ghcr.io/phoenix/platform-api:1.8.2');
  });

  it('on the protected phoenix-prod context, a scale waits until the deployment name is typed', async () => {
    const { wb } = ui;
    // The context picker; a palette click the busy workbench lost (no picker after 20 s) is made again.
    for (let attempt = 1; ; attempt++) {
      await wb.runCommand('Phoenix Ops: Switch Context');
      const shown = await wb.page.locator('.quick-input-widget:visible .monaco-list-row', { hasText: 'phoenix-prod' }).first().waitFor({ timeout: 20_000 }).then(
        () => true,
        () => false,
      );
      if (shown || attempt === 2) break;
    }
    await (await wb.quickPick()).pick(/phoenix-prod/);
    await wb.waitForStatusBarText(STATUS, 'phoenix-prod / phoenix-system');
    const view = await deploymentsView(wb);
    await waitForRow(view, 'dashboard', 'pass-filled', /^3\/3 ready/);
    await (await view.treeItem('dashboard')).contextMenu('Scale…');
    const replicas = await afterRowCommand(wb, /Scale — deployment/, 'dashboard');
    await waitFor('the current replica count in the input', async () => ((await replicas.input.inputValue()) === '3' ? true : undefined), 10_000);
    await replicas.submit('4');
    const confirm = await wb.quickPick();
    assert.match(await confirm.prompt(), /Confirm scale on protected context phoenix-prod/);
    await confirm.input.fill('dashbord');
    await waitFor('the mismatch message', async () => ((await confirm.widget.innerText()).includes('Type "dashboard" exactly to confirm') ? true : undefined));
    await wb.screenshot('protected-context-confirmation');
    assert.equal(await kubectl('--context=phoenix-prod', '-n', 'phoenix-system', 'get', 'deployment', 'dashboard', '-o', 'jsonpath={.spec.replicas}'), '3', 'nothing changed before confirming');
    await confirm.submit('dashboard');
    await waitForRow(view, 'dashboard', 'pass-filled', /^4\/4 ready/, 30_000);
    assert.equal(await kubectl('--context=phoenix-prod', '-n', 'phoenix-system', 'get', 'deployment', 'dashboard', '-o', 'jsonpath={.spec.replicas}'), '4');
  });
});

describe('Deployments view in read-only mode (UI)', () => {
  const ui = useWorkbench({ settings: { 'phoenixOps.readOnly': true } });

  it('refuses a scale with the reason and a way to turn it off; nothing changes', async function () {
    this.timeout(150_000); // alone it takes ~55 s on a loaded 2-core machine (two fresh kubectl runs, the view's first layout)
    const { wb } = ui;
    const view = await deploymentsView(wb);
    const before = await kubectl('-n', 'phoenix-system', 'get', 'deployment', 'generator', '-o', 'jsonpath={.spec.replicas}');
    await (await view.treeItem('generator')).contextMenu('Scale…');
    await (await afterRowCommand(wb, /Scale — deployment/, 'generator')).submit('5');
    const refused = await wb.waitForNotification(/Read-only mode is on: scale deployment\/generator in phoenix-system on phoenix-dev was not done/);
    assert.ok((await refused.buttons()).includes('Open Settings'));
    await new Promise((r) => setTimeout(r, 600)); // the toast slides in
    await wb.screenshot('read-only-refuses-scale');
    assert.equal(await kubectl('-n', 'phoenix-system', 'get', 'deployment', 'generator', '-o', 'jsonpath={.spec.replicas}'), before);
  });
});

describe('Deployments view without any context (UI)', () => {
  const ui = useWorkbench({ settingsFromSandbox: () => ({}), env: { KUBECONFIG: '/nonexistent/phoenix-kubeconfig' } });

  it('shows welcome content saying why it is empty and how to pick a context', async () => {
    const { wb } = ui;
    await wb.openViewContainer('Phoenix Ops');
    const view = wb.view('Deployments');
    await view.expand();
    // The first view of a fresh window on a loaded machine: up to 30 s, as for a tree's first rows (viewSection.ts).
    // (A fresh-clone run beside a mutation run showed every view of the window still blank at 15 s.)
    await waitFor('the welcome content', async () => (/No Kubernetes context is selected/.test(await view.welcomeText()) ? true : undefined), 30_000);
    assert.ok((await view.welcomeButtons()).includes('Switch Context'));
  });
});

function revisions(history: string): number[] {
  return history
    .split('\n')
    .filter((l) => /^\d+\s/.test(l))
    .map((l) => Number(l.split(/\s+/)[0]));
}
