// Unit tests of the traffic model: -bad images, canary weights, readiness, and counters that only grow, on a fake clock.
import assert from 'node:assert/strict';
import { MetricsRegistry } from '../../../../sandbox/metrics/metricsRegistry';
import { TrafficCollector } from '../../../../sandbox/metrics/trafficCollector';
import { renderTextFormat } from '../../../../sandbox/metrics/textFormat';
import { normalCdf, SMOKE_SHARE, splitTraffic } from '../../../../sandbox/metrics/trafficModel';
import { addDeployment, addService, newStore, seedPlatform, setCanaryWeight, setImage, setReady } from './clusterFixture';
import { type ParsedSample, parseMetrics, sumOf } from './metricsText';

class FakeClock {
  ms = 1_700_000_000_000;
  readonly now = (): number => this.ms;
  tick(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

function setup(canaryWeight = 10) {
  const store = newStore();
  seedPlatform(store, canaryWeight);
  const clock = new FakeClock();
  const traffic = new TrafficCollector([{ name: 'phoenix-dev', store }], { noise: 0, now: clock.now });
  const registry = new MetricsRegistry();
  registry.register(traffic);
  const scrape = async (): Promise<ParsedSample[]> => parseMetrics(await registry.render()).samples;
  return { store, clock, traffic, scrape };
}

const api = { service: 'platform-api' };
const fiveXX = /^5..$/;

describe('traffic model', () => {
  it('serves each service its base rate and no 5xx when healthy', async () => {
    const { clock, scrape } = setup(0);
    clock.tick(100);
    const s = await scrape();
    const total = sumOf(s, 'http_requests_total', api);
    assert.ok(Math.abs(total - 25_000) <= 5, `platform-api served ${total} in 100 s at 250 req/s`);
    assert.equal(sumOf(s, 'http_requests_total', { ...api, status: fiveXX }), 0);
    assert.ok(sumOf(s, 'http_requests_total', { ...api, status: '404' }) > 0, 'client errors still happen');
    assert.equal(sumOf(s, 'http_requests_total', { service: 'postgres' }), 0, 'a database serves no HTTP');
  });

  it('makes a -bad image serve ~20 % 5xx at ~3× latency', async () => {
    const { store, clock, scrape } = setup(0);
    clock.tick(50);
    const before = await scrape();
    setImage(store, 'platform-api', 'registry.phoenix.local/platform-api:1.5.0-bad');
    clock.tick(50);
    const after = await scrape();
    const d = (name: string, match: Record<string, string | RegExp>): number => sumOf(after, name, match) - sumOf(before, name, match);
    const share = d('http_requests_total', { ...api, status: fiveXX }) / d('http_requests_total', api);
    assert.ok(share > 0.18 && share < 0.22, `5xx share after -bad: ${share}`);
    const meanBefore = sumOf(before, 'request_duration_seconds_sum', api) / sumOf(before, 'request_duration_seconds_count', api);
    const meanAfter = d('request_duration_seconds_sum', api) / d('request_duration_seconds_count', api);
    assert.ok(Math.abs(meanAfter / meanBefore - 3) < 0.05, `latency ratio ${meanAfter / meanBefore}`);
    assert.ok(meanBefore > 0.025 && meanBefore < 0.045, `platform-api mean latency ${meanBefore}`);
  });

  it('weights a mixed rollout by the ready pods of each image', () => {
    const store = newStore();
    const clock = new FakeClock();
    addDeployment(store, { name: 'generator', replicas: 4 });
    const traffic = new TrafficCollector([{ name: 'c', store }], { noise: 0, now: clock.now });
    // Two of four pods on the bad build: half the traffic at 20 % errors.
    const pods = store.list('pods').slice(0, 2);
    for (const p of pods) store.update('pods', { ...structuredClone(p), spec: { containers: [{ name: 'main', image: 'generator:2-bad' }] } });
    clock.tick(100);
    const s = parseMetrics(renderTextFormat(traffic.collect())).samples;
    const share = sumOf(s, 'http_requests_total', { status: fiveXX }) / sumOf(s, 'http_requests_total');
    assert.ok(share > 0.095 && share < 0.11, `share ${share}`);
  });

  it('splits traffic between primary and canary by the canary Ingress weight', async () => {
    const { store, clock, scrape } = setup(20);
    clock.tick(100);
    const s1 = await scrape();
    const canary1 = sumOf(s1, 'http_requests_total', { ...api, track: 'canary' });
    const primary1 = sumOf(s1, 'http_requests_total', { ...api, track: 'primary' });
    assert.ok(Math.abs(canary1 / (canary1 + primary1) - 0.2) < 0.01, `canary share ${canary1 / (canary1 + primary1)}`);
    setCanaryWeight(store, 'platform-api-canary', 50);
    clock.tick(100);
    const s2 = await scrape();
    const canary = sumOf(s2, 'http_requests_total', { ...api, track: 'canary' }) - canary1;
    const primary = sumOf(s2, 'http_requests_total', { ...api, track: 'primary' }) - primary1;
    assert.ok(Math.abs(canary / (canary + primary) - 0.5) < 0.01, `canary share after 50 %: ${canary / (canary + primary)}`);
  });

  it('sends nothing to deployments without ready pods, and the canary share back to the primary', async () => {
    const { store, clock, scrape } = setup(30);
    setReady(store, 'analytics', false);
    setReady(store, 'platform-api-canary', false);
    clock.tick(100);
    const s = await scrape();
    assert.equal(sumOf(s, 'http_requests_total', { service: 'analytics' }), 0);
    assert.equal(sumOf(s, 'http_requests_total', { ...api, track: 'canary' }), 0);
    const primary = sumOf(s, 'http_requests_total', { ...api, track: 'primary' });
    assert.ok(Math.abs(primary - 25_000) <= 5, `primary took the canary's share: ${primary}`);
  });

  it('accounts the time before a change to the cluster as it was then', async () => {
    const { store, clock, scrape } = setup(0);
    clock.tick(60);
    setReady(store, 'dashboard', false); // no scrape in between: the store event itself closes the interval
    clock.tick(60);
    const s = await scrape();
    const dashboard = sumOf(s, 'http_requests_total', { service: 'dashboard' });
    assert.ok(Math.abs(dashboard - 600) <= 5, `dashboard served ${dashboard} (10 req/s for 60 s, then nothing)`);
  });

  it('keeps every counter and bucket monotonic through rollouts, scale-downs and weight changes', async () => {
    const { store, clock, scrape } = setup(10);
    let previous = new Map<string, number>();
    const steps: Array<() => void> = [
      () => setImage(store, 'platform-api', 'platform-api:2-bad'),
      () => setCanaryWeight(store, 'platform-api-canary', 80),
      () => setReady(store, 'generator', false),
      () => setImage(store, 'platform-api', 'platform-api:3'),
      () => setReady(store, 'generator', true),
      () => void (store.get('deployments', 'phoenix-system', 'dashboard') && store.delete('deployments', 'phoenix-system', 'dashboard')),
      () => setCanaryWeight(store, 'platform-api-canary', 0),
    ];
    for (let i = 0; i < 40; i++) {
      steps[i % steps.length]();
      clock.tick(0.1 + (i % 7) * 0.37);
      const now = new Map<string, number>();
      for (const x of await scrape()) {
        if (!x.name.startsWith('http_') && !x.name.startsWith('request_duration')) continue;
        const key = `${x.name}${JSON.stringify(x.labels)}`;
        now.set(key, x.value);
        const before = previous.get(key);
        assert.ok(before === undefined || x.value >= before, `${key} went from ${before} to ${x.value}`);
      }
      for (const key of previous.keys()) assert.ok(now.has(key), `series ${key} disappeared`);
      previous = now;
    }
  });

  it('exports both histogram names the guides query', async () => {
    const { clock, scrape } = setup();
    clock.tick(5);
    const s = await scrape();
    const a = sumOf(s, 'request_duration_seconds_count', api);
    assert.ok(a > 0);
    assert.equal(sumOf(s, 'http_request_duration_seconds_count', api), a);
  });

  it('splits rates by ready pods within a side and honours 0 and 100 % weights', () => {
    const g = {
      cluster: 'c',
      namespace: 'n',
      service: 's',
      canaryWeight: 100,
      members: [
        { deployment: 'a', track: 'primary', ready: 3, bad: 0, slow: 0, canary: false, routed: true },
        { deployment: 'b', track: 'canary', ready: 1, bad: 0, slow: 0, canary: true, routed: true },
      ],
    };
    assert.deepEqual(splitTraffic(g, 10).map((r) => [r.member.deployment, r.rate]), [['b', 10]]);
    assert.deepEqual(splitTraffic({ ...g, canaryWeight: 0 }, 10).map((r) => [r.member.deployment, r.rate]), [['a', 10]]);
    assert.deepEqual(splitTraffic({ ...g, canaryWeight: undefined }, 8).map((r) => [r.member.deployment, r.rate]), [['a', 6], ['b', 2]]);
  });

  it('makes a -slow image ~3× slower without a single 5xx', async () => {
    const { store, clock, scrape } = setup(0);
    clock.tick(50);
    const before = await scrape();
    setImage(store, 'platform-api', 'registry.phoenix.local/platform-api:1.5.0-slow');
    clock.tick(50);
    const after = await scrape();
    const d = (name: string, match: Record<string, string | RegExp>): number => sumOf(after, name, match) - sumOf(before, name, match);
    assert.equal(d('http_requests_total', { ...api, status: fiveXX }), 0);
    const ratio = d('request_duration_seconds_sum', api) / d('request_duration_seconds_count', api) / (sumOf(before, 'request_duration_seconds_sum', api) / sumOf(before, 'request_duration_seconds_count', api));
    assert.ok(Math.abs(ratio - 3) < 0.05, `latency ratio ${ratio}`);
  });

  it('exports what ingress-nginx does: requests by main Ingress and Service, canary ones labelled with the canary upstream', async () => {
    const { clock, scrape } = setup(20);
    clock.tick(100);
    const s = await scrape();
    const ingress = { ingress: 'platform-api', service: 'platform-api', namespace: 'phoenix-system', host: 'api.phoenix.local' };
    const canary = sumOf(s, 'nginx_ingress_controller_requests', { ...ingress, canary: 'phoenix-system-platform-api-canary-80' });
    const all = sumOf(s, 'nginx_ingress_controller_requests', ingress);
    assert.ok(Math.abs(canary / all - 0.2) < 0.01, `canary share through the ingress ${canary / all}`);
    assert.ok(Math.abs(all - sumOf(s, 'http_requests_total', api)) <= 10, 'the ingress counts what the pods served');
    assert.equal(sumOf(s, 'nginx_ingress_controller_requests', { ingress: 'platform-api-canary' }), 0, 'the canary Ingress never names itself');
    const primaryOnly = s.filter((x) => x.name === 'nginx_ingress_controller_requests' && x.labels.ingress === 'platform-api' && x.labels.canary === undefined);
    assert.ok(primaryOnly.length > 0, 'requests the main backend served carry no canary label');
    const countCanary = sumOf(s, 'nginx_ingress_controller_request_duration_seconds_count', { ...ingress, canary: /.+/ });
    assert.ok(Math.abs(countCanary - canary) <= 5, 'the histogram counts the same requests');
    assert.equal(sumOf(s, 'nginx_ingress_controller_requests', { service: 'generator' }), 0, 'a service without an Ingress has no ingress series');
  });

  it("sends a blue/green pair's traffic where its Service selector points", () => {
    const store = newStore();
    const clock = new FakeClock();
    addDeployment(store, { name: 'api-gateway-blue', labels: { app: 'api-gateway', version: 'blue' }, replicas: 2 });
    addDeployment(store, { name: 'api-gateway-green', labels: { app: 'api-gateway', version: 'green' }, replicas: 2 });
    addService(store, 'api-gateway', { app: 'api-gateway', version: 'blue' });
    const traffic = new TrafficCollector([{ name: 'c', store }], { noise: 0, now: clock.now });
    const by = (track: string) => sumOf(parseMetrics(renderTextFormat(traffic.collect())).samples, 'http_requests_total', { service: 'api-gateway', track });
    clock.tick(10);
    assert.ok(by('blue') > 0);
    // The idle colour gets only its smoke tests (5 % of the rate), never through the Service.
    assert.ok(Math.abs(by('green') / by('blue') - SMOKE_SHARE) < 0.01, `green ${by('green')}, blue ${by('blue')}`);
    const svc = structuredClone(store.get('services', 'phoenix-system', 'api-gateway')!);
    svc.spec = { ...svc.spec, selector: { app: 'api-gateway', version: 'green' } };
    store.update('services', svc);
    const [blue, green] = [by('blue'), by('green')];
    clock.tick(10);
    const [blueGot, greenGot] = [by('blue') - blue, by('green') - green];
    assert.ok(greenGot > 0);
    assert.ok(Math.abs(blueGot / greenGot - SMOKE_SHARE) < 0.01, `after the switch blue gets only smoke tests: ${blueGot} against ${greenGot}`);
  });

  it('multiplies every rate by rateScale (time-scaled rollout plans see as many requests per window)', () => {
    const store = newStore();
    seedPlatform(store, 0);
    const clock = new FakeClock();
    const traffic = new TrafficCollector([{ name: 'c', store }], { noise: 0, now: clock.now, rateScale: 20 });
    clock.tick(3);
    const total = sumOf(parseMetrics(renderTextFormat(traffic.collect())).samples, 'http_requests_total', api);
    assert.ok(Math.abs(total - 15_000) <= 5, `3 s at 250 × 20 req/s: ${total}`);
  });

  it('computes the normal CDF used for the latency buckets', () => {
    assert.ok(Math.abs(normalCdf(0) - 0.5) < 1e-7);
    assert.ok(Math.abs(normalCdf(1.6448536) - 0.95) < 1e-6);
    assert.ok(Math.abs(normalCdf(-1.959964) - 0.025) < 1e-6);
  });
});
