// Rollout plans: the shipped plans parse to what the guides say; every wrong plan is refused with an
// error naming the field (and its line), never read as something else.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodePlan, GATE_KEYS, PHASE_KEYS, parsePlan, planErrorText, TOP_KEYS, type PlanError } from '../../../../src/domain/rollouts/planParser';
import { GUIDE_000_FLAGGER_PLAN, GUIDE_001_PLAN, GUIDE_002_PLAN, SHIPPED_PLANS } from '../../../../src/domain/rollouts/shippedPlans';
import { formatClock, formatDuration, parseDuration } from '../../../../src/domain/rollouts/durations';

const MINIMAL = `name: p
interval: 1m
gates:
  - name: errors
    query: sum(rate(x{namespace="$namespace",$track}[$window]))
    passWhen: "<"
    threshold: 0.01
phases:
  - weight: 10
    hold: 5m
`;

function errorsOf(text: string): PlanError[] {
  const r = parsePlan(text);
  assert.equal(r.ok, false, 'expected the plan to be refused');
  return r.ok ? [] : r.errors;
}

function only(text: string): PlanError {
  const e = errorsOf(text);
  assert.equal(e.length, 1, `one error expected, got ${e.map(planErrorText).join(' | ')}`);
  return e[0];
}

describe('rollout plans', () => {
  it('reads guide 001: 5 % for 10 min, 20 % for 15 min, then 40/60/80 % every 5 min; thresholds inherited', () => {
    const r = parsePlan(GUIDE_001_PLAN);
    assert.ok(r.ok, r.ok ? '' : r.errors.map(planErrorText).join('\n'));
    const p = r.plan;
    assert.deepEqual(p.phases.map((x) => [x.weight, x.holdSeconds]), [[5, 600], [20, 900], [40, 300], [60, 300], [80, 300]]);
    assert.deepEqual(p.phases[0].thresholds, { 'error-ratio': 0.001, 'p95-latency': 0.1 });
    assert.deepEqual(p.phases[1].thresholds, { 'error-ratio': 0.005, 'p95-latency': 0.2 });
    assert.deepEqual(p.phases[4].thresholds, { 'error-ratio': 0.005, 'p95-latency': 0.2 });
    assert.equal(p.failureThreshold, 1);
    assert.equal(p.intervalSeconds, 60);
    assert.equal(p.minRequests, 500);
    assert.match(p.gates[0].query, /nginx_ingress_controller_requests/);
    assert.equal(p.tracks.canary, 'canary!=""');
  });

  it('reads guide 002 (5/25/50/100, 30 min each) and guide 000 (Flagger: threshold 5, 10 % steps to 50 %)', () => {
    const g2 = parsePlan(GUIDE_002_PLAN);
    assert.ok(g2.ok);
    assert.deepEqual(g2.plan.phases.map((x) => [x.weight, x.holdSeconds]), [[5, 1800], [25, 1800], [50, 1800], [100, 1800]]);
    assert.equal(g2.plan.gates[0].maxRegression, 0.005);
    const g0 = parsePlan(GUIDE_000_FLAGGER_PLAN);
    assert.ok(g0.ok);
    assert.deepEqual(g0.plan.phases.map((x) => x.weight), [10, 20, 30, 40, 50]);
    assert.equal(g0.plan.failureThreshold, 5);
    assert.deepEqual(g0.plan.gates.map((g) => [g.name, g.passWhen, g.unit]), [['request-success-rate', '>=', 'percent'], ['request-duration', '<=', 'milliseconds']]);
    assert.deepEqual(g0.plan.phases[0].thresholds, { 'request-success-rate': 99, 'request-duration': 500 });
    assert.equal(SHIPPED_PLANS[0].yaml, GUIDE_001_PLAN, 'guide 001 is the default');
  });

  it('fills defaults: window = interval, threshold 1 failed check, 10 inconclusive, ingress-nginx traffic', () => {
    const r = parsePlan(MINIMAL);
    assert.ok(r.ok);
    assert.equal(r.plan.windowSeconds, 60);
    assert.equal(r.plan.failureThreshold, 1);
    assert.equal(r.plan.inconclusiveLimit, 10);
    assert.equal(r.plan.minRequests, 0);
    assert.equal(r.plan.canaryReplicas, 'primary');
    assert.match(r.plan.requestsQuery, /nginx_ingress_controller_requests/);
    assert.equal(r.plan.gates[0].unit, 'number');
  });

  const bad: [string, string, RegExp, string][] = [
    ['a typo in a field name', MINIMAL.replace('hold: 5m', 'hold_time: 5m'), /unknown field "hold_time"/, 'phases[0].hold_time'],
    ['an unknown top-level field', MINIMAL + 'maxWeight: 50\n', /unknown field "maxWeight"/, 'maxWeight'],
    ['a weight over 100', MINIMAL.replace('weight: 10', 'weight: 120'), /at most 100/, 'phases[0].weight'],
    ['a weight of 0', MINIMAL.replace('weight: 10', 'weight: 0'), /at least 1/, 'phases[0].weight'],
    ['a weight as text', MINIMAL.replace('weight: 10', 'weight: "ten"'), /must be a number/, 'phases[0].weight'],
    ['a hold that is not a duration', MINIMAL.replace('hold: 5m', 'hold: soon'), /duration like 30s/, 'phases[0].hold'],
    ['a hold of zero', MINIMAL.replace('hold: 5m', 'hold: 0s'), /duration/, 'phases[0].hold'],
    ['no interval', MINIMAL.replace('interval: 1m\n', ''), /is required/, 'interval'],
    ['no name', MINIMAL.replace('name: p\n', ''), /is required/, 'name'],
    ['an unknown comparator', MINIMAL.replace('passWhen: "<"', 'passWhen: "lt"'), /one of "<", "<=", ">", ">="/, 'gates[0].passWhen'],
    ['no comparator', MINIMAL.replace('    passWhen: "<"\n', ''), /is required/, 'gates[0].passWhen'],
    ['an unknown unit', MINIMAL.replace('passWhen: "<"', 'passWhen: "<"\n    unit: furlongs'), /must be one of/, 'gates[0].unit'],
    ['an unknown placeholder', MINIMAL.replace('$window', '$interval'), /unknown placeholder \$interval/, 'gates[0].query'],
    ['a gate name with spaces', MINIMAL.replace('name: errors', 'name: Error Rate'), /lower-case letters/, 'gates[0].name'],
    ['a threshold as text', MINIMAL.replace('threshold: 0.01', 'threshold: low'), /must be a number/, 'gates[0].threshold'],
    ['a negative maxRegression', MINIMAL.replace('threshold: 0.01', 'threshold: 0.01\n    maxRegression: -1'), /at least 0/, 'gates[0].maxRegression'],
    ['failureThreshold 0', MINIMAL + 'failureThreshold: 0\n', /at least 1/, 'failureThreshold'],
    ['failureThreshold 1.5', MINIMAL + 'failureThreshold: 1.5\n', /whole number/, 'failureThreshold'],
    ['negative minRequests', MINIMAL + 'minRequests: -5\n', /at least 0/, 'minRequests'],
    ['canaryReplicas 0', MINIMAL + 'canaryReplicas: 0\n', /at least 1/, 'canaryReplicas'],
    ['no phases', MINIMAL.replace(/phases:[\s\S]*$/, 'phases: []\n'), /at least one phase/, 'phases'],
    ['gates that are not a list', MINIMAL.replace(/gates:[\s\S]*phases:/, 'gates: errors\nphases:'), /at least one gate/, 'gates'],
    ['a threshold for a gate that does not exist', MINIMAL.replace('hold: 5m', 'hold: 5m\n    thresholds: { latency: 0.2 }'), /unknown field "latency"/, 'phases[0].thresholds.latency'],
    ['a threshold as text in a phase', MINIMAL.replace('hold: 5m', 'hold: 5m\n    thresholds: { errors: high }'), /must be a number/, 'phases[0].thresholds.errors'],
    ['a phase that is a list', MINIMAL.replace(/  - weight: 10\n    hold: 5m\n/, '  - [10, 5m]\n'), /must be a mapping/, 'phases[0]'],
    ['tracks without primary', MINIMAL + "traffic:\n  tracks:\n    canary: 'canary!=\"\"'\n", /is required/, 'traffic.tracks.primary'],
    ['tracks without canary', MINIMAL + "traffic:\n  tracks:\n    primary: 'canary=\"\"'\n", /is required/, 'traffic.tracks.canary'],
    ['tracks that are not a mapping', MINIMAL + 'traffic:\n  tracks: canary\n', /must be a mapping/, 'traffic.tracks'],
    ['a requests query that is not text', MINIMAL + 'traffic:\n  requests: 5\n', /non-empty string/, 'traffic.requests'],
    ['a gate without a name', MINIMAL.replace('  - name: errors\n    query:', '  - query:'), /is required/, 'gates[0].name'],
    ['a gate without a query', MINIMAL.replace(/    query: .*\n/, ''), /is required/, 'gates[0].query'],
    ['a phase without a weight', MINIMAL.replace('  - weight: 10\n    hold: 5m\n', '  - hold: 5m\n'), /is required/, 'phases[0].weight'],
    ['a description that is not text', MINIMAL + 'description: 5\n', /non-empty string/, 'description'],
    ['a source that is not text', MINIMAL + 'source: [wiki]\n', /non-empty string/, 'source'],
    ['inconclusiveLimit 2.5', MINIMAL + 'inconclusiveLimit: 2.5\n', /whole number/, 'inconclusiveLimit'],
    ['minRequests 10.5', MINIMAL + 'minRequests: 10.5\n', /whole number/, 'minRequests'],
    ['canaryReplicas 1.5', MINIMAL + 'canaryReplicas: 1.5\n', /whole number/, 'canaryReplicas'],
  ];
  for (const [what, text, message, path] of bad) {
    it(`refuses ${what}, naming ${path}`, () => {
      const e = errorsOf(text);
      const hit = e.find((x) => x.path === path);
      assert.ok(hit, `no error at ${path}: ${e.map(planErrorText).join(' | ')}`);
      assert.match(hit.message, message);
    });
  }

  it('refuses weights that do not rise and a gate without any threshold', () => {
    const e = errorsOf(MINIMAL.replace('    threshold: 0.01\n', '').replace('  - weight: 10\n    hold: 5m\n', '  - { weight: 20, hold: 5m }\n  - { weight: 20, hold: 5m }\n'));
    assert.deepEqual(e.map((x) => x.path), ['phases[0].thresholds', 'phases[1].weight', 'phases[1].thresholds']);
    assert.match(e[1].message, /more than the phase before \(20 %\)/);
    assert.match(e[0].message, /no threshold for gate "errors"/);
  });

  it('refuses two gates with one name', () => {
    const text = MINIMAL.replace('phases:', `  - name: errors\n    query: up\n    passWhen: "<"\n    threshold: 1\nphases:`);
    assert.equal(planErrorText(only(text)), 'gates[1].name (line 8): "errors" is used by another gate');
  });

  it('says where the error is: the line of the value, or of the parent when a field is missing', () => {
    const e = only(MINIMAL.replace('weight: 10', 'weight: 500'));
    assert.equal(e.line, 9);
    assert.equal(e.column, 13);
    assert.equal(planErrorText(e), 'phases[0].weight (line 9): must be at most 100, not 500');
    const missing = only(MINIMAL.replace('    hold: 5m\n', ''));
    assert.equal(missing.path, 'phases[0].hold');
    assert.deepEqual([missing.line, missing.column], [9, 5], 'points at the phase');
  });

  it('refuses broken YAML, duplicate keys, an empty file and a list instead of a plan', () => {
    assert.match(only('name: [unclosed\n').message, /^YAML:/);
    assert.match(only('name: a\nname: b\n').message, /^YAML:/);
    assert.deepEqual(errorsOf(''), [{ path: '', message: 'the plan is empty' }]);
    assert.deepEqual(errorsOf('# nothing yet\n'), [{ path: '', message: 'the plan is empty' }]);
    assert.deepEqual(errorsOf('42\n'), [{ path: '', message: 'the plan must be a mapping (key: value)', line: 1, column: 1 }]);
    assert.deepEqual(errorsOf('name: [unclosed\n'), [{ path: '', message: 'YAML: Flow sequence in block collection must be sufficiently indented and end with a ]', line: 2, column: 1 }], "the parser's first line, where it is");
    assert.match(only('- a\n- b\n').message, /the plan must be a mapping/);
  });

  it('ships a JSON schema for the editor that names exactly the fields the parser reads', () => {
    const schema = JSON.parse(readFileSync(join(__dirname, '../../../../../schemas/rollout-plan.schema.json'), 'utf8')) as {
      properties: Record<string, { items?: { properties: Record<string, unknown> } }>;
      required: string[];
    };
    assert.deepEqual(Object.keys(schema.properties).sort(), [...TOP_KEYS].sort());
    assert.deepEqual(Object.keys(schema.properties.gates.items?.properties ?? {}).sort(), [...GATE_KEYS].sort());
    assert.deepEqual(Object.keys(schema.properties.phases.items?.properties ?? {}).sort(), [...PHASE_KEYS].sort());
    assert.deepEqual(schema.required.sort(), ['gates', 'interval', 'name', 'phases']);
  });

  it('reads every field a plan may set, trimmed, exactly as written', () => {
    const text = `name: "  checkout canary  "
description: " slow and careful "
source: team wiki
interval: 30s
window: 2m
failureThreshold: 2
inconclusiveLimit: 4
minRequests: 100
canaryReplicas: 2
traffic:
  requests: sum(increase(http_requests_total{namespace="$namespace",service="$service",$track}[$window]))
  tracks: { canary: ' track="canary" ', primary: 'track="primary"' }
gates:
  - name: errors
    description: 5xx share
    query: sum(rate(x{$track}[$window]))
    passWhen: "<="
    unit: ratio
    threshold: 0.01
    maxRegression: 0
  - name: p99
    query: histogram_quantile(0.99, y{$track})
    passWhen: ">"
    threshold: 5
phases:
  - { weight: 10, hold: 90s, thresholds: { p99: 7 } }
  - { weight: 50, hold: 1h }
`;
    const r = parsePlan(text);
    assert.ok(r.ok, r.ok ? '' : r.errors.map(planErrorText).join('\n'));
    assert.deepEqual(r.plan, {
      name: 'checkout canary',
      description: 'slow and careful',
      source: 'team wiki',
      intervalSeconds: 30,
      windowSeconds: 120,
      failureThreshold: 2,
      inconclusiveLimit: 4,
      minRequests: 100,
      requestsQuery: 'sum(increase(http_requests_total{namespace="$namespace",service="$service",$track}[$window]))',
      tracks: { canary: 'track="canary"', primary: 'track="primary"' },
      canaryReplicas: 2,
      gates: [
        { name: 'errors', description: '5xx share', query: 'sum(rate(x{$track}[$window]))', passWhen: '<=', unit: 'ratio', maxRegression: 0 },
        { name: 'p99', query: 'histogram_quantile(0.99, y{$track})', passWhen: '>', unit: 'number' },
      ],
      phases: [
        { weight: 10, holdSeconds: 90, thresholds: { errors: 0.01, p99: 7 } },
        { weight: 50, holdSeconds: 3600, thresholds: { errors: 0.01, p99: 7 } },
      ],
    });
    const primaryReplicas = parsePlan(MINIMAL + 'canaryReplicas: primary\n');
    assert.ok(primaryReplicas.ok && primaryReplicas.plan.canaryReplicas === 'primary');
    const defaultRequests = parsePlan(MINIMAL + 'traffic:\n  tracks: { canary: a, primary: b }\n');
    assert.ok(defaultRequests.ok && /nginx_ingress_controller_requests/.test(defaultRequests.plan.requestsQuery));
    const requestsOnly = parsePlan(MINIMAL + 'traffic:\n  requests: sum(increase(r{$track}[$window]))\n');
    assert.ok(requestsOnly.ok, requestsOnly.ok ? '' : requestsOnly.errors.map(planErrorText).join('\n'));
    assert.deepEqual([requestsOnly.plan.requestsQuery, requestsOnly.plan.tracks], ['sum(increase(r{$track}[$window]))', { canary: 'canary!=""', primary: 'canary=""' }], 'no tracks: ingress-nginx\'s');
  });

  it('says each mistake in full: the value it got and what it wanted', () => {
    const message = (text: string, path: string) => errorsOf(text).find((e) => e.path === path)?.message;
    assert.equal(message(MINIMAL.replace('weight: 10', 'weight: 120'), 'phases[0].weight'), 'must be at most 100, not 120');
    assert.equal(message(MINIMAL.replace('weight: 10', 'weight: 0'), 'phases[0].weight'), 'must be at least 1, not 0');
    assert.equal(message(MINIMAL.replace('weight: 10', 'weight: "ten"'), 'phases[0].weight'), 'must be a number, not "ten"');
    assert.equal(message(MINIMAL + 'failureThreshold: 1.5\n', 'failureThreshold'), 'must be a whole number, not 1.5');
    assert.equal(message(MINIMAL.replace('hold: 5m', 'hold: soon'), 'phases[0].hold'), 'must be a duration like 30s, 5m or 1h, not "soon"');
    assert.equal(message(MINIMAL.replace('    hold: 5m\n', ''), 'phases[0].hold'), 'is required (a duration like 30s, 5m, 1h)');
    assert.equal(message(MINIMAL.replace('passWhen: "<"', 'passWhen: "lt"'), 'gates[0].passWhen'), 'must be one of "<", "<=", ">", ">=", not "lt"');
    assert.equal(message(MINIMAL.replace('    passWhen: "<"\n', ''), 'gates[0].passWhen'), 'is required (one of "<", "<=", ">", ">=")');
    assert.equal(message(MINIMAL.replace('$window', '$interval'), 'gates[0].query'), 'unknown placeholder $interval (known: $namespace, $service, $ingress, $deployment, $window, $track)');
    assert.equal(message(MINIMAL.replace('name: errors', 'name: Error'), 'gates[0].name'), 'must be lower-case letters, digits and dashes, not "Error"');
    assert.equal(message(MINIMAL.replace('hold: 5m', 'hold_time: 5m'), 'phases[0].hold_time'), 'unknown field "hold_time" (known: weight, hold, thresholds)');
    assert.equal(message(MINIMAL.replace('name: p', 'name: "  "'), 'name'), 'must be a non-empty string');
    assert.equal(message(MINIMAL.replace('name: p', 'name: 5'), 'name'), 'must be a non-empty string');
    assert.equal(message(MINIMAL.replace('hold: 5m', 'hold: 5m\n    thresholds: { errors: high }'), 'phases[0].thresholds.errors'), 'must be a number, not "high"');
    assert.equal(message(MINIMAL + 'traffic:\n  requests: sum(x{$pod})\n', 'traffic.requests'), 'unknown placeholder $pod (known: $namespace, $service, $ingress, $deployment, $window, $track)');
    assert.equal(message(MINIMAL + 'traffic: nginx\n', 'traffic'), 'must be a mapping (key: value)');
    assert.equal(message(MINIMAL.replace(/phases:[\s\S]*$/, 'phases: []\n'), 'phases'), 'must list at least one phase');
    assert.equal(message(MINIMAL.replace(/gates:[\s\S]*phases:/, 'gates: []\nphases:'), 'gates'), 'must list at least one gate');
    assert.equal(message(MINIMAL.replace('    threshold: 0.01\n', ''), 'phases[0].thresholds'), 'has no threshold for gate "errors" (set it here, in an earlier phase, or as the gate\'s threshold)');
  });

  it('accepts the edges of each range: weight 1 and 100, no requests required, no regression allowed', () => {
    const plan = MINIMAL.replace('  - weight: 10\n    hold: 5m\n', '  - { weight: 1, hold: 1s }\n  - { weight: 100, hold: 1s }\n').replace('threshold: 0.01', 'threshold: 0.01\n    maxRegression: 0') + 'minRequests: 0\nfailureThreshold: 1\ninconclusiveLimit: 1\ncanaryReplicas: 1\n';
    const r = parsePlan(plan);
    assert.ok(r.ok, r.ok ? '' : r.errors.map(planErrorText).join('\n'));
    assert.deepEqual([r.plan.phases.map((p) => p.weight), r.plan.gates[0].maxRegression, r.plan.inconclusiveLimit, r.plan.canaryReplicas], [[1, 100], 0, 1, 1]);
    assert.deepEqual(only(MINIMAL + 'inconclusiveLimit: 0\n').path, 'inconclusiveLimit');
    assert.deepEqual(only(MINIMAL + 'window: 0s\n').path, 'window');
    assert.equal(planErrorText(only(MINIMAL.replace('weight: 10', 'weight: 10.5'))), 'phases[0].weight (line 9): must be a whole number, not 10.5', 'ingress-nginx reads canary-weight as a whole number: 10.5 would send the canary nothing');
  });

  it('words errors with and without a place, and refuses what is not a plan at all', () => {
    assert.equal(planErrorText({ path: '', message: 'YAML: bad', line: 3 }), 'line 3: YAML: bad');
    assert.equal(planErrorText({ path: '', message: 'the plan is empty' }), 'plan: the plan is empty');
    assert.equal(planErrorText({ path: 'name', message: 'is required' }), 'name: is required');
    const yaml = only('name: a\nphases: [unclosed\n');
    assert.deepEqual([yaml.path, yaml.line], ['', 3]);
    for (const value of [null, 'plan', [1], 42]) {
      const r = decodePlan(value);
      assert.deepEqual(r, { ok: false, errors: [{ path: '', message: 'the plan must be a mapping (key: value)' }] }, JSON.stringify(value));
    }
    const tracks = decodePlan({ ...{ name: 'p', interval: '1m', gates: [{ name: 'e', query: 'up', passWhen: '<', threshold: 1 }], phases: [{ weight: 5, hold: '1m' }] }, traffic: { tracks: { canary: 'a', primary: '' } } });
    assert.deepEqual(tracks.ok ? [] : tracks.errors.map((e) => [e.path, e.message, e.line]), [['traffic.tracks.primary', 'must be a non-empty string', undefined]], 'a decoded plan has no lines to point at');
  });

  it('reads a field left empty (`window:`) as not written: its default applies, or it is required', () => {
    const r = parsePlan(MINIMAL.replace('passWhen: "<"', 'passWhen: "<"\n    unit:') + 'window:\nfailureThreshold:\ncanaryReplicas:\n');
    assert.ok(r.ok, r.ok ? '' : r.errors.map(planErrorText).join('\n'));
    assert.deepEqual([r.plan.windowSeconds, r.plan.failureThreshold, r.plan.canaryReplicas, r.plan.gates[0].unit], [60, 1, 'primary', 'number']);
    assert.equal(planErrorText(only(MINIMAL.replace('name: p', 'name:'))), 'name (line 1): is required');
  });

  it('points a missing field at its parent: the plan itself for a top-level one', () => {
    assert.equal(planErrorText(only(MINIMAL.replace('name: p\n', ''))), 'name (line 1): is required');
    assert.equal(planErrorText(only(MINIMAL.replace('  - weight: 10\n    hold: 5m\n', '  - hold: 5m\n'))), 'phases[0].weight (line 9): is required');
  });

  it('reports a threshold for a gate that does not exist once, as an unknown field, whatever its value', () => {
    assert.equal(planErrorText(only(MINIMAL.replace('hold: 5m', 'hold: 5m\n    thresholds: { latency: high }'))), 'phases[0].thresholds.latency (line 11): unknown field "latency" (known: errors)');
  });

  it('parses and formats durations as Prometheus writes them', () => {
    const cases: [unknown, number | undefined][] = [['10m', 600], ['1h30m', 5400], ['45s', 45], ['1.5m', 90], ['500ms', 0.5], ['90', 90], [30, 30], ['2d', 172800], ['', undefined], ['10 m', undefined], ['m', undefined], ['-5s', undefined], ['5x', undefined], [Number.NaN, undefined], [-1, undefined], [null, undefined]];
    for (const [input, expected] of cases) assert.equal(parseDuration(input), expected, `parseDuration(${JSON.stringify(input)})`);
    assert.deepEqual([60, 90, 3, 3600, 3725, 0.2].map(formatDuration), ['1m', '1m30s', '3s', '1h', '1h2m5s', '1s']);
    assert.deepEqual([432, 0, 59.2, 3723, -4].map(formatClock), ['7:12', '0:00', '1:00', '1:02:03', '0:00']);
  });
});
