// Unit tests of the sandbox's metric history: the OpenMetrics the backfill writes, counters that continue from the
// history into the live scrapes, steady workloads, the platform's experiments at past times, and saturation metrics.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HistoryRecorder } from '../../../../sandbox/metrics/history/historyRecorder';
import { MetricsRegistry } from '../../../../sandbox/metrics/metricsRegistry';
import { parseQuantity, ResourceCollector } from '../../../../sandbox/metrics/resourceCollector';
import { renderTextFormat } from '../../../../sandbox/metrics/textFormat';
import { TrafficCollector } from '../../../../sandbox/metrics/trafficCollector';
import { DEFAULT_PROFILES } from '../../../../sandbox/metrics/serviceProfiles';
import { steadyTopology } from '../../../../sandbox/metrics/trafficTopology';
import { platformHistory } from '../../../../sandbox/platform/platformHistory';
import { seedExperiments } from '../../../../sandbox/platform/platformSeedData';
import { addDeployment, newStore } from './clusterFixture';
import { parseMetrics, sumOf } from './metricsText';

const T0 = 1_700_000_000_000;

describe('sandbox metric history', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'history-test-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes OpenMetrics for promtool: families grouped, counters named without _total, scrape labels added, series in time order', async () => {
    const rec = new HistoryRecorder({ job: 'phoenix-sandbox', instance: '127.0.0.1:9' }, new Set(['skipped']));
    const labels = { service: 'a"b' };
    for (const [t, v] of [[T0, 1], [T0 + 60_000, 3]] as const) {
      rec.record(t, [
        { name: 'http_requests_total', help: '', type: 'counter', samples: [{ labels, value: v }] },
        { name: 'lat', help: '', type: 'histogram', samples: [{ suffix: '_bucket', labels: { le: '+Inf' }, value: v }, { suffix: '_count', labels: {}, value: v }] },
        { name: 'skipped', help: '', type: 'gauge', samples: [{ labels: {}, value: 1 }] },
      ]);
    }
    const written = await rec.write(join(dir, 'h.txt'));
    assert.deepEqual(written, { samples: 6, series: 3 });
    assert.equal(rec.spanMs, 60_000);
    assert.equal(
      readFileSync(join(dir, 'h.txt'), 'utf8'),
      [
        '# TYPE http_requests counter',
        'http_requests_total{instance="127.0.0.1:9",job="phoenix-sandbox",service="a\\"b"} 1 1700000000.000',
        'http_requests_total{instance="127.0.0.1:9",job="phoenix-sandbox",service="a\\"b"} 3 1700000060.000',
        '# TYPE lat histogram',
        'lat_bucket{instance="127.0.0.1:9",job="phoenix-sandbox",le="+Inf"} 1 1700000000.000',
        'lat_bucket{instance="127.0.0.1:9",job="phoenix-sandbox",le="+Inf"} 3 1700000060.000',
        'lat_count{instance="127.0.0.1:9",job="phoenix-sandbox"} 1 1700000000.000',
        'lat_count{instance="127.0.0.1:9",job="phoenix-sandbox"} 3 1700000060.000',
        '# EOF',
        '',
      ].join('\n'),
    );
  });

  it('runs the traffic ahead as if every replica had been ready, and the live counters continue from its totals', async () => {
    const store = newStore();
    // Nothing is ready yet (as right after the sandbox starts), but the history counts the 2 replicas.
    addDeployment(store, { name: 'platform-api', replicas: 2, ready: 0 });
    assert.deepEqual(steadyTopology('phoenix-dev', store)[0]?.members.map((m) => m.ready), [2]);
    let now = T0;
    const traffic = new TrafficCollector([{ name: 'phoenix-dev', store }], { noise: 0, now: () => now });
    const steps: Array<[number, number]> = [];
    traffic.runAhead(600, 60, (t, families) => steps.push([t, sumOf(parseMetrics(renderTextFormat(families)).samples, 'http_requests_total', { service: 'platform-api' })]));
    assert.equal(steps.length, 11);
    assert.equal(steps[0]?.[0], T0 - 600_000);
    assert.equal(steps.at(-1)?.[0], T0);
    // platform-api's rate (requests/s, for the 2 replicas together) for 60 s a step (floored per status).
    const perStep = DEFAULT_PROFILES['platform-api'].rate * 60;
    for (let i = 1; i < steps.length; i++) assert.ok(Math.abs((steps[i]?.[1] ?? 0) - (steps[i - 1]?.[1] ?? 0) - perStep) <= 5, `step ${i}: ${JSON.stringify(steps.slice(i - 1, i + 1))}`);
    const last = steps.at(-1)?.[1] ?? 0;
    // Live: no pod is ready, so nothing is added; the counter continues from the history (no reset to 0).
    now += 30_000;
    const registry = new MetricsRegistry();
    registry.register(traffic);
    const live = sumOf(parseMetrics(await registry.render()).samples, 'http_requests_total', { service: 'platform-api' });
    assert.ok(Math.abs(live - last) <= 5, `live ${live} continues from history ${last}`);
  });

  it('places each seeded experiment in its phase at past times', () => {
    const seed = T0;
    const at = platformHistory(seed);
    const [done] = seedExperiments(seed);
    const phaseOf = (t: number) => Object.fromEntries((at(t).find((f) => f.name === 'phoenix_experiment_phase')?.samples ?? []).map((s) => [s.labels.name, s.value]));
    const reductionOf = (t: number, name: string) => at(t).find((f) => f.name === 'phoenix_cardinality_reduction_percent')?.samples.find((s) => s.labels.name === name)?.value;
    assert.deepEqual(phaseOf(done.createdAt.getTime() - 1000), {}, 'before its creation it does not exist');
    assert.equal(phaseOf(done.createdAt.getTime() + 1000)['cost-opt-prod'], 1, 'deploying');
    assert.equal(phaseOf(done.startedAt.getTime() + 3_600_000)['cost-opt-prod'], 2, 'running');
    assert.equal(phaseOf(seed)['cost-opt-prod'], 4, 'completed');
    const early = reductionOf(done.startedAt.getTime() + 600_000, 'cost-opt-prod') ?? 0;
    assert.ok(early > 0 && early < 70, `reduction rises while it runs (${early})`);
    assert.equal(reductionOf(seed, 'cost-opt-prod'), 70);
    const card = at(seed).find((f) => f.name === 'phoenix_experiment_cardinality')?.samples.filter((s) => s.labels.name === 'cost-opt-prod') ?? [];
    const [baseline, candidate] = [card.find((s) => s.labels.variant === 'baseline')?.value ?? 0, card.find((s) => s.labels.variant === 'candidate')?.value ?? 0];
    assert.ok(Math.abs(candidate / baseline - 0.3) < 0.001, `candidate keeps 30 % of ${baseline}: ${candidate}`);
  });

  it('exports CPU use that follows traffic, memory, and the requests and limits of the pod specs', async () => {
    assert.equal(parseQuantity('100m'), 0.1);
    assert.equal(parseQuantity('256Mi'), 268_435_456);
    assert.equal(parseQuantity('1'), 1);
    assert.equal(parseQuantity('1Gi'), 1_073_741_824);
    assert.equal(parseQuantity('lots'), undefined);
    const store = newStore();
    addDeployment(store, { name: 'platform-api', replicas: 2 });
    for (const pod of store.list('pods')) {
      (pod.spec as { containers: Array<Record<string, unknown>> }).containers[0].resources = { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } };
      store.update('pods', pod);
    }
    let now = T0;
    const traffic = new TrafficCollector([{ name: 'phoenix-dev', store }], { noise: 0, now: () => now });
    const resources = new ResourceCollector(() => traffic.sources, (c) => traffic.topology(c), () => now);
    const registry = new MetricsRegistry();
    registry.register(resources);
    const first = parseMetrics(await registry.render()).samples;
    now += 100_000;
    const second = parseMetrics(await registry.render()).samples;
    const cpuSeconds = sumOf(second, 'container_cpu_usage_seconds_total', {}) - sumOf(first, 'container_cpu_usage_seconds_total', {});
    // Two pods sharing platform-api's rate: (0.02 idle + rate/2 × 0.0025) cores each, ±12 % wobble, for 100 s.
    const perPodCores = 0.02 + (DEFAULT_PROFILES['platform-api'].rate / 2) * 0.0025;
    assert.ok(cpuSeconds > 2 * perPodCores * 100 * 0.8 && cpuSeconds < 2 * perPodCores * 100 * 1.2, `cpu seconds ${cpuSeconds}`);
    assert.equal(sumOf(second, 'kube_pod_container_resource_requests', { resource: 'cpu', unit: 'core' }), 0.2);
    assert.equal(sumOf(second, 'kube_pod_container_resource_limits', { resource: 'memory', unit: 'byte' }), 2 * 536_870_912);
    const memory = sumOf(second, 'container_memory_working_set_bytes', {});
    assert.ok(memory > 2 * 130 * 2 ** 20 && memory < 2 * 180 * 2 ** 20, `memory ${memory}`);
  });
});
