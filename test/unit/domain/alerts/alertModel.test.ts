import assert from 'node:assert/strict';
import { groupBySeverity } from '../../../../src/domain/alerts/alertGrouping';
import { mergeAlerts, mergeSilences, pendingFromRules } from '../../../../src/domain/alerts/alertMerge';
import { formatAge, keyLabelsText, labelsText, matchersText } from '../../../../src/domain/alerts/alertText';
import { matchRunbookFile, runbookRef, slugOf } from '../../../../src/domain/alerts/runbookLink';
import { priorityOf, severityOf } from '../../../../src/domain/alerts/severity';
import { groupSilenceTarget, parseDurationMinutes, silenceFor } from '../../../../src/domain/alerts/silencePlan';
import { amAlert } from './alertFixtures';


describe('alerts: severity, priority and order', () => {
  it('reads severity labels, P1–P4 from priority or severity, and derives severity from a priority alone', () => {
    assert.equal(severityOf({ severity: 'critical' }), 'critical');
    assert.equal(severityOf({ severity: 'Warning' }), 'warning');
    assert.equal(severityOf({ severity: 'info' }), 'info');
    assert.equal(severityOf({}), 'none');
    assert.equal(priorityOf({ priority: 'P2' }), 'P2');
    assert.equal(priorityOf({ severity: 'p1 - critical' }), 'P1');
    // guide 000: P1/P2 page the on-call, P3/P4 become tickets
    assert.equal(severityOf({ severity: 'P2' }), 'critical');
    assert.equal(severityOf({ priority: 'P3' }), 'warning');
    assert.equal(severityOf({ priority: 'P4' }), 'info');
  });

  it('groups firing alerts critical → warning → info, then names by priority, instances longest-firing first', () => {
    const alerts = mergeAlerts([
      {
        source: 'am1',
        alerts: [
          amAlert({ alertname: 'HighLatency', severity: 'warning', priority: 'P2', service: 'a' }),
          amAlert({ alertname: 'TaskQueueBackup', severity: 'critical', priority: 'P2' }),
          amAlert({ alertname: 'HighErrorRate', severity: 'critical', priority: 'P1', service: 'b' }, { startsAt: '2025-01-01T10:05:00Z' }),
          amAlert({ alertname: 'HighErrorRate', severity: 'critical', priority: 'P1', service: 'a' }, { startsAt: '2025-01-01T09:00:00Z' }),
          amAlert({ alertname: 'Info', severity: 'info' }),
        ],
      },
    ]);
    const groups = groupBySeverity(alerts);
    assert.deepEqual(groups.map((g) => [g.severity, g.count]), [['critical', 3], ['warning', 1], ['info', 1]]);
    assert.deepEqual(groups[0]?.groups.map((g) => g.name), ['HighErrorRate', 'TaskQueueBackup']);
    assert.deepEqual(groups[0]?.groups[0]?.alerts.map((a) => a.labels.service), ['a', 'b']);
  });
});

describe('alerts: merging several Alertmanagers', () => {
  it('shows an alert known to two Alertmanagers once, firing if either still notifies', () => {
    const labels = { alertname: 'HighErrorRate', severity: 'critical', service: 'api' };
    const merged = mergeAlerts([
      { source: 'http://am-a', alerts: [amAlert(labels, { fingerprint: 'f1', state: 'suppressed', silencedBy: ['s1'] })] },
      { source: 'http://am-b', alerts: [amAlert(labels, { fingerprint: 'f1' })] },
    ]);
    assert.equal(merged.length, 1);
    assert.equal(merged[0]?.state, 'firing');
    assert.deepEqual(merged[0]?.sources, ['http://am-a', 'http://am-b']);
    assert.deepEqual(merged[0]?.silencedBy, [{ source: 'http://am-a', id: 's1' }]);
  });

  it('is silenced when suppressed everywhere by a silence, and keeps the earliest start', () => {
    const labels = { alertname: 'AgentDown', severity: 'warning', host_id: 'agent-003' };
    const merged = mergeAlerts([
      { source: 'a', alerts: [amAlert(labels, { state: 'suppressed', silencedBy: ['s1'], startsAt: '2025-01-01T10:00:00Z' })] },
      { source: 'b', alerts: [amAlert(labels, { state: 'suppressed', silencedBy: ['s2'], startsAt: '2025-01-01T09:00:00Z' })] },
    ]);
    assert.equal(merged[0]?.state, 'silenced');
    assert.equal(merged[0]?.startsAt.toISOString(), '2025-01-01T09:00:00.000Z');
  });

  it('takes pending alerts from Prometheus rules, and lists a shared silence once, expired ones not at all', () => {
    const pending = pendingFromRules('http://prom', [
      { type: 'alerting', name: 'AgentDown', query: 'x', duration: 5, labels: { severity: 'warning' }, annotations: {}, state: 'pending', health: 'ok', alerts: [{ labels: { severity: 'warning', host_id: 'a' }, annotations: { summary: 's' }, state: 'pending', activeAt: '2025-01-01T10:00:00Z' }] },
    ]);
    assert.equal(pending[0]?.state, 'pending');
    assert.equal(pending[0]?.name, 'AgentDown');
    const s = { id: 'x', matchers: [{ name: 'alertname', value: 'A', isRegex: false }], startsAt: '2025-01-01T10:00:00Z', endsAt: '2025-01-01T11:00:00Z', updatedAt: '', createdBy: 'me', comment: 'c' };
    const silences = mergeSilences([
      { source: 'a', silences: [{ ...s, status: { state: 'active' } }, { ...s, id: 'old', status: { state: 'expired' } }] },
      { source: 'b', silences: [{ ...s, status: { state: 'active' } }] },
    ]);
    assert.deepEqual(silences.map((x) => [x.id, x.sources]), [['x', ['a', 'b']]]);
  });
});

