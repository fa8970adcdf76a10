// The chart panels' data functions against the sandbox, each figure cross-checked with a direct HTTP request to
// the platform API or a direct PromQL query: cost of an experiment and the overview, service and namespace
// health, the metric history the sandbox backfills, and a firing alert becoming a band with its runbook.
import assert from 'node:assert/strict';
import { PlatformClient } from '../../../src/clients/platform/platformClient';
import { PrometheusClient } from '../../../src/clients/prometheus/prometheusClient';
import { loadCostOverview, loadExperimentCost } from '../../../src/domain/cost/costData';
import { loadHealth } from '../../../src/domain/health/healthData';
import { sliFigures } from '../../../src/domain/health/healthDashboard';
import { DEFAULT_SLOS } from '../../../src/domain/health/sloConfig';
import { type Sandbox, startSandbox } from '../../../sandbox/sandbox';
import { DEFAULT_PROFILES } from '../../../sandbox/metrics/serviceProfiles';
import { waitFor } from '../../shared/waitFor';
import { promQuery, promScalar } from '../services/serviceTestKit';

async function getJson(url: string): Promise<Record<string, unknown>> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  assert.equal(res.status, 200, url);
  return (await res.json()) as Record<string, unknown>;
}

async function promRange(url: string, query: string, start: number, end: number, step: number): Promise<Array<{ metric: Record<string, string>; values: Array<[number, string]> }>> {
  const res = await fetch(`${url}/api/v1/query_range?query=${encodeURIComponent(query)}&start=${start}&end=${end}&step=${step}`, { signal: AbortSignal.timeout(10_000) });
  const body = (await res.json()) as { status: string; data: { result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }> } };
  assert.equal(body.status, 'success', query);
  return body.data.result;
}

const near = (a: number | undefined, b: number | undefined, rel: number, what: string) => assert.ok(a !== undefined && b !== undefined && Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b), 1e-12), `${what}: ${a} vs ${b}`);

