// UI: the charts people look at. The platform team opens the Cost Overview from the Experiments view, then one
// experiment's Cost Reduction; hovers a point, switches the range, reads the table view; the panel comes back as it
// was after being hidden; a switch to a light theme re-colours the charts.
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import type { Workbench } from './workbench';
import { useWorkbench } from './workbenchFixture';

/** Waits until the panel's page shows the title and at least one drawn chart. */
async function dashboard(wb: Workbench, title: RegExp): Promise<FrameLocator> {
  const page = wb.activeWebview();
  await page.locator('h1.dash-title', { hasText: title }).waitFor({ timeout: 30_000 });
  await page.locator('.phc-chart canvas').first().waitFor({ timeout: 30_000 });
  return page;
}

describe('Cost panels (UI)', function () {
  this.timeout(180_000);
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
    const reduction = page.locator('[data-figure="reduction"]');
    assert.match(await reduction.innerText(), /Cost reduction\s*✓?\s*70\.0 %\s*meets the 70 % goal/);
    assert.match(await page.locator('[data-figure="savings-year"]').innerText(), /Saved per year\s*\$[\d,]+/);
    await page.locator('table[data-table="experiments-table"] tbody tr').first().waitFor();
    assert.match(await page.locator('table[data-table="experiments-table"]').innerText(), /cost-opt-prod\s+Show Cost Reduction\s+✓ completed/);
    await wb.screenshot('cost-overview');
  });

  it("opens an experiment's Cost Reduction from the table: figures, charts over its life, namespaces, timeline", async () => {
    const { wb } = ui;
    await wb.activeWebview().locator('button[data-action-id^="experiment:exp-c0ffee"]').click();
    const page = await dashboard(wb, /^Cost reduction: cost-opt-prod$/);
    assert.match(await page.locator('[data-figure="cost"]').innerText(), /\$[\d,]+ → \$[\d,]+/);
    await page.locator('[data-chart-id="ns-cost"] canvas').waitFor();
    assert.match(await page.locator('table[data-table="timeline-table"]').innerText(), /created[\s\S]*started[\s\S]*completed/);
    await wb.screenshot('cost-reduction-experiment');
  });
});

describe('Service health panel (UI)', function () {
  this.timeout(180_000);
  const ui = useWorkbench();

  it("opens platform-api's health from the Deployments view: SLO figures, golden signals, burn rates", async () => {
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
    assert.match(await page.locator('table[data-table="slo-table"]').innerText(), /availability \(no 5xx\)\s+99\.9 %/);
    await wb.screenshot('service-health-platform-api');
  });
});
