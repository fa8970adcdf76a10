// The incident timeline: each source's entries, the merge (order, window, one entry per event, failed sources
// named) and the markdown export with time, source, actor and outcome.
import * as assert from 'node:assert/strict';
import type { AmAlert, AmSilence } from '../../../../src/clients/alertmanager/alertmanagerTypes';
import type { Experiment } from '../../../../src/clients/platform/platformTypes';
import type { TranscriptEntry } from '../../../../src/domain/runbook/runTranscript';
import type { AuditRecord } from '../../../../src/domain/safety/auditRecord';
import { alertHistoryEntries, historyStepSeconds } from '../../../../src/domain/timeline/alertHistoryEntries';
import { firingAlertEntries, silenceEntries } from '../../../../src/domain/timeline/alertmanagerEntries';
import { auditEntries, parseAuditLines } from '../../../../src/domain/timeline/auditEntries';
import { experimentEntries } from '../../../../src/domain/timeline/experimentEntries';
import { mergeTimeline } from '../../../../src/domain/timeline/mergeTimeline';
import { stepEntries } from '../../../../src/domain/timeline/stepEntries';
import type { SourceAnswer, TimelineEntry } from '../../../../src/domain/timeline/timelineEntry';
import { timelineMarkdown } from '../../../../src/domain/timeline/timelineMarkdown';

const T = (hms: string) => Date.parse(`2026-11-23T${hms}Z`);
const iso = (hms: string) => `2026-11-23T${hms}.000Z`;
const WINDOW = { start: T('13:00:00'), end: T('15:00:00') };

const audit = (over: Partial<AuditRecord>): AuditRecord => ({ time: iso('14:00:00'), user: 'oncall', context: 'phoenix-prod', namespace: 'phoenix-system', object: 'deployment/api', action: 'scale', outcome: 'succeeded', detail: 'replicas 3 → 5', ...over });
const step = (over: Partial<TranscriptEntry>): TranscriptEntry => ({ start: iso('14:10:00'), durationMs: 420, runbook: 'high-error-rate.runbook.md', step: 'pod-status', index: 3, language: 'sh', command: 'kubectl get pods', context: 'phoenix-prod', namespace: 'phoenix-system', outcome: 'succeeded', safety: 'readOnly', user: 'oncall', ...over });
const silence = (over: Partial<AmSilence>): AmSilence => ({ id: 's-1', matchers: [{ name: 'alertname', value: 'HighErrorRate', isRegex: false }], startsAt: iso('14:05:00'), endsAt: iso('14:35:00'), updatedAt: iso('14:05:00'), createdBy: 'oncall', comment: 'investigating', status: { state: 'active' }, ...over });
const entry = (over: Partial<TimelineEntry>): TimelineEntry => ({ at: T('14:00:00'), source: 'a', kind: 'change', actor: 'x', what: 'w', outcome: 'succeeded', ...over });

