// Alerts end to end against the sandbox's real Prometheus and Alertmanager: a rule fires, the alert arrives
// through Alertmanager into the cockpit's store; silence and expire round trip; every guide alert can be triggered.
import assert from 'node:assert/strict';
import { AlertmanagerClient } from '../../../src/clients/alertmanager/alertmanagerClient';
import { PrometheusClient } from '../../../src/clients/prometheus/prometheusClient';
import { alertsTree } from '../../../src/domain/alerts/alertNodes';
import { AlertsStore } from '../../../src/domain/alerts/alertsStore';
import type { CockpitAlert } from '../../../src/domain/alerts/alertTypes';
import { silenceFor } from '../../../src/domain/alerts/silencePlan';
import { type Sandbox, startSandbox } from '../../../sandbox/sandbox';
import { waitFor } from '../../shared/waitFor';

describe('alerts through the real Prometheus and Alertmanager', function () {
  this.timeout(120_000);
  let sandbox: Sandbox;
  let am: AlertmanagerClient;
  let store: AlertsStore;
  const undo: Array<() => Promise<void>> = [];

  before(async () => {
    sandbox = await startSandbox({ timeScale: 0.2 });
    am = new AlertmanagerClient({ baseUrl: sandbox.info.alertmanagerUrl!, timeoutMs: 5000 });
    const prom = new PrometheusClient({ baseUrl: sandbox.info.prometheusUrl!, timeoutMs: 5000 });
    store = new AlertsStore({ alertmanagers: () => [am], prometheus: () => prom, intervals: () => ({ visibleMs: 0, backgroundMs: 0 }) });
  });
  after(async () => {
    for (const u of undo.splice(0)) await u().catch(() => undefined);
    store?.dispose();
    await sandbox?.stop();
  });

  const firing = async (name: string, labels: Record<string, string> = {}): Promise<CockpitAlert | undefined> => {
    await store.refresh();
    return store.snapshot.alerts.find((a) => a.name === name && a.state === 'firing' && Object.entries(labels).every(([k, v]) => a.labels[k] === v));
  };

  it('a -bad image makes HighErrorRate fire in Prometheus and arrive through Alertmanager, critical, with its runbook', async () => {
    undo.push(await sandbox.triggers!.badImage());
    const alert = await waitFor('HighErrorRate for notification', () => firing('HighErrorRate', { service: 'notification', cluster: 'phoenix-dev' }), 60_000);
    assert.equal(alert.severity, 'critical');
    assert.equal(alert.priority, 'P1');
    assert.equal(alert.summary, 'High error rate on notification');
    assert.equal(alert.annotations.runbook, 'https://docs.phoenix.io/runbooks/high-error-rate');
    assert.deepEqual(alert.sources, [sandbox.info.alertmanagerUrl]);
    // Show Query's expression comes from Prometheus' rules API.
    const [rule] = store.rulesFor(alert);
    assert.match(rule?.query ?? '', /rate\(http_requests_total\{status=~"5\.\."\}\[20s\]\)/);
    const tree = alertsTree(store.snapshot);
    assert.equal(tree[0]?.kind, 'severity');
  });

  it('silences it (state silenced, silence listed) and expiring the silence makes it fire again', async () => {
    const alert = await waitFor('HighErrorRate', () => firing('HighErrorRate', { service: 'notification' }), 60_000);
    const created = await am.createSilence(silenceFor(alert, { minutes: 30, createdBy: 'integration-test', comment: 'round trip', now: new Date() }));
    assert.ok(created.ok, !created.ok ? created.error.message : '');
    const silenced = await waitFor('the alert to be silenced', async () => {
      await store.refresh();
      return store.snapshot.alerts.find((a) => a.key === alert.key && a.state === 'silenced');
    }, 20_000);
    assert.deepEqual(silenced.silencedBy, [{ source: sandbox.info.alertmanagerUrl, id: created.value }]);
    assert.ok(store.snapshot.silences.some((s) => s.id === created.value && s.createdBy === 'integration-test'));
    const expired = await am.expireSilence(created.value);
    assert.ok(expired.ok);
    await waitFor('firing again', () => firing('HighErrorRate', { service: 'notification' }), 20_000);
    assert.ok(!store.snapshot.silences.some((s) => s.id === created.value), 'an expired silence is not listed');
    const unknown = await am.expireSilence('00000000-0000-0000-0000-000000000000');
    assert.ok(!unknown.ok && /not found|404/i.test(unknown.error.message), "Alertmanager's own message for an unknown silence");
  });

  it('shows an alert of two configured Alertmanagers (here the same one under two URLs) once, from both', async () => {
    const other = new AlertmanagerClient({ baseUrl: sandbox.info.alertmanagerUrl!.replace('127.0.0.1', 'localhost'), timeoutMs: 5000 });
    const two = new AlertsStore({ alertmanagers: () => [am, other], prometheus: () => undefined, intervals: () => ({ visibleMs: 0, backgroundMs: 0 }) });
    await two.refresh();
    const matches = two.snapshot.alerts.filter((a) => a.name === 'HighErrorRate' && a.labels.service === 'notification');
    assert.equal(matches.length, 1);
    assert.equal(matches[0]?.sources.length, 2);
    two.dispose();
  });

  it('an unreachable Alertmanager is an error node with the reason and a hint, next to the alerts of a working one', async () => {
    const dead = new AlertmanagerClient({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 2000 });
    const mixed = new AlertsStore({ alertmanagers: () => [dead, am], prometheus: () => undefined, intervals: () => ({ visibleMs: 0, backgroundMs: 0 }) });
    await mixed.refresh();
    const nodes = alertsTree(mixed.snapshot);
    assert.equal(nodes[0]?.kind, 'error');
    assert.match(nodes[0]?.kind === 'error' ? nodes[0].error.message : '', /Cannot reach Alertmanager at http:\/\/127\.0\.0\.1:1/);
    assert.ok(nodes.some((n) => n.kind === 'severity'));
    mixed.dispose();
  });

  it("every other alert of the guides can be triggered: crash loop, slow service, agent down, queue backup, lost database", async () => {
    undo.push(await sandbox.triggers!.crashImage({ namespace: 'phoenix-system', deployment: 'generator' }));
    undo.push(await sandbox.triggers!.badImage({ namespace: 'phoenix-system', deployment: 'analytics' }));
    undo.push(await sandbox.triggers!.stopAgent('agent-002'));
    undo.push(await sandbox.triggers!.floodQueue(150));
    const expected: [string, Record<string, string>][] = [
      ['PodCrashLooping', { namespace: 'phoenix-system' }],
      ['HighLatency', { service: 'analytics' }],
      ['AgentDown', { host_id: 'agent-002' }],
      ['TaskQueueBackup', {}],
    ];
    for (const [name, labels] of expected) await waitFor(`${name} to fire`, () => firing(name, labels), 60_000);
    const queueAlert = store.snapshot.alerts.find((a) => a.name === 'TaskQueueBackup');
    assert.match(queueAlert?.summary ?? '', /1\d\d pending tasks/);
    // Last, because without its database the platform exports nothing but pg_up = 0.
    const repair = await sandbox.triggers!.breakDatabase();
    undo.push(repair);
    const db = await waitFor('DatabaseConnectionFailed to fire', () => firing('DatabaseConnectionFailed'), 60_000);
    assert.equal(db.annotations.runbook, 'https://docs.phoenix.io/runbooks/database-connection-failures');
    await repair();
  });
});
