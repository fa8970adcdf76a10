import assert from 'node:assert/strict';
import type { AmAlert, AmSilence } from '../../../../src/clients/alertmanager/alertmanagerTypes';
import type { ServiceError } from '../../../../src/clients/http/serviceError';
import { alertsTree } from '../../../../src/domain/alerts/alertNodes';
import type { AlertingRule, RuleGroup } from '../../../../src/clients/prometheus/prometheusClient';
import { type AlertmanagerSource, AlertsStore, type RulesSource } from '../../../../src/domain/alerts/alertsStore';
import type { CockpitAlert } from '../../../../src/domain/alerts/alertTypes';
import { err, ok, type Result } from '../../../../src/core/result';
import { amAlert } from './alertFixtures';
import { mock } from 'node:test';

/** Lets every promise callback queued so far run (one turn of the event loop; not a wait for time). */
const settle = () => new Promise((r) => setImmediate(r));

class FakeAlertmanager implements AlertmanagerSource {
  alertList: AmAlert[] = [];
  failure: ServiceError | undefined;
  constructor(readonly baseUrl: string) {}
  alerts(): Promise<Result<AmAlert[], ServiceError>> {
    return Promise.resolve(this.failure ? err(this.failure) : ok(this.alertList));
  }
  silences(): Promise<Result<AmSilence[], ServiceError>> {
    return Promise.resolve(ok([]));
  }
  createSilence(): Promise<Result<string, ServiceError>> {
    return Promise.resolve(ok('id'));
  }
  expireSilence(): Promise<Result<void, ServiceError>> {
    return Promise.resolve(ok(undefined));
  }
}

const unreachable: ServiceError = { kind: 'unreachable', service: 'Alertmanager', message: 'Cannot reach Alertmanager at http://b: ECONNREFUSED', hint: 'Check the URL' };
const critical = (name: string, extra: Record<string, string> = {}) => amAlert({ alertname: name, severity: 'critical', ...extra });

