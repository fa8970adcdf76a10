// UI: the charts people look at. The platform team opens the Cost Overview from the Experiments view and one
// experiment's Cost Reduction; an SRE opens a service's health from the Deployments view and a namespace's. As a
// person would: hover a point, switch the range, open the table, hide a series from the keyboard, export CSV, leave
// the panel and come back (it is as it was), switch to high contrast, a light and a dark theme (the charts re-colour),
// open a chart's query as a runbook cell. axe-core checks the panels in each theme.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Frame } from 'playwright-core';
import { waitFor } from '../../shared/waitFor';
import { axeViolations, colorTheme, THEME_STEPS } from './a11y';
import { NotebookEditor } from './notebookEditor';
import type { Workbench } from './workbench';
import { useWorkbench } from './workbenchFixture';

/** The page (frame) of the panel whose title matches and is on screen: other webviews (a notebook's outputs) may be too. */
async function dashboardFrame(wb: Workbench, title: RegExp, timeoutMs = 60_000): Promise<Frame> {
  return waitFor(`the panel ${String(title)} on screen`, async () => {
    for (const f of wb.page.frames()) {
      const h1 = f.locator('h1.dash-title');
      const t = await h1.textContent({ timeout: 200 }).catch(() => undefined);
      if (t && title.test(t) && (await h1.isVisible())) return f;
    }
    return undefined;
  }, timeoutMs);
}

/** Waits until the panel shows its title and at least one drawn chart. */
async function dashboard(wb: Workbench, title: RegExp): Promise<Frame> {
  const page = await dashboardFrame(wb, title);
  await page.locator('.phc-chart canvas').first().waitFor({ timeout: 30_000 });
  return page;
}

/** Picks a range in the panel's range select (a vscode-elements dropdown). */
async function pickRange(page: Frame, label: string): Promise<void> {
  await page.locator('#range').click();
  await page.getByRole('option', { name: label }).click();
}

/** Hovers the plot of a chart at a share of its width: the hover card's text. */
async function hoverPlot(page: Frame, chartId: string, at = 0.7): Promise<string> {
  // The whole chart on screen first, so the card (and the screenshot after) is not cut off at the panel's edge.
  await page.locator(`[data-chart-id="${chartId}"]`).scrollIntoViewIfNeeded();
  const over = page.locator(`[data-chart-id="${chartId}"] .u-over`);
  const box = await over.boundingBox();
  assert.ok(box, `the plot of ${chartId}`);
  await over.hover({ position: { x: box.width * at, y: box.height / 2 } });
  const card = page.locator(`[data-chart-id="${chartId}"] .phc-tooltip.phc-visible`);
  await card.waitFor({ timeout: 10_000 });
  return card.innerText();
}

