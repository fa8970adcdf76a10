// SLO arithmetic against hand-computed cases, the SLO file's validation (more ways to be wrong than right), and
// the PromQL the health panel sends.
import assert from 'node:assert/strict';
import { alertRuns } from '../../../../src/domain/health/healthData';
import { availabilityBurnQuery, bucketBounds, goldenQueries, latencyBurnQuery, podMatcher, rateWindowSeconds, selector } from '../../../../src/domain/health/healthQueries';
import { DEFAULT_SLOS, parseSloFile, sloFileTemplate, sloFor } from '../../../../src/domain/health/sloConfig';
import { budgetRemaining, budgetSeconds, burnAlert, burnRate, errorBudget, shareUnder, sli, timeToExhaustion } from '../../../../src/domain/health/sloMath';

const close = (actual: number | undefined, expected: number, what: string) => assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);

describe('SLO arithmetic', () => {
  it('error budget, SLI and burn rate as the SRE workbook defines them', () => {
    close(errorBudget(99.9), 0.001, 'budget of 99.9 %');
    close(errorBudget(99.5), 0.005, 'budget of 99.5 %');
    close(sli(999_000, 1_000_000), 0.999, 'SLI');
    assert.equal(sli(0, 0), undefined, 'no traffic is not 100 %');
    close(burnRate(0.005, 99.9), 5, '0.5 % errors against 99.9 % burns at 5×');
    close(burnRate(0.0144, 99.9), 14.4, 'the page level');
    close(burnRate(0.001, 99.0), 0.1, '0.1 % errors against 99 %');
    assert.equal(burnRate(undefined, 99.9), undefined);
    assert.equal(burnRate(0.01, 100), Number.POSITIVE_INFINITY, 'a 100 % target has no budget: any error is an infinite burn');
  });

  it('budget left over the window, as a share and in time', () => {
    close(budgetRemaining(0.9995, 99.9), 0.5, 'half the errors allowed → half the budget left');
    close(budgetRemaining(0.999, 99.9), 0, 'exactly spent');
    close(budgetRemaining(0.995, 99.9), -4, '5× the budget → 400 % overspent');
    close(budgetRemaining(1, 99.9), 1, 'no errors');
    assert.equal(budgetRemaining(undefined, 99.9), undefined);
    close(budgetSeconds(99.9, 30 * 86_400), 2592, '43.2 min a 30 days');
    close(budgetSeconds(99.0, 7 * 86_400), 6048, '1.68 h a week at 99 %');
  });

  it('time until the budget is gone at the current burn', () => {
    close(timeToExhaustion(0.5, 2, 30 * 86_400), 648_000, 'half left at 2× lasts 7.5 days');
    assert.equal(timeToExhaustion(0, 3, 30 * 86_400), 0);
    assert.equal(timeToExhaustion(-1, 3, 30 * 86_400), 0);
    assert.equal(timeToExhaustion(0.5, 0, 30 * 86_400), undefined, 'not burning');
    assert.equal(timeToExhaustion(undefined, 2, 30 * 86_400), undefined);
  });

  it('multi-window alerts need both windows over the level; missing data is unknown, not ok', () => {
    const table: Array<[Parameters<typeof burnAlert>[0], ReturnType<typeof burnAlert>]> = [
      [{ h1: 15, m5: 16, h6: 1, m30: 1 }, 'page'],
      [{ h1: 15, m5: 2, h6: 7, m30: 7 }, 'ticket'],
      [{ h1: 15, m5: 2, h6: 1, m30: 1 }, 'ok'],
      [{ h1: 14.4, m5: 20, h6: 1, m30: 1 }, 'ok'],
      [{ h1: 2, m5: 20, h6: 6, m30: 9 }, 'ok'],
      [{ h1: 2, m5: 20, h6: 6.1, m30: 9 }, 'ticket'],
      [{ h1: 1, m5: 1, h6: 1, m30: 1 }, 'ok'],
      [{ m5: 30, h6: 1, m30: 1 }, 'unknown'],
      [{ h1: 1, m5: 1, m30: 1 }, 'unknown'],
      [{}, 'unknown'],
    ];
    for (const [rates, want] of table) assert.equal(burnAlert(rates), want, JSON.stringify(rates));
  });

  it('the share of requests under a latency threshold, interpolated inside its bucket', () => {
    const buckets = [
      { le: 0.1, count: 90 },
      { le: 0.25, count: 100 },
      { le: Number.POSITIVE_INFINITY, count: 100 },
    ];
    close(shareUnder(buckets, 0.1), 0.9, 'at a bucket bound');
    close(shareUnder(buckets, 0.175), 0.95, 'half-way into the next bucket');
    close(shareUnder(buckets, 0.05), 0.45, 'under the first bucket, from zero');
    close(shareUnder(buckets, 20), 1, 'over every finite bucket');
    close(shareUnder([{ le: 0.1, count: 5 }, { le: Number.POSITIVE_INFINITY, count: 10 }], 5), 0.5, 'past the last finite bucket only what it holds is known');
    assert.equal(shareUnder([], 0.1), undefined);
    assert.equal(shareUnder([{ le: Number.POSITIVE_INFINITY, count: 0 }], 0.1), undefined);
  });
});