describe('AlertsStore', () => {
  const kinds = () => alertsTree(store.snapshot).map((n) => (n.kind === 'message' ? n.text : n.kind));
  let a: FakeAlertmanager;
  let b: FakeAlertmanager;
  let store: AlertsStore;
  let notified: CockpitAlert[][];
  beforeEach(() => {
    a = new FakeAlertmanager('http://a');
    b = new FakeAlertmanager('http://b');
    store = new AlertsStore({ alertmanagers: () => [a, b], prometheus: () => undefined, intervals: () => ({ visibleMs: 0, backgroundMs: 0 }) });
    notified = [];
    store.onNewCritical((x) => notified.push(x));
  });
  afterEach(() => store.dispose());

  it('announces a critical alert that starts firing, but not those firing at the first fetch', async () => {
    a.alertList = [critical('Old')];
    await store.refresh();
    assert.equal(notified.length, 0);
    a.alertList = [critical('Old'), critical('HighErrorRate'), amAlert({ alertname: 'Warn', severity: 'warning' })];
    await store.refresh();
    assert.deepEqual(notified.map((n) => n.map((x) => x.name)), [['HighErrorRate']]);
  });

  it('does not announce again when a silence of a known alert ends, nor when a failed Alertmanager answers again', async () => {
    a.alertList = [];
    await store.refresh();
    b.alertList = [amAlert({ alertname: 'X', severity: 'critical' }, { state: 'suppressed', silencedBy: ['s'] })];
    await store.refresh();
    b.alertList = [critical('X')];
    await store.refresh();
    assert.equal(notified.length, 0, 'silence expired: not new');
    a.alertList = [critical('Y')];
    await store.refresh();
    assert.equal(notified.length, 1);
    a.failure = unreachable;
    await store.refresh();
    a.failure = undefined;
    await store.refresh();
    assert.equal(notified.length, 1, 'came back after a failed round: not new');
  });

  it('shows an unreachable Alertmanager as an error node beside the alerts of the others', async () => {
    a.alertList = [critical('HighErrorRate')];
    b.failure = unreachable;
    await store.refresh();
    const nodes = alertsTree(store.snapshot);
    assert.deepEqual(nodes.map((n) => n.kind), ['error', 'unknown', 'severity']);
    assert.equal(nodes[0]?.kind === 'error' && nodes[0].error.message, unreachable.message);
  });

  it('says "No alerts firing" only when every source answered; unconfigured means no nodes (welcome content)', async () => {
    a.failure = unreachable;
    b.failure = unreachable;
    await store.refresh();
    assert.deepEqual(kinds(), ['error', 'error', 'unknown']);
    a.failure = undefined;
    await store.refresh();
    assert.deepEqual(kinds(), ['error', 'unknown'], 'one Alertmanager still silent: unknown, not "none firing"');
    b.failure = undefined;
    await store.refresh();
    assert.deepEqual(kinds(), ['No alerts firing']);
    assert.equal(store.snapshot.unknownSince, undefined);
    const empty = new AlertsStore({ alertmanagers: () => [], prometheus: () => undefined, intervals: () => ({ visibleMs: 0, backgroundMs: 0 }) });
    assert.deepEqual(alertsTree(empty.snapshot), []);
    empty.dispose();
  });

  it('an Alertmanager that stops answering: its last known alerts stay, marked with when; unknown since its first failure', async () => {
    a.alertList = [critical('HighErrorRate')];
    b.alertList = [critical('AgentDown', { host_id: 'agent-001' })];
    await store.refresh();
    const answeredAt = store.snapshot.fetchedAt;
    b.failure = unreachable;
    await store.refresh();
    const failedAt = store.snapshot.fetchedAt;
    await store.refresh();
    const s = store.snapshot;
    assert.deepEqual(s.unknownSince, failedAt, 'since the first failed round, not the latest');
    assert.deepEqual(s.errors[0]?.since, failedAt);
    const byName = new Map(s.alerts.map((x) => [x.name, x]));
    assert.equal(byName.get('HighErrorRate')?.staleSince, undefined, 'the answering one is current');
    assert.deepEqual(byName.get('AgentDown')?.staleSince, answeredAt, 'the silent one is its last answer');
    assert.deepEqual(kinds(), ['error', 'unknown', 'severity']);
    const unknown = alertsTree(s).find((n) => n.kind === 'unknown');
    assert.equal(unknown?.kind === 'unknown' && unknown.nothingKnownFiring, false);
    b.failure = undefined;
    await store.refresh();
    assert.equal(store.snapshot.unknownSince, undefined);
    assert.ok(store.snapshot.alerts.every((x) => !x.staleSince));
    assert.equal(notified.length, 0, 'a known alert coming back is not new');
  });

  it('Prometheus not answering makes the state unknown too (nothing new can fire), pending alerts last known', async () => {
    let rulesFail = false;
    const rule: AlertingRule = {
      type: 'alerting',
      name: 'Slow',
      query: 'x > 1',
      duration: 60,
      labels: { severity: 'warning' },
      annotations: {},
      state: 'pending',
      health: 'ok',
      alerts: [{ labels: { alertname: 'Slow' }, annotations: {}, state: 'pending', activeAt: '2025-01-01T10:00:00Z' }],
    };
    const prom: RulesSource = {
      baseUrl: 'http://prom',
      rules: () =>
        Promise.resolve(
          rulesFail ? err({ kind: 'timeout', service: 'Prometheus', message: 'Prometheus did not answer in time', hint: 'Check it' }) : ok<RuleGroup[]>([{ name: 'g', file: 'f', interval: 1, rules: [rule] }]),
        ),
    };
    const withProm = new AlertsStore({ alertmanagers: () => [a], prometheus: () => prom, intervals: () => ({ visibleMs: 0, backgroundMs: 0 }) });
    try {
      await withProm.refresh();
      assert.deepEqual(alertsTree(withProm.snapshot).map((n) => n.kind === 'message' ? n.text : n.kind), ['No alerts firing', 'section']);
      rulesFail = true;
      await withProm.refresh();
      const nodes = alertsTree(withProm.snapshot);
      assert.deepEqual(nodes.map((n) => n.kind), ['error', 'unknown', 'section']);
      assert.match(nodes[0]?.kind === 'error' ? nodes[0].error.message : '', /did not answer in time \(pending alerts unknown; if it is down, no rule is evaluated/);
      assert.ok(withProm.snapshot.alerts.every((x) => x.state === 'pending' && x.staleSince), 'the pending alert is the last known one');
      assert.equal(withProm.snapshot.rules.length, 1, 'Show Query keeps the last known rules');
    } finally {
      withProm.dispose();
    }
  });

  it('never reads "none firing" before any source has answered', async () => {
    b.failure = unreachable;
    await store.refresh();
    assert.deepEqual(kinds(), ['error', 'unknown']);
    const unknown = alertsTree(store.snapshot).find((n) => n.kind === 'unknown');
    assert.equal(unknown?.kind === 'unknown' && unknown.nothingKnownFiring, true);
  });

  it('polls at the visible interval while visible, the background one while hidden', async () => {
    let fetches = 0;
    const counting = new FakeAlertmanager('http://c');
    const original = counting.alerts.bind(counting);
    counting.alerts = () => (fetches++, original());
    const s = new AlertsStore({ alertmanagers: () => [counting], prometheus: () => undefined, intervals: () => ({ visibleMs: 10, backgroundMs: 0 }) });
    // A mocked clock: the count per interval is exact, whatever the machine's load.
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      s.start();
      mock.timers.tick(1000);
      await settle();
      assert.equal(fetches, 0, 'hidden with background 0: no polling');
      s.setVisible(true);
      await settle();
      const first = fetches;
      assert.ok(first >= 1, 'visible: fetched at once');
      for (let i = 1; i <= 3; i++) {
        mock.timers.tick(10);
        await settle();
        assert.equal(fetches, first + i, `one fetch per 10 ms interval (${i})`);
      }
      s.setVisible(false);
      mock.timers.tick(1000);
      await settle();
      assert.equal(fetches, first + 3, 'hidden again: no more polling');
      s.dispose();
    } finally {
      mock.timers.reset();
    }
  });
});