describe('chart panels: data against the sandbox', function () {
  this.timeout(240_000);
  let sandbox: Sandbox;
  let platform: PlatformClient;
  let prom: PrometheusClient;
  let promUrl: string;
  let started: number;

  before(async () => {
    started = Date.now();
    sandbox = await startSandbox();
    promUrl = sandbox.info.prometheusUrl!;
    platform = new PlatformClient({ baseUrl: sandbox.info.platformApiUrl!, timeoutMs: 10_000 });
    prom = new PrometheusClient({ baseUrl: promUrl, timeoutMs: 20_000 });
    // The first live scrape (Prometheus scrapes ~5 s after it starts).
    await waitFor('the first scrape of the platform metrics', () => promScalar(promUrl, 'count(phoenix_experiment_phase)'), 60_000);
  });
  after(() => sandbox?.stop());

  it('has hours of history before the sandbox started: traffic, saturation and the experiments over their lives', async () => {
    const end = Math.floor(started / 1000);
    const rate = await promRange(promUrl, 'sum(rate(http_requests_total{cluster="phoenix-dev",service="platform-api"}[5m]))', end - 3 * 3600 + 600, end - 60, 600);
    assert.ok((rate[0]?.values.length ?? 0) >= 15, `samples in the 3 h before the start: ${rate[0]?.values.length}`);
    const serves = DEFAULT_PROFILES['platform-api']?.rate ?? 0;
    for (const [, v] of rate[0]?.values ?? []) near(Number(v), serves, 0.2, `platform-api serves ~${serves} req/s all along`);
    const cpu = await promRange(promUrl, 'sum(rate(container_cpu_usage_seconds_total{cluster="phoenix-dev",namespace="phoenix-system",pod=~"platform-api-[a-z0-9]+-[a-z0-9]+"}[5m]))', end - 2 * 3600, end - 60, 600);
    // The sandbox's model: 0.02 cores idle per pod (3 pods) plus 0.0025 cores per request/s, ±12 % wobble.
    const cores = 3 * 0.02 + serves * 0.0025;
    assert.ok((cpu[0]?.values.length ?? 0) >= 10 && cpu[0].values.every(([, v]) => Number(v) > cores * 0.7 && Number(v) < cores * 1.3), `${cores} cores expected: ${JSON.stringify(cpu[0]?.values)}`);
    // The completed experiment ran 4 to 3 days ago: its reduction rose towards 70 % back then.
    const life = await promRange(promUrl, 'phoenix_cardinality_reduction_percent{name="cost-opt-prod"}', end - 4 * 86_400, end, 3600);
    const values = (life[0]?.values ?? []).map(([, v]) => Number(v));
    assert.ok(values.length > 80 && values[0] < 70 && values.at(-1) === 70, `reduction over its life: ${values.slice(0, 5).join(', ')} … ${values.at(-1)}`);
  });

  it("an experiment's cost: the API's figures, and its series over its life as Prometheus has them", async () => {
    const r = await loadExperimentCost({ platform, prometheus: prom }, 'exp-c0ffee', 'life', Date.now());
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    const d = r.value;
    const direct = await getJson(`${sandbox.info.platformApiUrl}/api/v1/experiments/exp-c0ffee/analysis`);
    assert.equal(d.analysis?.costBeforeMonthly, direct.cost_before_monthly);
    assert.equal(d.analysis?.costAfterMonthly, direct.cost_after_monthly);
    assert.equal(d.analysis?.recommendation, direct.recommendation);
    assert.deepEqual(d.analysis?.byNamespace.map((n) => n.namespace), (direct.by_namespace as Array<{ namespace: string }>).map((n) => n.namespace));
    assert.deepEqual(d.problems, []);
    // The window covers its life: created 4 days ago, ended 3 days ago.
    assert.ok(d.window.end - d.window.start > 86_400 && d.window.end < Date.now() / 1000 - 2 * 86_400, JSON.stringify(d.window));
    const variants = d.cardinality.series.map((s) => s.labels.variant).sort();
    assert.deepEqual(variants, ['baseline', 'candidate']);
    const direct2 = await promRange(promUrl, d.cardinality.expr, d.window.start, d.window.end, d.window.stepSeconds);
    for (const s of d.cardinality.series) {
      const same = direct2.find((x) => x.metric.variant === s.labels.variant);
      assert.deepEqual(s.values.map(([t, v]) => [t, v]), same?.values.map(([t, v]) => [t, Number(v)]), `${s.labels.variant} as queried directly`);
    }
    const last = (v: string) => d.cardinality.series.find((s) => s.labels.variant === v)?.values.at(-1)?.[1] ?? 0;
    near(last('candidate') / last('baseline'), 0.3, 0.001, 'the candidate keeps 30 % of the series at the end');
  });

  it('the cost overview: the cost flow exactly as the API serves it, every experiment, savings over time', async () => {
    const r = await loadCostOverview({ platform, prometheus: prom }, '1h', Date.now());
    assert.ok(r.ok);
    const flow = await getJson(`${sandbox.info.platformApiUrl}/api/v1/cost-flow`);
    assert.equal(r.value.costFlow?.beforeMonthly, flow.before_monthly);
    assert.equal(r.value.costFlow?.afterMonthly, flow.after_monthly);
    assert.equal(r.value.costFlow?.reductionPercent, flow.reduction_percent);
    assert.deepEqual(r.value.costFlow?.byExperiment.map((e) => e.name), (flow.by_experiment as Array<{ name: string }>).map((e) => e.name));
    assert.deepEqual(r.value.experiments.map((e) => e.name).sort(), ['adaptive-filter-dev', 'cost-opt-prod', 'topk-sampling-trial']);
    assert.deepEqual(r.value.savings.series.map((s) => s.labels.name).sort(), ['adaptive-filter-dev', 'cost-opt-prod', 'topk-sampling-trial']);
  });

  it("a service's health: golden signals, SLIs and burn rates equal the direct PromQL", async () => {
    const now = Date.now();
    const r = await loadHealth(prom, DEFAULT_SLOS, { context: 'phoenix-dev', namespace: 'phoenix-system', deployment: { name: 'platform-api', service: 'platform-api' }, rangeId: '1h' }, now);
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    const d = r.value;
    assert.equal(d.scope.cluster, 'phoenix-dev', 'one Prometheus for two clusters: the context picks its cluster label');
    assert.deepEqual(d.problems, []);
    const at = d.window.end;
    const instant = async (q: string): Promise<number> => {
      const body = (await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(q)}&time=${at}`, { signal: AbortSignal.timeout(10_000) }).then((x) => x.json())) as { data: { result: Array<{ value: [number, string] }> } };
      return Number(body.data.result[0]?.value[1] ?? NaN);
    };
    const s = d.slis[0];
    near(s.total, await instant('sum(increase(http_requests_total{cluster="phoenix-dev",namespace="phoenix-system",service="platform-api"}[30d]))'), 1e-9, 'requests in the SLO window');
    near(s.errors, await instant('sum(increase(http_requests_total{cluster="phoenix-dev",namespace="phoenix-system",service="platform-api",status=~"5.."}[30d]))'), 1e-9, '5xx in the SLO window');
    const f = sliFigures(s, 30, at);
    near(f.availability, 1 - (s.errors ?? 0) / (s.total ?? 1), 1e-12, 'availability SLI');
    assert.ok((f.measuredSeconds ?? 0) > 2.5 * 3600, `the SLO window is measured over the backfilled hours: ${f.measuredSeconds}`);
    const ratio1h = await instant('sum(rate(http_requests_total{cluster="phoenix-dev",namespace="phoenix-system",service="platform-api",status=~"5.."}[1h])) / sum(rate(http_requests_total{cluster="phoenix-dev",namespace="phoenix-system",service="platform-api"}[1h]))');
    near(s.availabilityBurn.h1, ratio1h / 0.001, 1e-6, 'burn rate over 1 h = 5xx share / (1 − 99.9 %)');
    const p95 = await instant('histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{cluster="phoenix-dev",namespace="phoenix-system",service="platform-api"}[2m])))');
    near(d.golden.p95.series[0]?.values.at(-1)?.[1] ?? undefined, p95, 1e-9, 'p95 now');
    assert.ok(d.golden.cpu.series[0]?.values.some(([, v]) => v !== null), 'CPU of its pods');
    near(d.golden.cpuRequest.series[0]?.values.at(-1)?.[1] ?? undefined, 0.3, 1e-9, "3 pods × 100m, the guide's request");
    assert.equal(d.golden.memoryLimit.series[0]?.values.at(-1)?.[1], 3 * 512 * 2 ** 20);
    assert.equal(d.availabilityBurn?.h6.series.length, 1);
    assert.ok((d.budget?.series[0]?.values.length ?? 0) > 0, 'budget over time');
  });

  it('a namespace: every service with traffic, each with its own SLO', async () => {
    const r = await loadHealth(prom, DEFAULT_SLOS, { context: 'phoenix-dev', namespace: 'phoenix-system', rangeId: '15m' }, Date.now());
    assert.ok(r.ok);
    const names = r.value.slis.map((s) => s.service);
    const direct = (await promQuery(promUrl, 'count by (service) (http_requests_total{cluster="phoenix-dev",namespace="phoenix-system"})')).map((x) => x.metric.service).sort();
    assert.deepEqual(names, direct);
    assert.equal(r.value.slis.find((s) => s.service === 'analytics')?.slo.availability, 99.0);
    assert.ok(r.value.slis.every((s) => s.availabilityBurn.h1 !== undefined && s.latencyBurn.m5 !== undefined), 'burn rates for each');
    assert.deepEqual(r.value.golden.cpu.series.map((s) => s.labels.deployment).sort(), ['analytics', 'api-gateway-blue', 'api-gateway-green', 'controller', 'dashboard', 'generator', 'platform-api', 'postgres']);
  });

  it('a firing alert becomes a band on the service’s charts, with its runbook', async () => {
    const undo = await sandbox.triggers!.badImage({ cluster: 'phoenix-dev', namespace: 'phase-5', deployment: 'notification' });
    try {
      const alert = await waitFor(
        'HighErrorRate in the health data of notification',
        async () => {
          const r = await loadHealth(prom, DEFAULT_SLOS, { context: 'phoenix-dev', namespace: 'phase-5', deployment: { name: 'notification', service: 'notification' }, rangeId: '15m' }, Date.now());
          return r.ok ? r.value.alerts.find((a) => a.alertname === 'HighErrorRate' && a.to === undefined) : undefined;
        },
        { timeoutMs: 120_000, intervalMs: 2000 },
      );
      assert.equal(alert.severity, 'critical');
      assert.equal(alert.runbook, 'https://docs.phoenix.io/runbooks/high-error-rate');
      const direct = await promQuery(promUrl, 'ALERTS{alertname="HighErrorRate",alertstate="firing",namespace="phase-5",service="notification"}');
      assert.equal(direct.length, 1, 'Prometheus has it firing');
    } finally {
      await undo();
    }
  });
});
