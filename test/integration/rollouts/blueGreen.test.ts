// Blue-green against the sandbox: guide 000's selector patch moves api-gateway's traffic (and so its
// metrics in the real Prometheus) from blue to green, real kubectl sees the selector, a not-ready colour
// is refused, and switching back is instant while blue still runs. Before a switch the target is checked:
// guide 000's health check through the API server's service proxy (real kubectl reads the same endpoint) and
// guide 000's analysis on the colour's own (smoke) traffic in the real Prometheus; a -bad green is refused.
// The idle colour takes smoke tests only (SMOKE_SHARE of the rate), so "all of the traffic" is all but that.
import assert from 'node:assert/strict';
import { planSwitch, planSwitchBack } from '../../../src/domain/rollouts/blueGreen';
import { applySwitch, checkColour, readPair } from '../../../src/domain/rollouts/blueGreenActions';
import type { SwitchDecision } from '../../../src/domain/rollouts/blueGreenChecks';
import { SMOKE_SHARE } from '../../../sandbox/metrics/trafficModel';
import { waitFor } from '../../shared/waitFor';
import { NS, type RolloutEnv, startRolloutEnv, TIME_SCALE } from './rolloutHarness';

/** The serving colour's share with the idle one taking only its smoke tests. */
const SERVING = 1 / (1 + SMOKE_SHARE);
const serves = (v: number | undefined): true | undefined => (v !== undefined && Math.abs(v - SERVING) < 0.02 ? true : undefined);

async function share(env: RolloutEnv, colour: string): Promise<number | undefined> {
  const q = `sum(rate(http_requests_total{cluster="phoenix-dev",service="api-gateway",track="${colour}"}[3s])) / sum(rate(http_requests_total{cluster="phoenix-dev",service="api-gateway"}[3s]))`;
  const res = await fetch(`${env.sandbox.info.prometheusUrl}/api/v1/query?query=${encodeURIComponent(q)}`);
  const body = (await res.json()) as { data?: { result: { value: [number, string] }[] } };
  const v = body.data?.result[0]?.value[1];
  return v === undefined ? undefined : Number(v);
}

