// UI: an engineer starts a canary of platform-api from the Deployments view, watches its panel (the gates'
// charts, canary against primary, the check table) and its row ("canary 5 % · phase 1/5 · 0:27 left"),
// aborts it from the panel; reloads the window mid-rollout and finds it again (state in the cluster); ships a
// -bad build and sees the breach, the reason in words and figures and the rollback — without touching the
// primary; is refused a switch to a -bad green (its health check and error gate, in figures), then switches the
// blue-green pair to a healthy green from the Rollouts view and back. The sandbox runs plans 20× faster
// (rolloutTimeScale 0.05).
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from '../../shared/waitFor';
import { axeViolations, colorTheme, frameWith, THEME_STEPS } from './a11y';
import { uiEnvironment } from './uiEnvironment';
import type { ViewSection } from './viewSection';
import type { Workbench } from './workbench';
import { useWorkbench } from './workbenchFixture';
import { soloView } from './soloView';
import { QuickPick } from './quickPick';
import type { Notification } from './notification';

const PREFIX = 'rollouts.phoenix-ops.io';

async function kubectl(...args: string[]): Promise<string> {
  const env = uiEnvironment();
  const home = mkdtempSync(join(env.tmpRoot, 'kubectl-'));
  return (await promisify(execFile)('kubectl', [`--kubeconfig=${env.sandbox.kubeconfigPath}`, '--context=phoenix-dev', '-n', 'phoenix-system', ...args], { env: { ...process.env, HOME: home }, timeout: 30_000 })).stdout;
}

const deploymentsView = (wb: Workbench): Promise<ViewSection> => soloView(wb, 'Deployments', 560);

/** Start Canary… from platform-api's context menu: plan, image, the guard's confirmation. */
async function startCanary(wb: Workbench, view: ViewSection, image: string, plan = 'guide-001 canary'): Promise<void> {
  await (await view.treeItem('platform-api')).contextMenu('Start Canary…');
  // A row redrawn (the rollout rows tick every 5 s) between the right-click and the menu entry reaches the
  // command without its row; it then asks for the deployment, as a palette run does: answer as a person would.
  const first = await wb.quickPick();
  const items = await waitFor('the first question of Start Canary', async () => ((await first.items()).length ? first.items() : undefined), 30_000);
  if (items.includes('platform-api')) await first.pick('platform-api');
  await (await wb.quickPick()).pick(plan);
  await (await wb.quickPick()).submit(image);
  const prompt = await waitFor('the confirmation', () => wb.dialogMessage(), 30_000);
  assert.match(prompt, /Start a canary of platform-api with platform-api:.*reuse deployment platform-api-canary|create deployment platform-api-canary/);
  await wb.screenshot(`canary-confirm-${image.split(':')[1] ?? ''}`);
  await wb.clickDialogButton('Yes, do it');
}

