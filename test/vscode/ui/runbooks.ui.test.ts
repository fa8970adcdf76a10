// UI: an on-call engineer opens a shipped runbook, runs its steps (shell, SQL table, PromQL chart), is asked for a
// placeholder, confirms a destructive step, stops a hanging one, ticks a checklist item, and the file keeps its bytes.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoPath } from '../../../scripts/repoRoot';
import type { Locator } from 'playwright-core';
import { axeViolations, axeViolationsInShadowHosts, belowAA, colorTheme, contrasts, frameWith, THEME_STEPS } from './a11y';
import { NotebookEditor } from './notebookEditor';
import { setImage, waitForRollout } from './sandboxControl';
import { waitFor } from '../../shared/waitFor';
import { useWorkbench } from './workbenchFixture';
import type { Workbench } from './workbench';

/** Quick Open (Ctrl+P) by file name, or by absolute path for files made after the workspace was indexed. */
async function openFile(wb: Workbench, name: string): Promise<NotebookEditor> {
  await wb.page.keyboard.press('Control+P');
  const qp = await wb.quickPick();
  await qp.input.fill(name);
  const base = name.split('/').pop() ?? name;
  await waitFor(`${base} in quick open`, async () => ((await qp.items()).some((i) => i === base) ? true : undefined));
  await qp.input.press('Enter');
  const nb = new NotebookEditor(wb.page);
  await nb.waitOpen();
  return nb;
}

/** Waits for text in the notebook's webview (outputs and rendered markdown, shadow roots included). */
async function outputContains(nb: NotebookEditor, text: string | RegExp, timeoutMs = 30_000): Promise<void> {
  await nb.outputs.getByText(text).first().waitFor({ timeout: timeoutMs });
}

/** Clicks a rendered task checkbox, then saves (Ctrl+S) until the file on disk is `want` (a save rewrites it: truncate, then write). */
async function tickAndSave(wb: Workbench, box: Locator, file: string, want: string): Promise<void> {
  await box.click();
  await waitFor('the file to be saved with the tick', async () => {
    await wb.page.keyboard.press('Control+S');
    await wb.page.waitForTimeout(300);
    return readFileSync(file, 'utf8') === want ? true : undefined;
  }, 15_000).catch(() => undefined);
  assert.equal(readFileSync(file, 'utf8'), want);
}

/** Clicks a notebook toolbar action by its title: on the toolbar, or in its "More Actions…" menu when it did not fit. */
async function notebookToolbarAction(wb: Workbench, title: string): Promise<void> {
  const toolbar = wb.page.locator('.notebook-editor:visible .notebook-toolbar-container');
  const button = toolbar.locator(`.action-label[aria-label^="${title}"]`).first();
  const menu = wb.page.locator('.context-view .monaco-menu');
  const item = menu.locator('.action-item a.action-menu-item', { has: wb.page.locator(`.action-label:text-is("${title}")`) });
  await waitFor(`the notebook toolbar action "${title}" to run`, async () => {
    if (await button.isVisible()) {
      await button.click({ timeout: 2000 });
      return true;
    }
    if (!(await menu.isVisible())) await toolbar.locator('.codicon-toolbar-more').last().click({ timeout: 2000 });
    await menu.waitFor({ timeout: 2000 });
    await item.click({ timeout: 2000 });
    return (await menu.waitFor({ state: 'hidden', timeout: 1000 }).then(() => true, () => false)) || undefined;
  });
}