describe('blue-green switch (sandbox, real Prometheus, kubectl)', function () {
  this.timeout(120_000);
  let env: RolloutEnv;
  before(async () => {
    env = await startRolloutEnv();
  });
  after(async () => {
    await env?.stop();
  });

  it('switches api-gateway to green and back: the selector patch of guide 000, traffic following it', async () => {
    const kube = env.client();
    await waitFor('blue to serve all of api-gateway', async () => serves(await share(env, 'blue')), 30_000);
    const read = await readPair(kube, NS, 'api-gateway');
    assert.ok('pair' in read, 'error' in read ? read.error : '');
    assert.deepEqual(read.pair.colours.map((c) => `${c.value}:${c.deployment}:${c.ready}/${c.desired}`), ['blue:api-gateway-blue:2/2', 'green:api-gateway-green:2/2']);
    const plan = planSwitch(read.pair, 'green', 'it', Date.now());
    assert.ok(!('refused' in plan));
    assert.ok((await applySwitch(kube, read.pair, read.resourceVersion, plan)).ok);
    assert.equal(await env.kubectl('get', 'service', 'api-gateway', '-o', 'jsonpath={.spec.selector.version}'), 'green');
    await waitFor('green to serve all of api-gateway', async () => serves(await share(env, 'green')), 30_000);
    assert.equal(await env.kubectl('get', 'deployment', 'api-gateway-blue', '-o', 'jsonpath={.spec.replicas}'), '2', 'blue keeps running');
    // A second cockpit that read the Service before the switch cannot switch on stale knowledge.
    const stale = planSwitch(read.pair, 'green', 'other', Date.now());
    assert.ok(!('refused' in stale));
    const conflict = await applySwitch(kube, read.pair, read.resourceVersion, stale);
    assert.equal(conflict.ok, false);
    const again = await readPair(kube, NS, 'api-gateway');
    assert.ok('pair' in again);
    const back = planSwitchBack(again.pair, 'it', Date.now());
    assert.ok(!('refused' in back), 'refused' in back ? back.refused : '');
    assert.ok((await applySwitch(kube, again.pair, again.resourceVersion, back)).ok);
    await waitFor('blue to serve all of api-gateway again', async () => serves(await share(env, 'blue')), 30_000);
  });

  it('refuses to switch to a colour whose pods are not all ready', async () => {
    await env.kubectl('scale', 'deployment/api-gateway-green', '--replicas=0');
    const kube = env.client();
    const read = await readPair(kube, NS, 'api-gateway');
    assert.ok('pair' in read);
    const plan = planSwitch(read.pair, 'green', 'it', Date.now());
    assert.ok('refused' in plan);
    assert.match(plan.refused, /green cannot take api-gateway's traffic: api-gateway-green is scaled to 0/);
    assert.equal(await env.kubectl('get', 'service', 'api-gateway', '-o', 'jsonpath={.spec.selector.version}'), 'blue');
    await env.kubectl('scale', 'deployment/api-gateway-green', '--replicas=2');
  });

  it("checks green before the switch: guide 000's health check and analysis pass on a good build, a -bad one is refused in figures", async () => {
    const kube = env.client();
    const metrics = env.driver('checks').metrics;
    const check = async (): Promise<SwitchDecision> => {
      const read = await readPair(kube, NS, 'api-gateway');
      assert.ok('pair' in read, 'error' in read ? read.error : '');
      return checkColour(kube, metrics, read.pair, 'green', TIME_SCALE);
    };
    // The test before scaled green to 0 and back: its pods are endpoints again once ready.
    await env.kubectl('rollout', 'status', 'deployment/api-gateway-green', '--timeout=60s');
    // Real kubectl through the same service proxy: guide 000's `curl http://$svc:8080/health | jq .status`.
    const proxied = () => env.kubectl('get', '--raw', `/api/v1/namespaces/${NS}/services/api-gateway-green:8080/proxy/health`).catch((e: Error) => e.message);
    const answer = await waitFor('green to answer through the service proxy', async () => {
      const text = await proxied();
      return text.startsWith('{') ? text : undefined;
    }, 30_000);
    assert.deepEqual(JSON.parse(answer), { status: 'healthy', version: '2.5.0' });
    const good = await waitFor('green to pass its checks on its smoke traffic', async () => {
      const d = await check();
      return d.allowed ? d : undefined;
    }, 30_000);
    assert.deepEqual(good.checks.map((c) => c.name), ['health', 'error-ratio', 'p99-latency']);
    assert.equal(good.checks[0]?.detail, 'health: api-gateway-green:8080/health answered 200 {"status":"healthy","version":"2.5.0"}');
    assert.match(good.checks[1]?.detail ?? '', /^error-ratio: 0 % < 1 % \(over 3s, [\d,]+ requests\)$/);

    await env.kubectl('set', 'image', 'deployment/api-gateway-green', 'api-gateway=ghcr.io/phoenix/api-gateway:2.5.0-bad');
    try {
      const bad = await waitFor('a -bad green to fail its health check and its error gate', async () => {
        const d = await check();
        return !d.allowed && d.checks.filter((c) => !c.passed).map((c) => c.name).join() === 'health,error-ratio' ? d : undefined;
      }, 60_000);
      assert.ok(!bad.allowed);
      assert.match(bad.reason, /^green failed 2 of 3 checks: health: api-gateway-green:8080\/health answered 503 \{"status":"unhealthy","version":"2\.5\.0-bad",.*; error-ratio: [\d.]+ % ≥ 1 % \(over 3s, [\d,]+ requests\)$/);
      assert.equal(await env.kubectl('get', 'service', 'api-gateway', '-o', 'jsonpath={.spec.selector.version}'), 'blue', 'checking changes nothing');
    } finally {
      await env.kubectl('set', 'image', 'deployment/api-gateway-green', 'api-gateway=ghcr.io/phoenix/api-gateway:2.5.0');
    }
    await waitFor('green to pass again once it runs the good build', async () => ((await check()).allowed ? true : undefined), 60_000);
  });
});