describe('SLOs as data', () => {
  it("uses guide 000's per-service objectives and guide 002's for the rest", () => {
    const api = sloFor(DEFAULT_SLOS, 'platform-api', 'phoenix-system');
    assert.deepEqual([api.availability, api.latency, api.maxErrorRatePercent], [99.9, { percentile: 95, thresholdMs: 100 }, 0.1]);
    assert.match(api.source, /guide 000.*API Gateway/);
    assert.deepEqual([sloFor(DEFAULT_SLOS, 'analytics', 'x').availability, sloFor(DEFAULT_SLOS, 'analytics', 'x').latency.thresholdMs], [99.0, 5000]);
    const other = sloFor(DEFAULT_SLOS, 'backend', 'phase-5');
    assert.deepEqual([other.availability, other.latency.thresholdMs, other.maxErrorRatePercent, other.source], [99.9, 200, 0.1, 'guide 002 (service level objectives)']);
    assert.equal(DEFAULT_SLOS.windowDays, 30);
  });

  it('reads a file: defaults fill what an entry leaves out, a namespace entry wins over a general one', () => {
    const r = parseSloFile(
      JSON.stringify({
        windowDays: 28,
        defaults: { availability: 99.5 },
        services: [
          { service: 'backend', availability: 99.95, latency: { percentile: 99, thresholdMs: 300 } },
          { service: 'backend', namespace: 'phase-5', availability: 99.0 },
        ],
      }),
      '.phoenix/slos.json',
    );
    assert.ok(r.ok, JSON.stringify(r));
    if (!r.ok) return;
    assert.equal(r.config.windowDays, 28);
    assert.equal(sloFor(r.config, 'backend', 'default').availability, 99.95);
    assert.equal(sloFor(r.config, 'backend', 'phase-5').availability, 99.0);
    assert.deepEqual(sloFor(r.config, 'frontend', 'phase-5').latency, { percentile: 95, thresholdMs: 200 }, 'defaults keep the guide latency they did not override');
    assert.equal(sloFor(r.config, 'frontend', 'phase-5').availability, 99.5);
  });

  it('the template it writes is the defaults, and reads back', () => {
    const r = parseSloFile(sloFileTemplate('file:///schema.json'), 'x');
    assert.ok(r.ok);
    if (r.ok) assert.deepEqual(r.config.services.map((s) => [s.service, s.availability, s.latency.thresholdMs]), DEFAULT_SLOS.services.map((s) => [s.service, s.availability, s.latency.thresholdMs]));
  });

  it('names every problem by its path, and accepts nothing half-valid', () => {
    const bad: Array<[string, RegExp]> = [
      ['{ nope', /^not valid JSON/],
      ['[]', /must hold a JSON object/],
      ['{"services": {}}', /^services must be a list/],
      ['{"windowDays": 0}', /^windowDays must be a whole number of days from 1 to 365, not 0/],
      ['{"windowDays": 1.5}', /^windowDays must be a whole number/],
      ['{"windowDays": 400}', /^windowDays must be a whole number/],
      ['{"window": 30}', /^window is not a known field/],
      ['{"services": [42]}', /^services\[0\] must be an object/],
      ['{"services": [{"availability": 99}]}', /^services\[0\]\.service must name the service/],
      ['{"services": [{"service": "a", "availability": 100}]}', /^services\[0\]\.availability must be a number from 0 to below 100, not 100/],
      ['{"services": [{"service": "a", "availability": "99.9"}]}', /^services\[0\]\.availability must be a number .* not "99\.9"/],
      ['{"services": [{"service": "a", "availability": -1}]}', /^services\[0\]\.availability must be a number/],
      ['{"services": [{"service": "a", "latency": {"percentile": 95}}]}', /^services\[0\]\.latency\.thresholdMs must be a positive number of milliseconds \(it is missing\)/],
      ['{"services": [{"service": "a", "latency": {"percentile": 100, "thresholdMs": 5}}]}', /^services\[0\]\.latency\.percentile must be a number from 1 to below 100/],
      ['{"services": [{"service": "a", "latency": {"percentile": 95, "thresholdMs": 0}}]}', /^services\[0\]\.latency\.thresholdMs must be a positive number/],
      ['{"services": [{"service": "a", "latency": 200}]}', /^services\[0\]\.latency must be an object/],
      ['{"services": [{"service": "a", "maxErrorRatePercent": 101}]}', /^services\[0\]\.maxErrorRatePercent must be a number from 0 to 100/],
      ['{"services": [{"service": "a", "availabilty": 99}]}', /^services\[0\]\.availabilty is not a known field/],
      ['{"services": [{"service": "a", "namespace": ""}]}', /^services\[0\]\.namespace must be a namespace name/],
      ['{"defaults": {"availability": 120}}', /^defaults\.availability must be a number/],
    ];
    for (const [text, want] of bad) {
      const r = parseSloFile(text, 'x');
      assert.equal(r.ok, false, text);
      if (!r.ok) assert.match(r.errors[0] ?? '', want, text);
    }
    // Several problems: all of them are listed.
    const many = parseSloFile('{"windowDays": -3, "services": [{"service": "a", "availability": 200}, {"service": ""}]}', 'x');
    assert.ok(!many.ok && many.errors.length === 3, JSON.stringify(many));
  });
});