describe('alerts: text, runbooks and silences', () => {
  it('formats ages and the labels that locate an alert', () => {
    assert.deepEqual([formatAge(45_000), formatAge(200_000), formatAge(3_600_000 * 2 + 300_000), formatAge(86_400_000 * 4 + 3_600_000 * 3), formatAge(-5)], ['45s', '3m 20s', '2h 5m', '4d 3h', '0s']);
    assert.equal(keyLabelsText({ alertname: 'X', severity: 'critical', service: 'api', cluster: 'dev', namespace: 'ns', zone: 'z' }), 'cluster=dev namespace=ns service=api zone=z');
    assert.equal(labelsText({ b: '2', alertname: 'A', a: '1' }), 'alertname="A"\na="1"\nb="2"');
    assert.equal(matchersText([{ name: 'alertname', value: 'A', isRegex: false, isEqual: true }, { name: 'svc', value: 'api.*', isRegex: true, isEqual: false }]), '{alertname="A", svc!~"api.*"}');
  });

  it("finds the runbook file by the annotation's last path segment, preferring *.runbook.md", () => {
    assert.deepEqual(runbookRef({ runbook_url: 'https://docs.phoenix.io/runbooks/high-error-rate' }), { link: 'https://docs.phoenix.io/runbooks/high-error-rate', slug: 'high-error-rate' });
    assert.equal(slugOf('https://wiki/runbooks/Pod_Crash_Looping.html#steps'), 'pod-crash-looping');
    const files = ['/w/runbooks/high-error-rate.md', '/w/runbooks/high-error-rate.runbook.md', '/w/runbooks/agent-down.runbook.md'];
    assert.equal(matchRunbookFile('high-error-rate', files), '/w/runbooks/high-error-rate.runbook.md');
    assert.equal(matchRunbookFile('agent-down', files), '/w/runbooks/agent-down.runbook.md');
    assert.equal(matchRunbookFile('high-latency', files), undefined);
    assert.equal(runbookRef({ summary: 'x' }), undefined);
  });

  it('silences exactly the alert (every label, equal) for the chosen minutes; parses typed durations', () => {
    const [alert] = mergeAlerts([{ source: 'a', alerts: [amAlert({ alertname: 'HighErrorRate', service: 'api' })] }]);
    assert.ok(alert);
    const now = new Date('2025-01-01T10:00:00Z');
    const s = silenceFor(alert, { minutes: 90, createdBy: 'oncall', comment: 'ack', now });
    assert.deepEqual(s.matchers, [
      { name: 'alertname', value: 'HighErrorRate', isRegex: false, isEqual: true },
      { name: 'service', value: 'api', isRegex: false, isEqual: true },
    ]);
    assert.equal(s.endsAt, '2025-01-01T11:30:00.000Z');
    assert.deepEqual(['90m', '2h', '1d', '1h30m', '1 h', 'soon', '0m'].map(parseDurationMinutes), [90, 120, 1440, 90, 60, undefined, undefined]);
  });

  it('silences a group by the labels all its alerts share (what differs, like the host, is left out), in every Alertmanager that knows one', () => {
    const alerts = mergeAlerts([
      { source: 'am1', alerts: [amAlert({ alertname: 'AgentDown', severity: 'warning', job: 'platform', host_id: 'agent-002' })] },
      { source: 'am2', alerts: [amAlert({ alertname: 'AgentDown', severity: 'warning', job: 'platform', host_id: 'agent-003' })] },
    ]);
    const target = groupSilenceTarget('AgentDown', alerts);
    assert.ok(target);
    const s = silenceFor(target, { minutes: 30, createdBy: 'oncall', comment: 'ack', now: new Date('2025-01-01T10:00:00Z') });
    assert.deepEqual(
      s.matchers.map((m) => `${m.name}=${m.value}`),
      ['alertname=AgentDown', 'job=platform', 'severity=warning'],
    );
    assert.deepEqual([...target.sources].sort(), ['am1', 'am2']);
    assert.equal(target.summary, '2 firing AgentDown alerts');
    // A group that is not of that name (or empty) gives no target rather than a silence matching too much.
    assert.equal(groupSilenceTarget('HighErrorRate', alerts), undefined);
    assert.equal(groupSilenceTarget('AgentDown', []), undefined);
  });
});