describe('Chart panels: cost and service health (UI)', function () {
  this.timeout(240_000);
  const ui = useWorkbench();

  it('opens the Cost Overview from the Experiments view: the cost flow against the 70 % goal and every experiment', async () => {
    const { wb } = ui;
    await wb.openViewContainer('Phoenix Ops');
    for (const name of ['Clusters', 'Deployments', 'Alerts', 'Agents']) await wb.view(name).collapse();
    const view = wb.view('Experiments');
    await view.expand();
    await view.treeItem('cost-opt-prod', 30_000);
    await view.clickTitleAction('Cost Overview');
    const page = await dashboard(wb, /^Cost overview$/);
    // The reduction is the cost flow's own: 1 − after/before of the figures beside it (other suites may have
    // completed experiments of their own in the shared sandbox, so it is not always the seed's 70.0 %).
    const reduction = /Cost reduction\s*✓?\s*([\d.]+) %\s*meets the 70 % goal/.exec(await page.locator('[data-figure="reduction"]').innerText());
    assert.ok(reduction, await page.locator('[data-figure="reduction"]').innerText());
    const [before, after] = (/\$([\d,]+) → \$([\d,]+)/.exec(await page.locator('[data-figure="cost"]').innerText()) ?? []).slice(1).map((x) => Number(x.replace(/,/g, '')));
    assert.ok(before && after !== undefined && Math.abs((1 - after / before) * 100 - Number(reduction[1])) < 0.1, `${reduction[1]} % from $${before} → $${after}`);
    assert.match(await page.locator('[data-figure="savings-year"]').innerText(), /Saved per year\s*\$[\d,]+/);
    await page.locator('table[data-table="experiments-table"] tbody tr').first().waitFor();
    assert.match(await page.locator('table[data-table="experiments-table"]').innerText(), /cost-opt-prod\s+Show Cost Reduction\s+✓ completed/);
    // The bars of the cost flow, hovered: before, after and the goal's figure for the namespaces.
    assert.match(await hoverPlot(page, 'flow-total', 0.5), /all optimised namespaces[\s\S]*before\s*\$[\d,]+[\s\S]*after\s*\$[\d,]+[\s\S]*at the 70 % goal\s*\$[\d,]+/);
    await wb.screenshot('cost-overview', { keepPointer: true });
    assert.deepEqual(await axeViolations(await dashboardFrame(wb, /^Cost overview$/)), [], 'axe-core, default theme');
  });

  it("opens an experiment's Cost Reduction: figures, series over its life, hover details, namespaces, timeline", async () => {
    const { wb } = ui;
    await (await dashboardFrame(wb, /^Cost overview$/)).locator('button[data-action-id^="experiment:exp-c0ffee"]').click();
    const page = await dashboard(wb, /^Cost reduction: cost-opt-prod$/);
    assert.match(await page.locator('[data-figure="cost"]').innerText(), /\$[\d,]+ → \$[\d,]+/);
    // Over its life (4 to 3 days ago, from the sandbox's backfilled history): the candidate keeps 30 % of the series.
    assert.match((await page.locator('[data-chart-id="cardinality"] .phc-sr').first().textContent()) ?? '', /^Time chart over (1 d|2\d h)/);
    const card = await hoverPlot(page, 'cardinality', 0.8);
    assert.match(card, /baseline \(process-baseline-v1\)\s*[\d,]+[\s\S]*candidate \(process-intelligent-v1\)\s*[\d,]+/);
    await page.locator('[data-chart-id="ns-cost"] canvas').waitFor();
    assert.match(await page.locator('table[data-table="timeline-table"]').innerText(), /created[\s\S]*started[\s\S]*completed/);
    await wb.screenshot('cost-reduction-experiment', { keepPointer: true });
  });

  it('switches the range, opens a table, hides a series from the keyboard, exports CSV; all of it is kept when the panel comes back', async () => {
    const { wb } = ui;
    const page = await dashboardFrame(wb, /^Cost reduction: cost-opt-prod$/);
    await pickRange(page, 'Last hour');
    await waitFor('the charts over the last hour', async () => (/^Time chart over 1 h,/.test((await page.locator('[data-chart-id="reduction"] .phc-sr').first().textContent()) ?? '') ? true : undefined), 30_000);
    const reduction = page.locator('[data-chart-id="reduction"]');
    await reduction.locator('[data-action="table"]').click();
    await reduction.locator('table.phc-table tbody tr').first().waitFor();
    assert.match(await reduction.locator('table.phc-table tbody tr').first().innerText(), /\d\d:\d\d:\d\d\s+70 %\s+70 %/);
    // The legend is a row of toggles: Tab to the goal line's, Space hides it.
    const goal = reduction.locator('.phc-legend-item', { hasText: 'goal' });
    await goal.focus();
    await goal.press('Space');
    assert.equal(await goal.getAttribute('aria-pressed'), 'false');

    // CSV: the save dialog proposes a name after the chart; the file has ISO times and raw numbers.
    await reduction.locator('[data-action="csv"]').click();
    const dialog = await wb.quickPick();
    await waitFor('the proposed file name', async () => (/cardinality-reduction-.*\.csv$/.test(await dialog.input.inputValue()) ? true : undefined), 10_000);
    await dialog.input.press('Enter');
    const saved = await wb.waitForNotification(/^Saved .*cardinality-reduction-.*\.csv\.$/);
    const file = /^Saved (.*)\.$/.exec(await saved.message())?.[1] ?? '';
    const csv = readFileSync(file, 'utf8').split('\n');
    assert.equal(csv[0], 'time,reduction (%),goal (%)');
    assert.match(csv[1] ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z,70,70$/);
    await wb.clearNotifications();

    // Away to the overview (the hidden panel's page is discarded) and back: range, table and hidden line are as they were.
    await wb.page.locator('.tabs-container .tab', { hasText: 'Cost Overview' }).click();
    await dashboard(wb, /^Cost overview$/);
    await wb.page.locator('.tabs-container .tab', { hasText: 'Cost: cost-opt-prod' }).click();
    const back = await dashboard(wb, /^Cost reduction: cost-opt-prod$/);
    assert.equal(await back.locator('#range').evaluate((e) => (e as unknown as { value: string }).value), '1h');
    await back.locator('[data-chart-id="reduction"] table.phc-table').waitFor();
    assert.equal(await back.locator('[data-chart-id="reduction"] .phc-legend-item', { hasText: 'goal' }).getAttribute('aria-pressed'), 'false');
    await wb.screenshot('cost-reduction-restored');
  });

  it('follows switches to high contrast, a light and a dark theme: the charts re-colour at once, axe finds nothing in any', async () => {
    const { wb } = ui;
    const page = await dashboardFrame(wb, /^Cost reduction: cost-opt-prod$/);
    const chart = page.locator('[data-chart-id="cardinality"]');
    // Whatever the workbench starts in, each step is a real switch (high contrast first), ending in a dark theme.
    for (const [name, cls, kind] of THEME_STEPS) {
      const before = await chart.getAttribute('data-foreground');
      await colorTheme(wb, name, cls);
      await waitFor(`the chart painted for ${kind}`, async () => ((await chart.getAttribute('data-theme')) === kind ? true : undefined), 15_000);
      const after = await chart.getAttribute('data-foreground');
      assert.notEqual(after, before, `the axis text colour changed with the switch to ${name}`);
      // The page's text follows the same variable: the canvas's axis colour is the title's colour.
      const [titleColour, axisColour] = await page.evaluate<[string, string]>(`(() => {
        const probe = document.createElement('span');
        probe.style.color = ${JSON.stringify(after ?? '')};
        document.body.append(probe);
        const axis = getComputedStyle(probe).color;
        probe.remove();
        return [getComputedStyle(document.querySelector('[data-chart-id="cardinality"] .phc-title')).color, axis];
      })()`);
      assert.equal(titleColour, axisColour, `axis and title share the ${kind} theme's foreground`);
      await wb.screenshot(`cost-reduction-${kind}-theme`);
      assert.deepEqual(await axeViolations(await dashboardFrame(wb, /^Cost reduction: cost-opt-prod$/)), [], `axe-core, ${kind} theme`);
    }
  });

  it("opens platform-api's health from the Deployments view: SLO figures, golden signals, burn rates, hover", async () => {
    const { wb } = ui;
    await wb.openViewContainer('Phoenix Ops');
    for (const name of await wb.viewNames()) if (name !== 'Deployments') await wb.view(name).collapse();
    const view = wb.view('Deployments');
    await view.expand();
    await (await view.treeItem('platform-api', 30_000)).contextMenu('Show Service Health');
    const page = await dashboard(wb, /^Service health: platform-api$/);
    assert.match(await page.locator('.dash-subtitle').innerText(), /SLO: availability 99\.9 %, p95 < 100 ms, errors < 0\.1 % over 30 d \(guide 000/);
    await page.locator('[data-chart-id="availability-burn"] canvas').waitFor();
    assert.match(await page.locator('[data-figure="burn-page"]').innerText(), /Burn rate 1 h \/ 5 m\s*[\d.]+× \/ [\d.]+×\s*pages above 14\.4× on both/);
    assert.match(await page.locator('[data-figure="availability"]').innerText(), /measured over the last [\d h min]+ \(Prometheus has no older data\)/);
    // The budget in time a person can picture: 0.1 % of 30 days is 43 min of errors.
    assert.match(await page.locator('[data-figure="budget"]').innerText(), /Error budget left\s*[✓▲✗]?\s*[-−]?[\d.]+ %\s*(spent [\d.]+ % )?of the 43 min of errors a 30 d window allows/);
    assert.match(await page.locator('table[data-table="slo-table"]').innerText(), /availability \(no 5xx\)\s+99\.9 %/);
    const card = await hoverPlot(page, 'latency');
    assert.match(card, /p95\s+[\d.]+ ms[\s\S]*p99\s+[\d.]+ ms[\s\S]*p95 objective\s+100 ms/);
    await wb.screenshot('service-health-platform-api', { keepPointer: true });
    const burn = await hoverPlot(page, 'availability-burn', 0.5);
    assert.match(burn, /over 1 h\s+[\d.]+×[\s\S]*page\s+14\.4×[\s\S]*ticket\s+6×/);
    await page.locator('[data-section="slo"]').scrollIntoViewIfNeeded();
    await wb.screenshot('service-health-slo', { keepPointer: true });
    assert.deepEqual(await axeViolations(await dashboardFrame(wb, /^Service health: platform-api$/)), [], 'axe-core');
  });

  it('switches the range to three hours: the backfilled history fills the charts', async () => {
    const { wb } = ui;
    const page = await dashboardFrame(wb, /^Service health: platform-api$/);
    await pickRange(page, 'Last 3 hours');
    await waitFor('charts over 3 h', async () => (/^Time chart over 3 h,/.test((await page.locator('[data-chart-id="rate"] .phc-sr').first().textContent()) ?? '') ? true : undefined), 30_000);
    const table = await (async () => {
      await page.locator('[data-chart-id="rate"] [data-action="table"]').click();
      return page.locator('[data-chart-id="rate"] table.phc-table');
    })();
    // Newest first; the oldest rows, from before the sandbox started, hold real rates too.
    await table.locator('tbody tr').first().waitFor();
    assert.match(await page.locator('[data-chart-id="rate"] table.phc-table caption').innerText(), /samples, newest first/);
    assert.match(await page.locator('[data-chart-id="rate"] .phc-legend-item').first().innerText(), /requests\s+[\d.,]+ req\/s \(last\)/);
    await wb.screenshot('service-health-3h');
  });

  it("opens a chart's query as a PromQL runbook cell, which runs and draws", async () => {
    const { wb } = ui;
    await (await dashboardFrame(wb, /^Service health: platform-api$/)).locator('[data-chart-id="errors"] [data-action="open-query"]').click();
    const nb = new NotebookEditor(wb.page);
    await nb.waitOpen();
    await nb.outputs.locator('.phc-chart canvas').first().waitFor({ timeout: 60_000 });
    assert.match(await nb.outputs.locator('.phc-chart .phc-title').first().innerText(), /^Range query chart/);
    await wb.screenshot('service-health-query-as-runbook');
  });

  it("a namespace's health lists its services against their SLOs; a row opens that service's panel", async () => {
    const { wb } = ui;
    const view = wb.view('Deployments');
    await (await view.treeItem('phoenix-system')).contextMenu('Show Service Health');
    const page = await dashboard(wb, /^Namespace health: phoenix-system$/);
    const rows = page.locator('table[data-table="services-table"] tbody tr');
    await rows.first().waitFor();
    assert.ok((await rows.count()) >= 5);
    assert.match(await page.locator('table[data-table="services-table"]').innerText(), /analytics\s+Show Service Health\s+[\d.]+ %\s+99 %/);
    await wb.screenshot('namespace-health');
    await page.locator('button[data-action-id="service:controller"]').click();
    await dashboard(wb, /^Service health: controller$/);
    assert.match(await (await dashboardFrame(wb, /^Service health: controller$/)).locator('.dash-subtitle').innerText(), /availability 99\.5 %, p95 < 500 ms/);
  });
});