describe('incident timeline: merge', () => {
  it('orders every source by time; equal times keep the sources\' order', () => {
    const m = mergeTimeline(
      [
        { source: 'a', entries: [entry({ at: T('14:10:00'), what: 'a2' }), entry({ at: T('14:00:00'), what: 'a1' })] },
        { source: 'b', entries: [entry({ source: 'b', at: T('14:05:00'), what: 'b1' }), entry({ source: 'b', at: T('14:10:00'), what: 'b2' })] },
      ],
      WINDOW,
    );
    assert.deepEqual(m.entries.map((e) => e.what), ['a1', 'b1', 'a2', 'b2']);
  });

  it('keeps only the window, both ends included; an entry without a valid time is left out', () => {
    const m = mergeTimeline([{ source: 'a', entries: [entry({ at: WINDOW.start - 1, what: 'before' }), entry({ at: WINDOW.start, what: 'start' }), entry({ at: WINDOW.end, what: 'end' }), entry({ at: WINDOW.end + 1, what: 'after' }), entry({ at: Number.NaN, what: 'no time' })] }], WINDOW);
    assert.deepEqual(m.entries.map((e) => e.what), ['start', 'end']);
  });

  it('one event seen by two sources is kept once, from the preferred (first) source', () => {
    const m = mergeTimeline(
      [
        { source: 'audit log', entries: [entry({ source: 'audit log', what: 'audited', keys: ['k'], matchWithinMs: 60_000 })] },
        { source: 'Alertmanager', entries: [entry({ source: 'Alertmanager', at: T('14:00:30'), what: 'seen', keys: ['k'], matchWithinMs: 1000 })] },
      ],
      WINDOW,
    );
    assert.deepEqual(m.entries.map((e) => e.what), ['audited']);
    assert.equal(m.duplicates, 1);
  });

  it('does not merge what is not the same event', () => {
    const cases: Array<[string, TimelineEntry, TimelineEntry]> = [
      ['different keys', entry({ source: 'a', keys: ['k1'], matchWithinMs: 60_000 }), entry({ source: 'b', keys: ['k2'], matchWithinMs: 60_000 })],
      ['same key, too far apart', entry({ source: 'a', keys: ['k'], matchWithinMs: 60_000 }), entry({ source: 'b', at: T('14:01:01'), keys: ['k'], matchWithinMs: 60_000 })],
      ['same key, same source, a minute apart (a second firing)', entry({ source: 'a', keys: ['k'], matchWithinMs: 120_000 }), entry({ source: 'a', at: T('14:01:00'), keys: ['k'], matchWithinMs: 120_000 })],
      ['no keys at the same instant', entry({ source: 'a' }), entry({ source: 'b' })],
    ];
    for (const [name, x, y] of cases) {
      const m = mergeTimeline([{ source: 'a', entries: [x] }, { source: 'b', entries: [y] }], WINDOW);
      assert.equal(m.entries.length, 2, name);
    }
  });

  it('the same source listing one event twice (two Alertmanagers of a cluster) keeps it once', () => {
    const e = entry({ source: 'Alertmanager', keys: ['silence:s-1:created'], matchWithinMs: 60_000 });
    const m = mergeTimeline([{ source: 'Alertmanager A', entries: [e] }, { source: 'Alertmanager B', entries: [{ ...e }] }], WINDOW);
    assert.equal(m.entries.length, 1);
  });

  it('names a source that failed, never drops it silently', () => {
    const answers: SourceAnswer[] = [{ source: 'audit log', entries: [entry({})] }, { source: 'Prometheus (alert history)', error: 'Cannot reach Prometheus at http://p:9090' }];
    const m = mergeTimeline(answers, WINDOW);
    assert.deepEqual(m.failed, [{ source: 'Prometheus (alert history)', error: 'Cannot reach Prometheus at http://p:9090' }]);
    assert.deepEqual(m.read, ['audit log']);
    const md = timelineMarkdown(m, { exportedAt: new Date(WINDOW.end), user: 'oncall', window: WINDOW });
    assert.match(md, /^> \*\*Incomplete:\*\* these sources could not be read/m);
    assert.match(md, /^> - Prometheus \(alert history\): Cannot reach Prometheus at http:\/\/p:9090$/m);
    assert.match(md, /could not read: Prometheus \(alert history\)\.$/m);
  });
});