describe('health queries', () => {
  const scope = { cluster: 'phoenix-dev', namespace: 'phoenix-system', service: 'platform-api', deployment: 'platform-api' };

  it('selects the cluster (when Prometheus holds several), namespace and service, with label values escaped', () => {
    assert.equal(selector(scope), '{cluster="phoenix-dev",namespace="phoenix-system",service="platform-api"}');
    assert.equal(selector({ namespace: 'a"b' }, ['status=~"5.."']), '{namespace="a\\"b",status=~"5.."}');
    assert.equal(podMatcher('platform-api'), 'pod=~"platform-api-[a-z0-9]+-[a-z0-9]+"');
    assert.ok(!new RegExp('^platform-api-[a-z0-9]+-[a-z0-9]+$').test('platform-api-canary-7d4b9c8f5-x2x9z'), "the canary's pods are not the primary's");
    assert.equal(rateWindowSeconds(15), 120);
    assert.equal(rateWindowSeconds(120), 480);
  });

  it('writes the golden signals per service, or per service and deployment for a namespace', () => {
    const one = goldenQueries(scope, 120);
    assert.equal(one.errorRatio, 'sum (rate(http_requests_total{cluster="phoenix-dev",namespace="phoenix-system",service="platform-api",status=~"5.."}[2m])) / sum (rate(http_requests_total{cluster="phoenix-dev",namespace="phoenix-system",service="platform-api"}[2m]))');
    assert.equal(one.p95, 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{cluster="phoenix-dev",namespace="phoenix-system",service="platform-api"}[2m])))');
    assert.match(one.cpu, /^sum\(rate\(container_cpu_usage_seconds_total\{cluster="phoenix-dev",namespace="phoenix-system",container!="",pod=~"platform-api-\[a-z0-9\]\+-\[a-z0-9\]\+"\}\[2m\]\)\)$/);
    const ns = goldenQueries({ namespace: 'phase-5' }, 300);
    assert.equal(ns.rate, 'sum by (service) (rate(http_requests_total{namespace="phase-5"}[5m]))');
    assert.match(ns.memory, /label_replace\(container_memory_working_set_bytes\{namespace="phase-5",container!=""\}, "deployment", "\$1", "pod", "\(\.\+\)-\[a-z0-9\]\+-\[a-z0-9\]\+"\)/);
  });

  it('burn rates: the bad share over the budget, latency interpolated between the buckets around the threshold', () => {
    assert.equal(availabilityBurnQuery({ namespace: 'n', service: 's' }, 3600, 0.001), '(sum (rate(http_requests_total{namespace="n",service="s",status=~"5.."}[1h])) / sum (rate(http_requests_total{namespace="n",service="s"}[1h]))) / 0.001');
    const les = ['0.05', '0.1', '0.25', '+Inf'];
    assert.deepEqual(bucketBounds(les, 0.2), { lo: '0.1', hi: '0.25', fraction: 0.666667 });
    assert.deepEqual(bucketBounds(les, 0.1), { lo: '0.1', hi: '0.1', fraction: 0 });
    assert.deepEqual(bucketBounds(les, 0.01), { lo: '', hi: '0.05', fraction: 0.2 });
    assert.deepEqual(bucketBounds(les, 5), { lo: '0.25', hi: '0.25', fraction: 0 });
    assert.equal(bucketBounds([], 0.1), undefined);
    assert.match(latencyBurnQuery({ namespace: 'n', service: 's' }, 300, 0.05, { lo: '0.1', hi: '0.25', fraction: 0.5 }), /^\(1 - \(sum\(rate\(http_request_duration_seconds_bucket\{namespace="n",service="s",le="0\.1"\}\[5m\]\)\) \+ \(sum\(rate\(.*le="0\.25".*\) - sum\(.*le="0\.1".*\)\) \* 0\.5\) \/ sum\(rate\(.*le="\+Inf".*\)\) \/ 0\.05$/);
  });

  it('turns ALERTS samples into firing intervals, the last one open while it still fires', () => {
    const w = { start: 0, end: 360, stepSeconds: 60 };
    const runs = alertRuns(
      [{ labels: { __name__: 'ALERTS', alertname: 'HighErrorRate', alertstate: 'firing', severity: 'critical', service: 'api' }, values: [[0, 1], [60, 1], [120, 1], [300, 1], [360, 1]] }],
      w,
      new Map([['HighErrorRate', 'https://docs.phoenix.io/runbooks/high-error-rate']]),
    );
    assert.deepEqual(runs, [
      { alertname: 'HighErrorRate', severity: 'critical', labels: { service: 'api' }, from: 0, to: 120, runbook: 'https://docs.phoenix.io/runbooks/high-error-rate' },
      { alertname: 'HighErrorRate', severity: 'critical', labels: { service: 'api' }, from: 300, runbook: 'https://docs.phoenix.io/runbooks/high-error-rate' },
    ]);
    assert.deepEqual(alertRuns([{ labels: { alertname: 'X' }, values: [[60, 1]] }], w, new Map()), [{ alertname: 'X', labels: {}, from: 60, to: 60 }]);
  });
});