describe('Runbooks (UI)', () => {
  const ui = useWorkbench();

  before(async function () {
    this.timeout(60_000);
    const { wb, sandbox } = ui;
    // The cockpit's contributions are loaded once its container is in the activity bar.
    await wb.openViewContainer('Phoenix Ops');
    // The password goes to SecretStorage through the cockpit's command, as a user sets it.
    await wb.runCommand('Phoenix Ops: Set Database Password');
    const box = await wb.quickPick();
    await box.submit(sandbox.postgres?.password ?? '');
    await wb.waitForNotification('saved in SecretStorage');
    await wb.clearNotifications();
  });

  it('opens a shipped runbook as a notebook and runs a shell step against the selected cluster', async () => {
    const { wb } = ui;
    const nb = await openFile(wb, 'high-error-rate.runbook.md');
    await outputContains(nb, 'High error rate');
    const cell = await nb.codeCell('kubectl get pods -n phoenix-system -o wide');
    await cell.run();
    await cell.waitForState('success');
    await outputContains(nb, /platform-api-[a-z0-9]+-[a-z0-9]+\s+1\/1\s+Running/);
    await wb.screenshot('runbook-shell-step');
  });

  it('shows SQL results as a typed table and a PromQL range as a chart', async () => {
    const { wb } = ui;
    const nb = new NotebookEditor(wb.page);
    const sql = await nb.codeCell('FROM pg_stat_activity');
    await sql.run();
    await sql.waitForState('success');
    await nb.outputs.locator('table.phx-table th', { hasText: 'connections' }).first().waitFor({ timeout: 30_000 });
    assert.match(await nb.outputs.locator('table.phx-table th').last().innerText(), /connections\s*int8/);
    // Text left, numbers right (header too), decided by the column's type.
    const align = (sel: string) => nb.outputs.locator(sel).evaluate((e) => (globalThis as unknown as { getComputedStyle(x: unknown): { textAlign: string } }).getComputedStyle(e).textAlign);
    assert.deepEqual(
      [await align('table.phx-table tbody tr:first-child td:nth-child(1)'), await align('table.phx-table tbody tr:first-child td:nth-child(2)'), await align('table.phx-table tbody tr:first-child td:nth-child(3)'), await align('table.phx-table th:nth-child(3)')],
      ['left', 'left', 'right', 'right'],
      'text columns left (the output frame would otherwise right-align them); connections (int8) and its header right',
    );
    // The cell's language reads PostgreSQL, not VS Code's "MS SQL".
    const bar = await sql.row.locator('.cell-statusbar-container .cell-status-right').first().innerText();
    assert.match(bar, /\bPostgreSQL\b/);
    assert.doesNotMatch(bar, /MS SQL/);
    await sql.row.scrollIntoViewIfNeeded();
    await wb.screenshot('runbook-sql-table');
    const trend = await nb.codeCell('sum by (service) (rate(http_requests_total{status=~"5.."}[1m]))');
    await trend.run();
    await trend.waitForState('success');
    await nb.outputs.locator('.phx-chart canvas').first().waitFor({ timeout: 30_000 });
    // The shared chart component: a named plot, a legend of toggles with values, and the same series as a table.
    const chart = nb.outputs.locator('.phc-chart').first();
    assert.match((await chart.locator('.phc-plot').getAttribute('aria-label')) ?? '', /^Range query chart/);
    assert.match((await chart.locator('.phc-sr').first().textContent()) ?? '', /^Time chart over \d+ (s|min|h)\b/);
    const legend = chart.locator('.phc-legend-item');
    assert.ok((await legend.count()) >= 1);
    // Before any hover, every legend entry shows its series' last value (not "--" until the pointer comes by).
    for (const text of await legend.allInnerTexts()) assert.match(text, /^service=\S+\s+-?\d[^\n]* \(last\)$/);
    await chart.locator('[data-action="table"]').click();
    await chart.locator('table.phc-table tbody tr').first().waitFor({ timeout: 10_000 });
    assert.match(await chart.locator('table.phc-table caption').innerText(), /samples, newest first/);
    await trend.row.scrollIntoViewIfNeeded();
    await wb.screenshot('runbook-promql-chart');
  });

  it('asks before a destructive step, then runs it', async function () {
    this.timeout(150_000);
    const { wb, sandbox } = ui;
    // The sandbox is shared by the UI suites, and others leave bad images in platform-api's history (a crashing
    // one if such a suite failed half-way): two good revisions last, so the runbook's "undo" goes back to a good
    // one as it would in an incident.
    const platformApi = { context: 'phoenix-dev', namespace: 'phoenix-system', deployment: 'platform-api', container: 'platform-api' };
    for (const tag of ['1.8.2', '1.8.2-hotfix']) {
      await setImage(sandbox, platformApi, `ghcr.io/phoenix/platform-api:${tag}`);
      await waitForRollout(sandbox, platformApi);
    }
    const nb = new NotebookEditor(wb.page);
    const rollback = await nb.codeCell('kubectl rollout undo deployment/platform-api -n phoenix-system');
    await rollback.run();
    const message = await waitFor('the confirmation dialog', () => wb.dialogMessage());
    assert.match(message, /Run destructive step "roll-back-platform-api" \(kubectl rollout undo\) on phoenix-dev\/phoenix-system: kubectl rollout undo deployment\/platform-api/);
    await wb.screenshot('runbook-confirm-destructive');
    await wb.clickDialogButton('Yes, do it');
    await rollback.waitForState('success', 90_000);
    await outputContains(nb, /successfully rolled out|rolled back/);
  });

  it('asks for a placeholder with suggestions from the cluster, once per session', async () => {
    const { wb } = ui;
    const nb = await openFile(wb, 'rollback.runbook.md');
    const history = await nb.codeCell('kubectl rollout history deployment/<deployment> -n phoenix-system');
    await history.run();
    const qp = await wb.quickPick();
    assert.match(await qp.prompt(), /Runbook parameter <deployment>/);
    await waitFor('suggested deployments', async () => ((await qp.items()).includes('platform-api') ? true : undefined));
    await wb.screenshot('runbook-placeholder');
    await qp.pick('platform-api');
    await history.waitForState('success');
    await outputContains(nb, /REVISION\s+CHANGE-CAUSE/);
    // The next step needing <deployment> does not ask again.
    const state = await nb.codeCell('-o custom-columns=\'NAME:.metadata.name,READY');
    await state.run();
    await state.waitForState('success');
    assert.equal(await wb.page.locator('.quick-input-widget:visible').count(), 0);
  });

  it('fails a step whose middle line fails, and runs a block without a closing fence only after "Run Anyway"', async () => {
    const { wb } = ui;
    const file = join(ui.workspace, 'runbooks', 'honest-results.runbook.md');
    writeFileSync(file, '# Checks\n\n```sh\necho checking\nfalse\necho all good\n```\n\n```sh\necho from the unclosed block\n\nThen look at the dashboard.\n');
    const nb = await openFile(wb, file);
    const strict = await nb.codeCell('echo checking');
    await strict.run();
    await strict.waitForState('error');
    await outputContains(nb, /Stopped at line 2 \(`false`\), which exited with status 1/);
    await wb.screenshot('runbook-step-failed-middle-line');

    const unclosed = await nb.codeCell('echo from the unclosed block');
    await unclosed.row.locator('.cell-statusbar-container', { hasText: 'No closing fence' }).first().waitFor({ timeout: 15_000 });
    await unclosed.run();
    const message = await waitFor('the confirmation dialog', () => wb.dialogMessage());
    assert.match(message, /has no closing fence/);
    assert.match(message, /Then look at the dashboard\./);
    await wb.screenshot('runbook-unclosed-fence-confirm');
    await wb.clickDialogButton('Cancel');
    await unclosed.waitForState('error');
    await outputContains(nb, /Not run: this code block has no closing fence/);
  });

  it('opens a Runme notebook: a background cell streams while the next cells run, generated names, no-language and "$ " cells run as shell', async () => {
    const { wb } = ui;
    const file = join(ui.workspace, 'runbooks', 'runme-style.runbook.md');
    const fence = '```';
    writeFileSync(
      file,
      [
        '---',
        'runme:',
        '  id: 01HF7BT3HD84GWTQB8ZY0GBA06',
        '  version: v3',
        '---',
        '',
        '# Runme style',
        '',
        `${fence}sh { background=true }`,
        'echo watching; while true; do echo tick; sleep 1; done',
        fence,
        '',
        fence,
        'echo hello from runme',
        fence,
        '',
        `${fence}sh`,
        '$ echo prompts dropped',
        '$ kubectl get deployments -o name',
        fence,
        '',
        `${fence}mermaid`,
        'graph TD; a-->b',
        fence,
        '',
      ].join('\n'),
    );
    const nb = await openFile(wb, file);
    const watcher = await nb.codeCell('echo watching');
    await watcher.row.locator('.cell-statusbar-container', { hasText: 'echo-watching' }).first().waitFor({ timeout: 15_000 });
    await watcher.run();
    await outputContains(nb, 'watching');
    // It returned at once: the next cells run while it keeps going.
    const plain = await nb.codeCell('echo hello from runme');
    // Generated names are in the cells' status bars: "echo hello" twice is echo-hello, then echo-hello-2 in Runme.
    await plain.row.locator('.cell-statusbar-container', { hasText: 'echo-hello' }).first().waitFor({ timeout: 15_000 });
    await plain.run();
    await plain.waitForState('success');
    const prompted = await nb.codeCell('$ kubectl get deployments -o name');
    await prompted.row.locator('.cell-statusbar-container', { hasText: 'echo-prompts' }).first().waitFor({ timeout: 15_000 });
    await prompted.run();
    await prompted.waitForState('success');
    await outputContains(nb, 'deployment.apps/platform-api');
    assert.equal(await watcher.state(), 'running', 'the background cell is still running');
    await wb.screenshot('runbook-runme-notebook');
    // Stop ends the background cell.
    await watcher.stop();
    await watcher.waitForState('error');
    await outputContains(nb, 'tick');
  });

  it('Run From Here from a cell\'s menu stops at the first failure; a background cell\'s exports reach later cells once it ends; ignored blocks show as code; Run Cells by Category…', async () => {
    const { wb, workspace } = ui;
    const fence = '```';
    const flag = join(workspace, 'runbooks', 'warm.flag');
    const file = join(workspace, 'runbooks', 'runme-extras.runbook.md');
    writeFileSync(
      file,
      [
        '# Runme extras',
        '',
        `${fence}sh { background=true name=warm-up promptEnv=no }`,
        'echo warming up',
        'export WARMED=yes',
        `until [ -e ${flag} ]; do sleep 0.2; done`,
        fence,
        '',
        `${fence}sh { ignore=true }`,
        'kubectl delete namespace phoenix-system --dry-run=client',
        fence,
        '',
        `${fence}sh { category=triage }`,
        'echo "warmed=${WARMED:-not yet}"',
        fence,
        '',
        `${fence}sh { category=triage }`,
        'kubectl get deployments -o name',
        fence,
        '',
        `${fence}sh`,
        'echo failing on purpose; exit 3',
        fence,
        '',
        `${fence}sh`,
        'echo never reached',
        fence,
        '',
      ].join('\n'),
    );
    const nb = await openFile(wb, file);
    // The ignore=true block is rendered markdown (a code block), not a runnable cell.
    await outputContains(nb, 'kubectl delete namespace phoenix-system --dry-run=client');
    const codeTexts = await nb.root.locator('.monaco-list-row.code-cell-row .view-lines').allInnerTexts();
    assert.ok(!codeTexts.some((t) => t.replace(/\u00a0/g, ' ').includes('kubectl delete namespace')), 'the ignored block is not a code cell');
    const warm = await nb.codeCell('echo warming up');
    await warm.run();
    await outputContains(nb, 'warming up');
    // Run From Here, from the cell's own menu: the triage cells run, the failing one fails, the last never runs.
    const first = await nb.codeCell('echo "warmed=');
    await first.toolbarMenu('Run From Here');
    const failing = await nb.codeCell('echo failing on purpose');
    await failing.waitForState('error');
    await outputContains(nb, 'warmed=not yet');
    await outputContains(nb, 'deployment.apps/platform-api');
    const last = await nb.codeCell('echo never reached');
    assert.equal(await last.state(), undefined, 'the cell after the failure did not run');
    assert.equal(await first.state(), 'success');
    await wb.screenshot('runbook-run-from-here');
    // The background cell ends: what it exported is now the session's, and it says so.
    writeFileSync(flag, '');
    await warm.waitForState('success');
    await outputContains(nb, 'WARMED is now set for the next steps');
    // Run Cells by Category… from the notebook's toolbar: the triage cells run again and see the export.
    await notebookToolbarAction(wb, 'Run Cells by Category…');
    const pick = await wb.quickPick();
    await pick.pick('triage');
    await outputContains(nb, 'warmed=yes');
    await wb.screenshot('runbook-run-by-category');
  });

  it('promptEnv: a cell exporting a variable asks for it in an input box, its quoted value offered; the answer shows in its output and a later cell', async () => {
    const { wb } = ui;
    const file = join(ui.workspace, 'runbooks', 'prompt-env.runbook.md');
    const fence = '```';
    writeFileSync(file, ['# Release', '', `${fence}sh`, 'export RELEASE_NAME="Release name"', 'echo "releasing $RELEASE_NAME"', fence, '', `${fence}sh`, 'echo "checking $RELEASE_NAME"', fence, ''].join('\n'));
    const nb = await openFile(wb, file);
    const cell = await nb.codeCell('export RELEASE_NAME');
    await cell.run();
    const box = await wb.quickPick();
    assert.match(await box.prompt(), /Set Environment Variable "RELEASE_NAME"/);
    assert.equal(await box.input.inputValue(), 'Release name');
    await wb.screenshot('runbook-promptenv-question');
    await box.submit('phoenix-canary-7');
    await cell.waitForState('success');
    await outputContains(nb, 'releasing phoenix-canary-7');
    const later = await nb.codeCell('echo "checking');
    await later.run();
    await later.waitForState('success');
    await outputContains(nb, 'checking phoenix-canary-7');
    await wb.screenshot('runbook-promptenv-answered');
  });

  it('stops a hanging step from its cell', async () => {
    const { wb, workspace } = ui;
    writeFileSync(join(workspace, 'runbooks', 'hang.runbook.md'), '# Hang\n\n```sh\necho started; sleep 300\n```\n');
    const nb = await openFile(wb, join(workspace, 'runbooks', 'hang.runbook.md'));
    const cell = await nb.codeCell('sleep 300');
    await cell.run();
    await outputContains(nb, 'started');
    await cell.stop();
    // Promptly, not after its 300 s (how fast a cancel is lives in bench/, not here).
    await cell.waitForState('error', 20_000);
    await wb.screenshot('runbook-stopped');
  });

  it('ticks a checklist item in the notebook and saves only that character; unticking restores the exact bytes', async () => {
    const { wb, workspace } = ui;
    const file = join(workspace, 'runbooks', 'daily-operations-checklist.runbook.md');
    const original = readFileSync(file, 'utf8');
    assert.equal(original, readFileSync(repoPath('runbooks', 'daily-operations-checklist.runbook.md'), 'utf8'));
    const nb = await openFile(wb, 'daily-operations-checklist.runbook.md');
    const box = nb.outputs.locator('input.phx-task').nth(1);
    await box.waitFor({ timeout: 30_000 });
    assert.equal(await box.getAttribute('aria-label'), 'Verify all pods are running', 'a screen reader names the box by its item');
    // The morning round: run a check, then tick its item.
    const pods = await nb.codeCell('for ns in phoenix-system phase-5; do');
    await pods.run();
    await pods.waitForState('success');
    const ticked = original.replace('- [ ] Verify all pods are running', '- [x] Verify all pods are running');
    await tickAndSave(wb, box, file, ticked);
    await wb.screenshot('runbook-checklist-ticked');

    // Unticking and saving again gives back the file exactly as shipped: every other byte came through untouched.
    await waitFor('the re-rendered item to show its tick', async () => ((await box.isChecked()) ? true : undefined));
    await tickAndSave(wb, box, file, original);
  });

  it('keeps results readable in high contrast, light and dark themes: axe finds nothing in them, every text meets AA, the table scrolls from the keyboard', async function () {
    this.timeout(180_000);
    const { wb } = ui;
    const file = join(ui.workspace, 'runbooks', 'readable-results.runbook.md');
    writeFileSync(
      file,
      [
        '# Readable results',
        '',
        '- [ ] Check that every target answers',
        '',
        '```promql {"name":"targets-by-job"}',
        'count by (job) (up)',
        '```',
        '',
        '```sql { name=every-third-null }',
        "SELECT g AS n, CASE WHEN g % 3 = 0 THEN NULL ELSE 'row ' || g END AS label FROM generate_series(1, 120) AS g",
        '```',
        '',
      ].join('\n'),
    );
    const nb = await openFile(wb, file);
    // The table last: the notebook shows it (and the SQL cell) on screen for the screenshots.
    for (const text of ['count by (job) (up)', 'generate_series(1, 120)']) {
      const cell = await nb.codeCell(text);
      await cell.run();
      await cell.waitForState('success');
    }
    const page = await frameWith(wb, '.phx-out td.phx-null');
    await frameWith(wb, '.phx-summary code');
    // The scrolling result table is a named region that takes focus: Page Down scrolls it.
    const wrap = page.locator('.phx-table-wrap', { has: page.locator('td.phx-null') });
    assert.equal(await wrap.getAttribute('role'), 'region');
    assert.equal(await wrap.getAttribute('aria-label'), 'SELECT result, 120 rows');
    await wrap.focus();
    await wrap.press('PageDown');
    await waitFor('the table scrolled by the keyboard', async () => ((await wrap.evaluate((e) => (e as unknown as { scrollTop: number }).scrollTop)) > 0 ? true : undefined), 5000);
    for (const [name, cls, kind] of THEME_STEPS) {
      await colorTheme(wb, name, cls);
      await waitFor(`the outputs in the ${kind} theme`, async () => (new RegExp(`vscode-${kind}`).test((await page.locator('body').getAttribute('class')) ?? '') ? true : undefined), 15_000);
      const measured = [];
      for (const sel of ['.phx-summary code', '.phx-summary span', '.phx-table td.phx-null', '.phx-table th', '.phx-table .phx-type', '.phx-table td', '.phx-button', '.phx-more']) measured.push(...(await contrasts(page, sel)));
      for (const sel of ['.phx-summary code', '.phx-table td.phx-null', '.phx-type', '.phx-button']) assert.ok(measured.some((c) => c.selector.endsWith(sel)), `${sel} measured in the ${kind} theme`);
      assert.deepEqual(belowAA(measured), [], `contrast below AA in the ${kind} theme`);
      // "Show 50 more" is a button to the eye in every theme: a background, or in High Contrast a border.
      const button = await page.locator('.phx-button').first().evaluate((e) => {
        const s = (globalThis as unknown as { getComputedStyle(x: unknown): Record<string, string> }).getComputedStyle(e);
        return { border: s.borderTopStyle !== 'none' && parseFloat(s.borderTopWidth) > 0 && !/rgba\(0, 0, 0, 0\)|transparent/.test(s.borderTopColor), background: !/rgba\(0, 0, 0, 0\)|transparent/.test(s.backgroundColor) };
      });
      assert.ok(kind === 'high-contrast' ? button.border : button.background || button.border, `Show more stands out as a button in the ${kind} theme: ${JSON.stringify(button)}`);
      await wb.screenshot(`runbook-results-${kind}-theme`);
      assert.deepEqual(await axeViolations(page, '.phx-out'), [], `axe-core on the results, ${kind} theme`);
      // The checklist box lives in the markdown cell's shadow root: named by its item, no violation in any theme.
      const box = page.locator('input.phx-task');
      assert.equal(await box.getAttribute('aria-label'), 'Check that every target answers');
      assert.deepEqual(await axeViolationsInShadowHosts(page, 'input.phx-task'), { checked: 1, violations: [] }, `axe-core on the checklist box, ${kind} theme`);
    }
  });
});

describe('Runbooks in an untrusted workspace (UI)', () => {
  const ui = useWorkbench({ disableWorkspaceTrust: false });

  it('never runs a step: running one asks to trust the folder first, and Cancel leaves it unrun', async () => {
    const { wb, workspace } = ui;
    await wb.openViewContainer('Phoenix Ops');
    const marker = join(workspace, 'ran.marker');
    writeFileSync(join(workspace, 'runbooks', 'untrusted.runbook.md'), `# Untrusted\n\n\`\`\`sh\ntouch ${marker}\n\`\`\`\n`);
    const nb = await openFile(wb, join(workspace, 'runbooks', 'untrusted.runbook.md'));
    const cell = await nb.codeCell('touch');
    await cell.run();
    // VS Code asks before any cell of an untrusted folder runs; the cockpit's controller refuses on its own too.
    const message = await waitFor('the workspace trust dialog', () => wb.dialogMessage());
    assert.match(message, /Do you trust the authors of the files in this folder\?/);
    await wb.screenshot('runbook-untrusted');
    await wb.clickDialogButton('Cancel');
    await wb.page.waitForTimeout(1500);
    assert.equal(existsSync(marker), false, 'the step did not run');
    assert.equal(await cell.state(), undefined);
  });
});