describe('incident timeline: sources', () => {
  it('the audit log: every change with who, where, what and how it ended', () => {
    const [e] = auditEntries([audit({})]);
    assert.equal(e?.at, T('14:00:00'));
    assert.equal(e?.kind, 'change');
    assert.equal(e?.actor, 'oncall');
    assert.equal(e?.what, 'scale `deployment/api` on phoenix-prod/phoenix-system: `replicas 3 → 5`');
    assert.deepEqual(
      auditEntries([audit({ outcome: 'failed' }), audit({ outcome: 'blocked' }), audit({ outcome: 'cancelled' })]).map((x) => x.outcome),
      ['FAILED', 'blocked (read-only)', 'cancelled (not confirmed)'],
    );
  });

  it('the audit log: silences, experiments and steps are matched to their other records only when they took effect', () => {
    const keys = (r: Partial<AuditRecord>) => auditEntries([audit(r)])[0]?.keys;
    assert.deepEqual(keys({ action: 'silence alert', object: 'alert/HighErrorRate', refs: ['s-1', 's-2'] }), ['silence:s-1:created', 'silence:s-2:created']);
    assert.deepEqual(keys({ action: 'expire silence', object: 'silence/s-1,s-2' }), ['silence:s-1:expired', 'silence:s-2:expired']);
    assert.deepEqual(keys({ action: 'stop experiment', object: 'experiment/cost-v2' }), ['experiment:cost-v2:stopped']);
    assert.deepEqual(keys({ action: 'run runbook step', object: 'x.runbook.md › restart', outcome: 'failed' }), ['step:x.runbook.md › restart']);
    assert.deepEqual(keys({ action: 'silence alert', object: 'alert/HighErrorRate', refs: ['s-1'], outcome: 'cancelled' }), []);
    assert.deepEqual(keys({ action: 'stop experiment', object: 'experiment/cost-v2', outcome: 'failed' }), []);
    assert.deepEqual(keys({ action: 'silence alert', object: 'alert/HighErrorRate' }), []);
    assert.deepEqual(keys({ action: 'expire silence', object: 'alert/HighErrorRate' }), []);
    assert.deepEqual(keys({}), []);
    assert.deepEqual(
      ['silence alert', 'expire silence', 'stop experiment', 'create experiment', 'run destructive runbook step', 'set image', 'start canary', 'back up'].map((a) => auditEntries([audit({ action: a })])[0]?.kind),
      ['silence', 'silence', 'experiment', 'experiment', 'step', 'change', 'change', 'change'],
    );
  });

  it('reads audit.jsonl, counting lines that are not records instead of failing', () => {
    const text = [JSON.stringify(audit({})), '{"torn": ', '', JSON.stringify({ time: 'yesterday', action: 'a', object: 'o', outcome: 'succeeded' }), '42', 'null', JSON.stringify({ ...audit({}), action: 7 }), JSON.stringify(audit({ action: 'restart' }))].join('\n');
    const { records, unreadable } = parseAuditLines(text);
    assert.deepEqual(records.map((r) => r.action), ['scale', 'restart']);
    assert.equal(unreadable, 5);
  });

  it('runbook steps: what ran, where, and how it ended; a guarded step is the audit log\'s record of it too', () => {
    const [ok, failed] = stepEntries([step({}), step({ start: iso('14:12:00'), step: 'roll-back', command: 'kubectl rollout undo deployment/api\necho done', outcome: 'failed', exitCode: 1, message: 'exit status 1', safety: 'destructive', durationMs: 2500 })]);
    assert.equal(ok?.what, 'pod-status on phoenix-prod/phoenix-system: `kubectl get pods`');
    assert.equal(ok?.outcome, 'succeeded in 420 ms');
    assert.equal(failed?.what, 'roll-back ⚠ destructive on phoenix-prod/phoenix-system: `kubectl rollout undo deployment/api`');
    assert.equal(failed?.outcome, 'FAILED in 2.5 s, exit 1: exit status 1');
    const m = mergeTimeline(
      [
        { source: 'runbook', entries: [failed] },
        { source: 'audit log', entries: auditEntries([audit({ time: iso('14:12:02'), action: 'run destructive runbook step', object: 'high-error-rate.runbook.md › roll-back', outcome: 'failed', durationMs: 2500 })]) },
      ],
      WINDOW,
    );
    assert.deepEqual(m.entries.map((e) => e.source), ['runbook']);
  });

  it('Alertmanager: a silence created, and one ended (by hand or run out); a pending or active one has not ended', () => {
    const entries = silenceEntries([silence({}), silence({ id: 's-2', status: { state: 'expired' }, endsAt: iso('14:20:00') }), silence({ id: 's-3', status: { state: 'pending' }, startsAt: iso('14:50:00'), endsAt: iso('15:50:00') }), silence({ id: 's-4', startsAt: 'garbage' })]);
    assert.deepEqual(
      entries.map((e) => [e.at, e.outcome, e.keys?.[0]]),
      [
        [T('14:05:00'), 'active', 'silence:s-1:created'],
        [T('14:05:00'), 'expired', 'silence:s-2:created'],
        [T('14:20:00'), 'expired', 'silence:s-2:expired'],
        [T('14:50:00'), 'pending', 'silence:s-3:created'],
      ],
    );
    assert.equal(entries[0]?.what, 'silence `{alertname="HighErrorRate"}` created for 30 min: `investigating`');
    assert.equal(entries[0]?.actor, 'oncall');
  });

  it('Alertmanager: the alerts firing now, since when', () => {
    const a: AmAlert = { fingerprint: 'f', labels: { alertname: 'HighErrorRate', severity: 'critical', namespace: 'phoenix-prod', service: 'api' }, annotations: {}, startsAt: iso('14:02:00'), endsAt: '', updatedAt: '', status: { state: 'suppressed', silencedBy: ['s-1'], inhibitedBy: [] }, receivers: [] };
    const [e] = firingAlertEntries([a]);
    assert.equal(e?.at, T('14:02:00'));
    assert.equal(e?.what, 'alert `HighErrorRate` (critical) firing `namespace=phoenix-prod service=api`');
    assert.equal(e?.outcome, 'firing (silenced or inhibited now)');
  });

  it('Prometheus history: firing when a series appears, resolved at the gap, already firing at the window\'s start', () => {
    const step = 60;
    const s = (t: string) => T(t) / 1000;
    const metric = { __name__: 'ALERTS', alertname: 'HighErrorRate', alertstate: 'firing', service: 'api', severity: 'critical' };
    const series = [
      // fires 14:00, resolves after 14:02 (absent 14:03), fires again 14:10 and is still firing at the end
      { metric, values: [s('14:00:00'), s('14:01:00'), s('14:02:00'), ...Array.from({ length: 51 }, (_, i) => s('14:10:00') + i * 60)].map((t): [number, string] => [t, '1']) },
      // firing from before the window, resolves at 13:02
      { metric: { ...metric, alertname: 'AgentDown' }, values: [s('13:00:00'), s('13:01:00')].map((t): [number, string] => [t, '1']) },
    ];
    const entries = alertHistoryEntries(series, WINDOW, step);
    assert.deepEqual(
      entries.map((e) => [new Date(e.at).toISOString().slice(11, 19), e.outcome, /already firing/.test(e.what)]),
      [
        ['14:00:00', 'firing', false],
        ['14:03:00', 'resolved', false],
        ['14:10:00', 'firing', false],
        ['13:00:00', 'firing', true],
        ['13:02:00', 'resolved', false],
      ],
    );
    // one alert's firing from Alertmanager and from Prometheus is one event
    const am: AmAlert = { fingerprint: 'f', labels: { alertname: 'HighErrorRate', service: 'api', severity: 'critical' }, annotations: {}, startsAt: iso('13:59:50'), endsAt: '', updatedAt: '', status: { state: 'active', silencedBy: [], inhibitedBy: [] }, receivers: [] };
    const m = mergeTimeline([{ source: 'Alertmanager', entries: firingAlertEntries([am]) }, { source: 'Prometheus', entries }], WINDOW);
    assert.equal(m.entries.filter((e) => /HighErrorRate/.test(e.what) && e.outcome === 'firing').length, 2, 'the 14:00 firing once, the 14:10 one apart');
    assert.equal(historyStepSeconds({ start: 0, end: 3_600_000 }), 15);
    assert.equal(historyStepSeconds({ start: 0, end: 7 * 24 * 3_600_000 }), 605);
  });

  it('the platform API: experiments that ended, with why; running ones are not events yet', () => {
    const x = (over: Partial<Experiment>): Experiment => ({ id: 'e1', name: 'cost-v2', description: '', baselinePipeline: 'a', candidatePipeline: 'b', targetNamespaces: [], phase: 'stopped', endedAt: iso('14:30:00'), stopReason: 'stopped from Phoenix Ops Cockpit by oncall', metrics: {} as Experiment['metrics'], ...over });
    const entries = experimentEntries([x({}), x({ name: 'done', phase: 'completed', stopReason: undefined }), x({ name: 'broke', phase: 'failed' }), x({ name: 'live', phase: 'running', endedAt: undefined }), x({ name: 'odd', endedAt: undefined })]);
    assert.deepEqual(entries.map((e) => [e.what.split(' ')[1], e.outcome, e.keys]), [['`cost-v2`', 'stopped', ['experiment:cost-v2:stopped']], ['`done`', 'completed', []], ['`broke`', 'FAILED', []]]);
    assert.match(entries[0]?.what ?? '', /stopped: `stopped from Phoenix Ops Cockpit by oncall`$/);
  });
});