describe('Progressive delivery (UI): canaries and blue-green', function () {
  this.timeout(180_000);
  const ui = useWorkbench();
  // The suites share one sandbox: the idle canary slot goes back to how it was seeded.
  after(async () => {
    // A test that failed mid-rollout leaves the canary serving: scale it away and take its traffic back first.
    await kubectl('annotate', '--overwrite', 'ingress/platform-api-canary', 'nginx.ingress.kubernetes.io/canary-weight=0').catch(() => undefined);
    await kubectl('scale', 'deployment/platform-api-canary', '--replicas=0');
    await kubectl('label', 'deployment/platform-api-canary', 'service/platform-api-canary', 'ingress/platform-api-canary', `${PREFIX}/canary-of-`);
    await kubectl('annotate', 'deployment/platform-api-canary', `${PREFIX}/state-`, `${PREFIX}/checks-`, `${PREFIX}/lease-`);
    await kubectl('annotate', 'deployment/platform-api', `${PREFIX}/last-rollout-`);
    await kubectl('patch', 'service/api-gateway', '-p', '{"spec":{"selector":{"version":"blue"}}}');
    await kubectl('annotate', 'service/api-gateway', `${PREFIX}/blue-green-`);
  });

  it('starts a canary from the tree: the panel charts each gate, the row counts down the phase, Abort rolls it back', async () => {
    const { wb } = ui;
    const view = await deploymentsView(wb);
    await startCanary(wb, view, 'ghcr.io/phoenix/platform-api:1.9.0');
    const page = wb.activeWebview();
    await waitFor('the panel to show the canary running with a passing check', async () => {
      const badge = await page.locator('.badge').innerText().catch(() => '');
      const passes = await page.locator('tr.row-pass').count();
      return badge.toLowerCase() === 'running' && passes >= 1 ? true : undefined;
    }, 60_000);
    const row = await waitFor('the row to count down', async () => {
      const d = await (await view.treeItem('platform-api')).description();
      return /^canary 5 % · phase 1\/5 · \d+:\d\d left · /.test(d) ? d : undefined;
    }, 20_000);
    assert.match(row, /platform-api:1\.8\.2$/, 'the primary keeps serving its image');
    assert.equal(await page.locator('section.phc-chart').count(), 2, 'one chart per gate');
    assert.match(await page.locator('section.phc-chart h2').first().innerText(), /error-ratio: canary against primary/);
    await waitFor('samples drawn', async () => ((await page.locator('.phc-chart canvas').count()) >= 2 ? true : undefined), 20_000);
    await wb.screenshot('canary-panel-running');
    await page.locator('vscode-button[data-control="abort"]').click();
    await waitFor('the abort confirmation', () => wb.dialogMessage(), 15_000);
    await wb.clickDialogButton('Yes, do it');
    await waitFor('the rollback', async () => ((await page.locator('.badge').innerText()).toLowerCase() === 'rolledback' ? true : undefined), 30_000);
    assert.match(await page.locator('.reason').innerText(), /^rolled back \d\d:\d\d: aborted by \S+ at phase 1\/5 \(5 %\)$/);
    await wb.screenshot('canary-panel-aborted');
  });

  it('ships a -bad build: the error gate breaks, the panel says why in words and figures, the canary is rolled back', async () => {
    const { wb } = ui;
    const view = await deploymentsView(wb);
    await startCanary(wb, view, 'ghcr.io/phoenix/platform-api:1.9.0-bad');
    const page = wb.activeWebview();
    // The panel of the first canary is reused: wait until it shows this rollout, then its end.
    const reason = await waitFor('the rollback reason of the -bad canary', async () => {
      const title = await page.locator('h1').innerText().catch(() => '');
      const badge = (await page.locator('.badge').innerText().catch(() => '')).toLowerCase();
      return title.endsWith(':1.9.0-bad') && badge === 'rolledback' ? page.locator('.reason').innerText() : undefined;
    }, 60_000);
    assert.match(reason, /^rolled back \d\d:\d\d: canary error-ratio [\d.]+ % ≥ 0\.1 %.* over 3s at 5 %, [\d,]+ requests$/);
    const failed = page.locator('tr.row-fail').first();
    assert.match(await failed.locator('td.verdict.fail').first().innerText(), /fail/);
    assert.match(await failed.innerText(), /✗ [\d.]+ % ≥ 0\.1 %/);
    assert.equal(await page.locator('vscode-button[data-control="abort"][disabled]').count(), 1, 'nothing left to abort');
    await page.locator('section.phc-chart').first().scrollIntoViewIfNeeded();
    await wb.screenshot('canary-panel-rolled-back');
    const d = await waitFor('the row to say it rolled back', async () => {
      const text = await (await view.treeItem('platform-api')).description();
      return /^canary rolled back \d\d:\d\d · /.test(text) ? text : undefined;
    }, 15_000);
    assert.match(d, /platform-api:1\.8\.2$/, 'the primary was not touched');
    await wb.screenshot('canary-row-rolled-back');
    // The ended panel holds still: axe-core finds nothing in it in a high contrast, a light and a dark theme.
    const frame = await frameWith(wb, 'tr.row-fail');
    for (const [name, cls, kind] of THEME_STEPS) {
      await colorTheme(wb, name, cls);
      await waitFor(`the panel in the ${kind} theme`, async () => (new RegExp(`vscode-${kind}`).test((await frame.locator('body').getAttribute('class')) ?? '') ? true : undefined), 15_000);
      await wb.screenshot(`canary-panel-${kind}-theme`);
      assert.deepEqual(await axeViolations(frame), [], `axe-core, ${kind} theme`);
    }
  });

  it('refuses a -bad green in words and figures, then switches api-gateway to a healthy green from the Rollouts view and back: the selector patch, blue kept running, the row says who serves', async () => {
    const { wb } = ui;
    const view = await soloView(wb, 'Rollouts', 560);
    const pairRow = (): Promise<string> => view.treeItem('api-gateway').then((r) => r.description());
    const health = async () => (JSON.parse(await kubectl('get', '--raw', '/api/v1/namespaces/phoenix-system/services/api-gateway-green:8080/proxy/health')) as { status: string }).status;
    assert.match(await pairRow(), /^version=blue serves$/);
    /** Blue-Green Switch… to `colour`: the guard's confirmation (left open), or the refusal's toast. */
    const switchTo = async (colour: string): Promise<{ dialog: string } | { refusal: Notification }> => {
      await wb.clearNotifications();
      await (await view.treeItem('api-gateway')).contextMenu('Blue-Green Switch…');
      const colours = await wb.quickPick();
      assert.deepEqual(await waitFor('both colours listed', async () => ((await colours.items()).length === 2 ? colours.items() : undefined)), ['blue (serving)', 'green']);
      await colours.pick(colour);
      return waitFor('the confirmation or the refusal', async () => {
        const dialog = await wb.dialogMessage();
        if (dialog) return { dialog };
        if ((await wb.notificationMessages()).some((m) => /not switching api-gateway|cannot take api-gateway's traffic/.test(m))) return { refusal: await wb.waitForNotification(/not switching api-gateway|cannot take api-gateway's traffic/) };
        return undefined;
      }, 30_000);
    };
    // A broken green build: guide 000's health check fails through the service proxy, and its error gate once the
    // 3 s window holds only -bad requests (asked again until it does).
    await kubectl('set', 'image', 'deployment/api-gateway-green', 'api-gateway=ghcr.io/phoenix/api-gateway:2.5.0-bad');
    const refusedInFull = /^Phoenix Ops: not switching api-gateway to green: green failed 2 of 3 checks: health: api-gateway-green:8080\/health answered 503 \{"status":"unhealthy","version":"2\.5\.0-bad".*; error-ratio: [\d.]+ % ≥ 1 % \(over 3s, [\d,]+ requests\)\.$/;
    try {
      await kubectl('rollout', 'status', 'deployment/api-gateway-green', '--timeout=60s');
      const refusal = await waitFor('the refusal with both failed checks', async () => {
        const r = await switchTo('green');
        assert.ok('refusal' in r, `a -bad green must not get to the confirmation: ${'dialog' in r ? r.dialog : ''}`);
        return refusedInFull.test(await r.refusal.message()) ? r.refusal : undefined;
      }, 60_000);
      assert.deepEqual(await refusal.buttons(), ['Switch Anyway…']);
      await wb.screenshot('blue-green-refused');
      assert.equal(await kubectl('get', 'service', 'api-gateway', '-o', 'jsonpath={.spec.selector.version}'), 'blue', 'a refused switch changes nothing');

      // Switch Anyway… takes only the typed words "force green": other words are refused by the box, Escape changes nothing.
      const typedWords = async (r: Notification): Promise<QuickPick> => {
        await r.clickButton('Switch Anyway…');
        const box = await wb.quickPick();
        await waitFor('the typed-words question', async () => (/^Switch api-gateway to green although it failed its checks$/.test(await box.prompt()) ? true : undefined), 60_000);
        return box;
      };
      let box = await typedWords(refusal);
      await box.input.fill('force blue');
      await waitFor('the box to ask for the exact words', async () => ((await box.widget.locator('.quick-input-message').innerText()).trim() === 'Type exactly: force green' ? true : undefined), 10_000);
      await wb.screenshot('blue-green-switch-anyway-words');
      await box.cancel();
      assert.equal(await kubectl('get', 'service', 'api-gateway', '-o', 'jsonpath={.spec.selector.version}'), 'blue', 'a cancelled forced switch changes nothing');

      // Typed as asked: the guard still confirms (naming what it overrides), then guide 000's patch, audited as forced.
      const audit = join(ui.codeServer.userDataDir, 'User', 'globalStorage', 'phoenix-ops.phoenix-ops-cockpit', 'audit.jsonl');
      const since = new Date().toISOString();
      const again = await waitFor('the refusal once more', async () => {
        const r = await switchTo('green');
        return 'refusal' in r && refusedInFull.test(await r.refusal.message()) ? r.refusal : undefined;
      }, 60_000);
      box = await typedWords(again);
      await box.submit('force green');
      const forced = await waitFor('the forced switch confirmation', () => wb.dialogMessage(), 30_000);
      assert.match(forced, /^Switch Service api-gateway from blue \(api-gateway-blue\) to green \(api-gateway-green\) although green failed 2 of 3 checks: health: .*answered 503/);
      await wb.clickDialogButton('Yes, do it');
      await waitFor('the forced patch', async () => ((await kubectl('get', 'service', 'api-gateway', '-o', 'jsonpath={.spec.selector.version}')) === 'green' ? true : undefined), 30_000);
      const audited = readFileSync(audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { time: string; action: string; object: string; outcome: string }).filter((l) => l.time >= since && l.object === 'service/api-gateway');
      assert.deepEqual(audited.map((l) => [l.action, l.outcome]), [['blue-green switch (forced)', 'succeeded']]);
      await wb.screenshot('blue-green-forced');
      // Back to blue as the suite left it (the forced switch is proven; the cockpit's Switch Back is driven below).
      await kubectl('patch', 'service/api-gateway', '-p', '{"spec":{"selector":{"version":"blue"}}}');
      await kubectl('annotate', 'service/api-gateway', `${PREFIX}/blue-green-`);
      await wb.clearNotifications();
    } finally {
      await kubectl('set', 'image', 'deployment/api-gateway-green', 'api-gateway=ghcr.io/phoenix/api-gateway:2.5.0');
    }
    await kubectl('rollout', 'status', 'deployment/api-gateway-green', '--timeout=60s');
    await waitFor('green to answer healthy again', async () => ((await health()) === 'healthy' ? true : undefined), 30_000);
    // Its error gate looks at the last few seconds of smoke traffic: asked again until the -bad requests left the window.
    await waitFor('the switch to a healthy green to reach the confirmation', async () => ('dialog' in (await switchTo('green')) ? true : undefined), 60_000);
    const prompt = await waitFor('the confirmation', () => wb.dialogMessage(), 30_000);
    assert.match(prompt, /^Switch Service api-gateway from blue \(api-gateway-blue\) to green \(api-gateway-green\) — green passed health: api-gateway-green:8080\/health answered 200 \{"status":"healthy","version":"2\.5\.0"\}; error-ratio: [\d.]+ % < 1 % \(over 3s, [\d,]+ requests\); p99-latency: [\d.]+ ms <= 500 ms \(over 3s, [\d,]+ requests\)\?$/);
    await wb.screenshot('blue-green-confirm');
    await wb.clickDialogButton('Yes, do it');
    await waitFor('the row to say green serves, switched from blue', async () => (/^version=green serves · switched from blue \d{4}-\d\d-\d\d \d\d:\d\d UTC$/.test(await pairRow()) ? true : undefined), 30_000);
    assert.equal(await kubectl('get', 'service', 'api-gateway', '-o', 'jsonpath={.spec.selector.version}'), 'green', "guide 000's selector patch");
    assert.equal(await kubectl('get', 'deployment', 'api-gateway-blue', '-o', 'jsonpath={.spec.replicas}'), '2', 'blue keeps running');
    assert.match(await (await view.treeItem('green')).description(), /^api-gateway-green · 2\/2 ready · .* · serving$/);
    await wb.screenshot('blue-green-switched');
    await (await view.treeItem('api-gateway')).contextMenu('Switch Back');
    assert.match(await waitFor('the switch-back confirmation', () => wb.dialogMessage(), 30_000), /from green \(api-gateway-green\) to blue \(api-gateway-blue\)/);
    await wb.clickDialogButton('Yes, do it');
    await waitFor('the row to say blue serves again', async () => (/^version=blue serves/.test(await pairRow()) ? true : undefined), 30_000);
    assert.equal(await kubectl('get', 'service', 'api-gateway', '-o', 'jsonpath={.spec.selector.version}'), 'blue');
  });

  it('keeps a canary through a window reload: the cluster\'s state brings back the row and the panel, the new window goes on checking', async () => {
    const { wb } = ui;
    let view = await deploymentsView(wb);
    // guide 002 (30 min a phase, 90 s at this scale): the rollout is still in its first phase after the reload.
    await startCanary(wb, view, 'ghcr.io/phoenix/platform-api:1.9.1', 'guide-002 canary');
    let page = wb.activeWebview();
    await waitFor('the panel to show the guide-002 canary running with a passing check', async () => {
      const title = await page.locator('h1').innerText().catch(() => '');
      const badge = (await page.locator('.badge').innerText().catch(() => '')).toLowerCase();
      return title.endsWith(':1.9.1') && badge === 'running' && (await page.locator('tr.row-pass').count()) >= 1 ? true : undefined;
    }, 60_000);
    const checksBefore = await page.locator('tr.row-pass').count();
    // Nothing of the rollout lives in the window: a reload is a new extension host with an empty memory.
    await wb.reload();
    view = await deploymentsView(wb);
    const row = await waitFor('the row to show the rollout again after the reload', async () => {
      const d = await (await view.treeItem('platform-api')).description();
      return /^canary 5 % · phase 1\/4 · \d+:\d\d left · /.test(d) ? d : undefined;
    }, 60_000);
    assert.match(row, /platform-api:1\.8\.2$/, 'the primary keeps serving its image');
    await (await view.treeItem('platform-api')).contextMenu('Show Canary');
    // After a reload a row's menu command can reach the cockpit without its row (see startCanary): then it asks.
    page = wb.activeWebview();
    await waitFor('the panel, or the question which rollout', async () => {
      const ask = new QuickPick(wb.page);
      if ((await ask.widget.isVisible()) && (await ask.items()).includes('platform-api')) {
        await ask.pick('platform-api');
        return true;
      }
      return (await page.locator('h1').innerText({ timeout: 1000 }).catch(() => '')).endsWith(':1.9.1') ? true : undefined;
    }, 30_000);
    await waitFor('the reopened panel to hold the checks made before the reload', async () => {
      const title = await page.locator('h1').innerText().catch(() => '');
      return title.endsWith(':1.9.1') && (await page.locator('tr.row-pass').count()) >= checksBefore ? true : undefined;
    }, 30_000);
    const reopened = await page.locator('tr.row-pass').count();
    // The old window's lease is handed back on shutdown or expires (30 s); then this window drives.
    await waitFor('passing checks made by the new window', async () => ((await page.locator('tr.row-pass').count()) > reopened ? true : undefined), 90_000);
    assert.equal((await page.locator('.badge').innerText()).toLowerCase(), 'running');
    await wb.screenshot('canary-panel-after-reload');
    await page.locator('vscode-button[data-control="abort"]').click();
    await waitFor('the abort confirmation', () => wb.dialogMessage(), 15_000);
    await wb.clickDialogButton('Yes, do it');
    await waitFor('the rollback', async () => ((await page.locator('.badge').innerText()).toLowerCase() === 'rolledback' ? true : undefined), 30_000);
  });
});
