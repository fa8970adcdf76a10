// Verdicts fail closed: only one finite value on the right side of the threshold, with enough
// requests behind it, passes. Table-driven with far more ways to not pass than to pass.
import assert from 'node:assert/strict';
import type { CanaryGate } from '../../../../src/domain/rollouts/canaryPlan';
import { expandQuery, scaledWindow } from '../../../../src/domain/rollouts/gateQueries';
import { formatCount, formatValue, failureSentence } from '../../../../src/domain/rollouts/rolloutText';
import { checkKind, evaluateCheck, gateVerdict, passes, readScalar, type QueryAnswer, type ScalarReading } from '../../../../src/domain/rollouts/verdicts';

const vector = (...values: string[]): QueryAnswer => ({ ok: true, data: { resultType: 'vector', result: values.map((v, i) => ({ metric: { i: String(i) }, value: [1700000000, v] })) } });
const gate: CanaryGate = { name: 'p95-latency', query: 'q', passWhen: '<', unit: 'seconds' };
const fmt = (v: number) => formatValue('seconds', v);
const value = (v: number): ScalarReading => ({ kind: 'value', value: v });
const enough = { enough: true, text: '' };

describe('rollout verdicts', () => {
  it('reads exactly one finite number, and nothing else', () => {
    const cases: [string, QueryAnswer, ScalarReading['kind'], RegExp?][] = [
      ['one sample', vector('0.042'), 'value'],
      ['a scalar', { ok: true, data: { resultType: 'scalar', result: [1, '3'] } }, 'value'],
      ['an empty vector', vector(), 'noData'],
      ['two series', vector('0.1', '0.2'), 'invalid', /2 series where one was expected/],
      ['NaN', vector('NaN'), 'invalid', /NaN/],
      ['+Inf', vector('+Inf'), 'invalid', /\+Inf/],
      ['-Inf', vector('-Inf'), 'invalid', /-Inf/],
      ['a string sample', vector('abc'), 'invalid', /malformed sample/],
      ['an empty string sample', vector(''), 'invalid', /malformed sample/],
      ['a matrix', { ok: true, data: { resultType: 'matrix', result: [] } }, 'invalid', /matrix/],
      ['a string result', { ok: true, data: { resultType: 'string', result: [1, 'x'] } }, 'invalid', /string/],
      ['a result that is not a list', { ok: true, data: { resultType: 'vector', result: {} } }, 'invalid', /malformed/],
      ['a sample without value', { ok: true, data: { resultType: 'vector', result: [{ metric: {} }] } }, 'invalid', /malformed sample/],
      ['a query error', { ok: false, kind: 'error', message: '1:9: parse error' }, 'invalid', /query failed: 1:9: parse error/],
      ['an unreachable Prometheus', { ok: false, kind: 'unreachable', message: 'Cannot reach Prometheus' }, 'unavailable', /Cannot reach/],
    ];
    for (const [what, answer, kind, why] of cases) {
      const r = readScalar(answer);
      assert.equal(r.kind, kind, what);
      if (why) assert.match((r as { why: string }).why, why, what);
    }
    assert.deepEqual(readScalar(vector('1e3')), { kind: 'value', value: 1000 });
  });

  it('compares with each comparator, on the boundary too', () => {
    const table: [number, '<' | '<=' | '>' | '>=', number, boolean][] = [
      [0.09, '<', 0.1, true], [0.1, '<', 0.1, false], [0.11, '<', 0.1, false],
      [0.1, '<=', 0.1, true], [0.11, '<=', 0.1, false],
      [99.5, '>=', 99, true], [99, '>=', 99, true], [98.9, '>=', 99, false],
      [99.1, '>', 99, true], [99, '>', 99, false],
    ];
    for (const [v, c, t, expected] of table) assert.equal(passes(v, c, t), expected, `${v} ${c} ${t}`);
  });

  it('passes only a readable value on the right side with enough requests', () => {
    assert.equal(gateVerdict({ gate, threshold: 0.1, canary: value(0.086), format: fmt }, enough).kind, 'pass');
    const notPassing: [string, ScalarReading, { enough: boolean; text: string }, string, RegExp][] = [
      ['over the threshold', value(0.142), enough, 'fail', /142 ms ≥ 100 ms/],
      ['on the threshold', value(0.1), enough, 'fail', /100 ms ≥ 100 ms/],
      ['no data', { kind: 'noData' }, enough, 'noData', /no data: the query returned nothing/],
      ['Prometheus unreachable', { kind: 'unavailable', why: 'Cannot reach Prometheus at http://p' }, enough, 'noData', /no data: Cannot reach/],
      ['NaN', { kind: 'invalid', why: 'NaN (0/0: nothing to divide)' }, enough, 'invalid', /not a usable value: NaN/],
      ['several series', { kind: 'invalid', why: '3 series' }, enough, 'invalid', /3 series/],
      ['a good value on too few requests', value(0.01), { enough: false, text: '42 < 500' }, 'tooFewRequests', /too few requests \(42 < 500\)/],
      ['a bad value on too few requests', value(9), { enough: false, text: '42 < 500' }, 'tooFewRequests', /too few requests/],
    ];
    for (const [what, canary, req, kind, detail] of notPassing) {
      const v = gateVerdict({ gate, threshold: 0.1, canary, format: fmt }, req);
      assert.equal(v.kind, kind, what);
      assert.match(v.detail, detail, what);
    }
  });

  it('holds a canary to the primary when the gate says so, in the gate\'s direction', () => {
    const errors: CanaryGate = { name: 'error-ratio', query: 'q', passWhen: '<', unit: 'ratio', maxRegression: 0.001 };
    const f = (v: number) => formatValue('ratio', v);
    const v = (c: number, p?: ScalarReading) => gateVerdict({ gate: errors, threshold: 0.01, canary: value(c), ...(p ? { primary: p } : {}), format: f }, enough);
    assert.equal(v(0.0015, value(0.001)).kind, 'pass');
    const worse = v(0.003, value(0.001));
    assert.equal(worse.kind, 'fail');
    assert.match(worse.detail, /0.3 % is 0.2 % worse than the primary's 0.1 % \(allowed 0.1 %\)/);
    assert.equal(v(0.003).kind, 'noData', 'no primary reading: cannot compare');
    assert.equal(v(0.003, { kind: 'noData' }).kind, 'noData');
    assert.equal(v(0.003, { kind: 'invalid', why: 'NaN' }).kind, 'noData');
    const success: CanaryGate = { name: 'success', query: 'q', passWhen: '>=', unit: 'percent', maxRegression: 0.5 };
    const s = (c: number, p: number) => gateVerdict({ gate: success, threshold: 99, canary: value(c), primary: value(p), format: (x) => formatValue('percent', x) }, enough).kind;
    assert.equal(s(99.6, 99.9), 'pass');
    assert.equal(s(99.2, 99.9), 'fail', 'a lower success rate is worse');
    assert.equal(s(99.9, 99.2), 'pass', 'a better canary is fine');
  });

  it('makes the check fail on any failing gate, inconclusive on anything else not passing', () => {
    const k = (...kinds: string[]) => checkKind(kinds.map((kind) => ({ gate: 'g', kind: kind as 'pass', threshold: 1, detail: '' })));
    assert.equal(k('pass', 'pass'), 'pass');
    assert.equal(k('pass', 'fail'), 'fail');
    assert.equal(k('noData', 'fail'), 'fail');
    assert.equal(k('pass', 'noData'), 'inconclusive');
    assert.equal(k('pass', 'tooFewRequests'), 'inconclusive');
    assert.equal(k('invalid'), 'inconclusive');
    assert.equal(k(), 'inconclusive', 'no gates is never a pass');
  });

  it('evaluates a check: request count first, then every gate at the phase threshold', () => {
    const gates: CanaryGate[] = [gate, { name: 'error-ratio', query: 'q', passWhen: '<', unit: 'ratio' }];
    const thresholds = { 'p95-latency': 0.1, 'error-ratio': 0.001 };
    const format = (g: CanaryGate, v: number) => formatValue(g.unit, v);
    const run = (requests: ScalarReading, a: ScalarReading, b: ScalarReading) => evaluateCheck(gates, thresholds, 500, { requests, gates: [{ canary: a }, { canary: b }] }, format, formatCount);
    const ok = run(value(1204), value(0.08), value(0));
    assert.equal(ok.kind, 'pass');
    assert.equal(ok.requests, 1204);
    const slow = run(value(1204), value(0.142), value(0));
    assert.equal(slow.kind, 'fail');
    assert.deepEqual(slow.verdicts.map((v) => v.kind), ['fail', 'pass']);
    const few = run(value(42), value(0.08), value(0));
    assert.equal(few.kind, 'inconclusive');
    assert.match(few.verdicts[0].detail, /too few requests \(42 < 500\)/);
    const noCount = run({ kind: 'noData' }, value(0.08), value(0));
    assert.equal(noCount.kind, 'inconclusive');
    assert.match(noCount.verdicts[0].detail, /no requests counted/);
    const down = run({ kind: 'unavailable', why: 'Cannot reach Prometheus' }, value(0.08), value(0));
    assert.deepEqual(down.verdicts.map((v) => [v.kind, v.detail]), [['noData', 'no data: Cannot reach Prometheus'], ['noData', 'no data: Cannot reach Prometheus']]);
    assert.equal(down.requests, undefined);
    const brokenCount = run({ kind: 'invalid', why: '2 series' }, value(0.08), value(0));
    assert.equal(brokenCount.verdicts[0].kind, 'invalid');
    const missingThreshold = evaluateCheck(gates, { 'p95-latency': 0.1 }, 0, { requests: value(10), gates: [{ canary: value(0.05) }, { canary: value(0) }] }, format, formatCount);
    assert.equal(missingThreshold.kind, 'inconclusive');
    assert.equal(missingThreshold.verdicts[1].kind, 'invalid');
  });

  it('never reads a malformed or blank sample as a number (a blank would otherwise read as 0 and pass a "<" gate)', () => {
    const sample = (v: unknown): QueryAnswer => ({ ok: true, data: { resultType: 'vector', result: [{ metric: {}, value: v }] } });
    const malformed: [string, QueryAnswer][] = [
      ['a blank value', vector('   ')],
      ['a number where Prometheus writes a string', sample([1700000000, 0.05])],
      ['a sample of three parts', sample([1700000000, '0.05', 'x'])],
      ['a sample of one part', sample(['0.05'])],
      ['a series that is null', { ok: true, data: { resultType: 'vector', result: [null] } }],
      ['a scalar that is not a sample', { ok: true, data: { resultType: 'scalar', result: '0.05' } }],
    ];
    for (const [what, answer] of malformed) assert.deepEqual(readScalar(answer), { kind: 'invalid', why: 'malformed sample' }, what);
    assert.deepEqual(readScalar(vector('Inf')), { kind: 'invalid', why: '+Inf' }, 'Prometheus may write +Inf without its sign');
    assert.deepEqual(readScalar(vector('-Inf')), { kind: 'invalid', why: '-Inf' });
    assert.deepEqual(readScalar(vector('NaN')), { kind: 'invalid', why: 'NaN (0/0: nothing to divide)' });
    assert.deepEqual(readScalar(vector('0')), { kind: 'value', value: 0 }, 'a real zero is a value');
    assert.deepEqual(readScalar({ ok: true, data: { resultType: 'matrix', result: [] } }), { kind: 'invalid', why: 'a matrix where a single value was expected' });
    assert.deepEqual(readScalar({ ok: true, data: { resultType: 'vector', result: {} } }), { kind: 'invalid', why: 'malformed answer' });
    assert.deepEqual(readScalar(vector('1', '2', '3')), { kind: 'invalid', why: '3 series where one was expected (add sum or a label matcher)' });
    assert.deepEqual(readScalar({ ok: false, kind: 'unreachable', message: 'Cannot reach Prometheus' }), { kind: 'unavailable', why: 'Cannot reach Prometheus' });
  });

  it('says a failed value with the comparator that failed, and a passing one with the gate\'s own', () => {
    const detail = (passWhen: CanaryGate['passWhen'], v: number) => gateVerdict({ gate: { ...gate, unit: 'number', passWhen }, threshold: 10, canary: value(v), format: (x) => formatValue('number', x) }, enough);
    const table: [CanaryGate['passWhen'], number, string, string][] = [
      ['<', 12, 'fail', '12 ≥ 10'],
      ['<=', 12, 'fail', '12 > 10'],
      ['>', 8, 'fail', '8 ≤ 10'],
      ['>=', 8, 'fail', '8 < 10'],
      ['<', 8, 'pass', '8 < 10'],
      ['>=', 12, 'pass', '12 >= 10'],
    ];
    for (const [passWhen, v, kind, text] of table) {
      const verdict = detail(passWhen, v);
      assert.deepEqual([verdict.kind, verdict.detail, verdict.value, verdict.threshold, verdict.gate], [kind, text, v, 10, 'p95-latency'], `${v} ${passWhen} 10`);
    }
  });

  it('measures "worse than the primary" in each comparator\'s direction, allowing exactly the regression', () => {
    const v = (passWhen: CanaryGate['passWhen'], canary: number, primary: number) => {
      const g: CanaryGate = { name: 'g', query: 'q', passWhen, unit: 'number', maxRegression: 2 };
      const threshold = passWhen.startsWith('<') ? 1000 : 0;
      return gateVerdict({ gate: g, threshold, canary: value(canary), primary: value(primary), format: (x) => formatValue('number', x) }, enough);
    };
    // lower is better for < and <=, higher is better for > and >=
    for (const c of ['<', '<='] as const) {
      assert.equal(v(c, 103, 100).kind, 'fail', `${c}: 3 more is worse`);
      assert.equal(v(c, 102, 100).kind, 'pass', `${c}: exactly the allowed regression`);
      assert.equal(v(c, 90, 100).kind, 'pass', `${c}: lower is better`);
    }
    for (const c of ['>', '>='] as const) {
      assert.equal(v(c, 97, 100).kind, 'fail', `${c}: 3 less is worse`);
      assert.equal(v(c, 98, 100).kind, 'pass', `${c}: exactly the allowed regression`);
      assert.equal(v(c, 110, 100).kind, 'pass', `${c}: higher is better`);
    }
    const worse = v('>', 97, 100);
    assert.equal(worse.detail, '97 is 3 worse than the primary\'s 100 (allowed 2)');
    assert.equal(worse.primary, 100, 'the table shows the primary beside the canary');
  });

  it('says why there is no primary to compare with, and shows a primary read even without a regression gate', () => {
    const errors: CanaryGate = { name: 'error-ratio', query: 'q', passWhen: '<', unit: 'ratio', maxRegression: 0.001 };
    const v = (primary?: ScalarReading) => gateVerdict({ gate: errors, threshold: 0.01, canary: value(0.003), ...(primary ? { primary } : {}), format: (x) => formatValue('ratio', x) }, enough);
    assert.equal(v().detail, 'no primary value to compare with (no data)');
    assert.equal(v({ kind: 'noData' }).detail, 'no primary value to compare with (no data)');
    assert.equal(v({ kind: 'invalid', why: 'NaN (0/0: nothing to divide)' }).detail, 'no primary value to compare with (NaN (0/0: nothing to divide))');
    assert.equal(v({ kind: 'unavailable', why: 'Cannot reach Prometheus' }).detail, 'no primary value to compare with (Cannot reach Prometheus)');
    assert.equal(v({ kind: 'invalid', why: 'x' }).primary, undefined, 'no number is shown for an unusable primary');
    const plain = gateVerdict({ gate, threshold: 0.1, canary: value(0.05), primary: value(0.04), format: fmt }, enough);
    assert.deepEqual([plain.kind, plain.primary], ['pass', 0.04]);
    const down = gateVerdict({ gate, threshold: 0.1, canary: { kind: 'unavailable', why: 'Cannot reach Prometheus' }, primary: value(0.04), format: fmt }, enough);
    assert.deepEqual([down.kind, down.primary, down.value, down.threshold], ['noData', 0.04, undefined, 0.1]);
  });

  it('counts exactly the minimum of requests as enough, and no count as enough only when none are required', () => {
    const gates: CanaryGate[] = [gate];
    const run = (requests: ScalarReading, min: number, readings: { canary: ScalarReading; primary?: ScalarReading }[] = [{ canary: value(0.05) }]) =>
      evaluateCheck(gates, { 'p95-latency': 0.1 }, min, { requests, gates: readings }, (_g, v) => fmt(v), formatCount);
    assert.equal(run(value(500), 500).kind, 'pass', 'exactly the minimum');
    const few = run(value(499), 500);
    assert.equal(few.kind, 'inconclusive');
    assert.equal(few.verdicts[0].detail, 'too few requests (499 < 500) for 50 ms to mean anything');
    assert.equal(few.requests, 499);
    assert.equal(run({ kind: 'noData' }, 0).kind, 'pass', 'a plan that asks for no requests');
    const none = run({ kind: 'noData' }, 1);
    assert.deepEqual([none.kind, none.requests, none.verdicts[0].detail], ['inconclusive', undefined, 'too few requests (no requests counted) for 50 ms to mean anything']);
    const unread = run(value(600), 500, []);
    assert.deepEqual(unread.verdicts.map((x) => [x.kind, x.detail]), [['invalid', 'not a usable value: not read']], 'a gate without a reading is never a pass');
    const withPrimary = run(value(600), 500, [{ canary: value(0.05), primary: value(0.04) }]);
    assert.equal(withPrimary.verdicts[0].primary, 0.04);
  });

  it('gives every gate the request count\'s problem, with its threshold, when the count cannot be read', () => {
    const gates: CanaryGate[] = [gate, { name: 'error-ratio', query: 'q', passWhen: '<', unit: 'ratio' }];
    const run = (requests: ScalarReading) => evaluateCheck(gates, { 'p95-latency': 0.1 }, 500, { requests, gates: [{ canary: value(0.05) }, { canary: value(0) }] }, (_g, v) => fmt(v), formatCount);
    const broken = run({ kind: 'invalid', why: '2 series where one was expected' });
    assert.equal(broken.kind, 'inconclusive');
    assert.deepEqual(broken.verdicts, [
      { gate: 'p95-latency', kind: 'invalid', threshold: 0.1, detail: 'no request count: 2 series where one was expected' },
      { gate: 'error-ratio', kind: 'invalid', threshold: Number.NaN, detail: 'no request count: 2 series where one was expected' },
    ]);
    const down = run({ kind: 'unavailable', why: 'Cannot reach Prometheus' });
    assert.deepEqual(down.verdicts.map((x) => [x.kind, x.threshold]), [['noData', 0.1], ['noData', Number.NaN]]);
    const missing = evaluateCheck(gates, { 'p95-latency': 0.1 }, 0, { requests: value(10), gates: [{ canary: value(0.05) }, { canary: value(0) }] }, (_g, v) => fmt(v), formatCount);
    assert.deepEqual(missing.verdicts[1], { gate: 'error-ratio', kind: 'invalid', threshold: Number.NaN, detail: 'no threshold for this phase' });
  });

  it('fills a gate query for one track with the time-scaled window', () => {
    const plan = { tracks: { canary: 'canary!=""', primary: 'canary=""' }, windowSeconds: 60 };
    const target = { namespace: 'phoenix-system', service: 'platform-api', ingress: 'platform-api', deployment: 'platform-api' };
    const q = 'sum(rate(x{namespace="$namespace",ingress="$ingress",service="$service",d="$deployment",$track}[$window]))';
    assert.equal(expandQuery(q, target, 'canary', plan, 1), 'sum(rate(x{namespace="phoenix-system",ingress="platform-api",service="platform-api",d="platform-api",canary!=""}[1m]))');
    assert.equal(expandQuery(q, target, 'primary', plan, 0.05), 'sum(rate(x{namespace="phoenix-system",ingress="platform-api",service="platform-api",d="platform-api",canary=""}[3s]))');
    assert.equal(scaledWindow({ windowSeconds: 60 }, 0.001), 3, 'never below a few scrapes');
    assert.equal(scaledWindow({ windowSeconds: 300 }, 0.1), 30);
  });

  it('says values in their unit and failures in words and figures', () => {
    assert.deepEqual([formatValue('ratio', 0.0042), formatValue('ratio', 0.2), formatValue('ratio', 0), formatValue('seconds', 0.142), formatValue('seconds', 1.5), formatValue('milliseconds', 480), formatValue('milliseconds', 1500), formatValue('percent', 99.25), formatValue('number', 12345.6)], ['0.42 %', '20 %', '0 %', '142 ms', '1.5 s', '480 ms', '1.5 s', '99.25 %', '12346']);
    assert.equal(formatCount(1204.4), '1,204');
    assert.equal(failureSentence([{ gate: 'p95-latency', detail: '142 ms ≥ 100 ms' }], 60, 5, 1204), 'canary p95-latency 142 ms ≥ 100 ms over 1m at 5 %, 1,204 requests');
  });
});