describe('incident timeline: export', () => {
  it('one line per entry with its time, what, outcome, source and actor, in order, and a summary', () => {
    const answers: SourceAnswer[] = [
      { source: 'runbook', entries: stepEntries([step({})]) },
      { source: 'audit log', entries: auditEntries([audit({}), audit({ time: iso('14:05:01'), action: 'silence alert', context: 'alertmanager', namespace: undefined, object: 'alert/HighErrorRate', detail: undefined, refs: ['s-1'] })]) },
      { source: 'Alertmanager (silences)', entries: silenceEntries([silence({})]) },
    ];
    const md = timelineMarkdown(mergeTimeline(answers, WINDOW), { runbook: 'high-error-rate.runbook.md', exportedAt: new Date(WINDOW.end), user: 'oncall', window: WINDOW });
    assert.equal(
      md,
      [
        '## Timeline',
        '',
        '_Incident timeline (runbook `high-error-rate.runbook.md`, changes, silences, alerts and experiments) from 2026-11-23 13:00 to 2026-11-23 15:00 UTC, exported by oncall at 2026-11-23 15:00 UTC; times in UTC._',
        '',
        '- 14:00:00 - scale `deployment/api` on phoenix-prod/phoenix-system: `replicas 3 → 5` — succeeded · audit log, by oncall',
        '- 14:05:01 - silence alert `alert/HighErrorRate` on alertmanager — succeeded · audit log, by oncall',
        '- 14:10:00 - pod-status on phoenix-prod/phoenix-system: `kubectl get pods` — succeeded in 420 ms · runbook, by oncall',
        '',
        '1 runbook step(s), 1 change(s), 1 silence event(s). Read: runbook, audit log, Alertmanager (silences).',
        '',
      ].join('\n'),
    );
  });

  it('carries the date when the window crosses midnight; says so when nothing happened', () => {
    const w = { start: Date.parse('2026-11-23T23:30:00Z'), end: Date.parse('2026-11-24T00:30:00Z') };
    const md = timelineMarkdown(mergeTimeline([{ source: 'audit log', entries: auditEntries([audit({ time: '2026-11-24T00:10:00.000Z' })]) }], w), { exportedAt: new Date(w.end), user: 'oncall', window: w });
    assert.match(md, /^- 2026-11-24 00:10:00 - scale/m);
    const empty = timelineMarkdown(mergeTimeline([{ source: 'audit log', entries: [] }], WINDOW), { exportedAt: new Date(WINDOW.end), user: 'oncall', window: WINDOW });
    assert.match(empty, /^- \(nothing happened in this window that the sources record\)$/m);
    assert.match(empty, /^no entries\. Read: audit log\.$/m);
  });

  it('server text cannot break out of its code span or the line', () => {
    const [e] = silenceEntries([silence({ comment: 'a `tick`\n# not a heading', createdBy: 'x' })]);
    assert.equal(e?.what.includes('\n'), false);
    assert.match(e?.what ?? '', /: ``a `tick` ⏎ # not a heading``$/);
  });
});
