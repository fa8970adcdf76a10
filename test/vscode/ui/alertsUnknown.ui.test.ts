// UI: the sources of alerts stop answering (a proxy in front of the real Alertmanager and Prometheus is switched
// off). The cockpit must never read that as "nothing wrong": the Alerts view says since when the state is unknown and
// keeps the last known alert, marked with its time; the status bar shows the count as unknown; the Agents view keeps
// the last known fleet. Switched on again, everything is current again.
import { waitFor } from '../../shared/waitFor';
import * as assert from 'node:assert/strict';
import { sandboxSettings } from '../../../scripts/sandboxLink';
import { SwitchableProxy } from './switchableProxy';
import { uiEnvironment } from './uiEnvironment';
import { useWorkbench } from './workbenchFixture';

const STATUS = 'phoenix-ops.phoenix-ops-cockpit.phoenixOps.alerts';
const ALERT = { alertname: 'CockpitTrustCheck', severity: 'critical', service: 'trust-check' };

/** Posts (or, with `endsAt` now, resolves) a synthetic alert straight to the real Alertmanager, as a rule would. */
async function postAlert(alertmanagerUrl: string, endsInMs: number): Promise<void> {
  const now = Date.now();
  const body = [{ labels: ALERT, annotations: { summary: 'Synthetic alert of the UI test' }, startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + endsInMs).toISOString() }];
  const res = await fetch(`${alertmanagerUrl}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
  assert.ok(res.ok, `POST /api/v2/alerts: ${res.status}`);
}

describe('Alerts and agents when their sources stop answering (UI)', function () {
  this.timeout(120_000);
  let alertmanager: SwitchableProxy;
  let prometheus: SwitchableProxy;
  // Before the workbench starts: its settings point at the proxies.
  before(async () => {
    const { sandbox } = uiEnvironment();
    assert.ok(sandbox.alertmanagerUrl && sandbox.prometheusUrl, 'the sandbox runs Alertmanager and Prometheus');
    alertmanager = new SwitchableProxy(new URL(sandbox.alertmanagerUrl));
    prometheus = new SwitchableProxy(new URL(sandbox.prometheusUrl));
    await alertmanager.start();
    await prometheus.start();
    await postAlert(sandbox.alertmanagerUrl, 10 * 60_000);
  });
  const ui = useWorkbench({
    settingsFromSandbox: (s) => ({ ...sandboxSettings(s), 'phoenixOps.alertmanager.urls': [alertmanager.url], 'phoenixOps.prometheus.url': prometheus.url }),
  });
  after(async () => {
    const { sandbox } = uiEnvironment();
    if (sandbox.alertmanagerUrl) await postAlert(sandbox.alertmanagerUrl, 0).catch(() => undefined);
    await alertmanager?.stop();
    await prometheus?.stop();
  });

  it('Alertmanager down: "state unknown since", the last known alert marked with its time, the bell unknown; then current again', async () => {
    const { wb } = ui;
    await wb.openViewContainer('Phoenix Ops');
    for (const name of ['Clusters', 'Deployments', 'Experiments']) await wb.view(name).collapse();
    const alerts = wb.view('Alerts');
    await alerts.expand();
    const row = await alerts.treeItem('Synthetic alert of the UI test', 30_000);
    assert.match(await row.description(), /^firing for/);
    await wb.waitForStatusBarText(STATUS, /^\d+ critical$/);

    await alertmanager.stop();
    await alerts.treeItem(/^Cannot reach Alertmanager at http:\/\/127\.0\.0\.1:\d+/, 20_000);
    const unknown = await alerts.treeItem(/^Alert state unknown since \d/, 20_000);
    assert.match(await unknown.description(), /last known alerts below/);
    assert.match(await (await alerts.treeItem('Synthetic alert of the UI test')).description(), /^last known \d.* \(\d+s ago\): firing for/);
    assert.ok(!(await alerts.itemLabels()).includes('No alerts firing'));
    await wb.waitForStatusBarText(STATUS, /\d+ critical \+ \?$/);
    await wb.waitForSideBarIdle();
    await wb.screenshot('alerts-state-unknown');

    await alertmanager.start();
    await alerts.waitForNoTreeItem(/^Alert state unknown since/, 20_000);
    assert.match(await (await alerts.treeItem('Synthetic alert of the UI test')).description(), /^firing for/);
    await wb.waitForStatusBarText(STATUS, /^\d+ critical$/);
  });

  it('Prometheus down: the alert state is unknown too, and the Agents view keeps the last known fleet', async () => {
    const { wb } = ui;
    const agents = wb.view('Agents');
    await agents.expand();
    await agents.treeItem('agent-001', 30_000);

    await prometheus.stop();
    await agents.treeItem(/^Cannot reach Prometheus at http:\/\/127\.0\.0\.1:\d+/, 20_000);
    const agent = await agents.treeItem('agent-001');
    assert.match(await agent.description(), /^last known \d.* ago\) · (up|down)/);
    const alerts = wb.view('Alerts');
    await alerts.treeItem(/^Alert state unknown since \d/, 20_000);
    await wb.waitForStatusBarText(STATUS, /\+ \?$|alerts\?$/);
    await wb.waitForSideBarIdle();
    await wb.screenshot('agents-last-known-fleet');

    await prometheus.start();
    await alerts.waitForNoTreeItem(/^Alert state unknown since/, 20_000);
    // The Agents view polls on its own interval: wait for its next answer rather than read it at once.
    await waitFor('agent-001 current again (not "last known")', async () => (/last known/.test(await (await agents.treeItem('agent-001', 20_000)).description()) ? undefined : true), 60_000);
  });
});
