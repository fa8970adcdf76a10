// Blue-green against the sandbox: guide 000's selector patch moves api-gateway's traffic (and so its
// metrics in the real Prometheus) from blue to green, real kubectl sees the selector, a not-ready colour
// is refused, and switching back is instant while blue still runs.
import assert from 'node:assert/strict';
import { planSwitch, planSwitchBack } from '../../../src/domain/rollouts/blueGreen';
import { applySwitch, readPair } from '../../../src/domain/rollouts/blueGreenActions';
import { waitFor } from '../../shared/waitFor';
import { NS, type RolloutEnv, startRolloutEnv } from './rolloutHarness';

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
    await waitFor('blue to serve all of api-gateway', async () => ((await share(env, 'blue')) === 1 ? true : undefined), 30_000);
    const read = await readPair(kube, NS, 'api-gateway');
    assert.ok('pair' in read, 'error' in read ? read.error : '');
    assert.deepEqual(read.pair.colours.map((c) => `${c.value}:${c.deployment}:${c.ready}/${c.desired}`), ['blue:api-gateway-blue:2/2', 'green:api-gateway-green:2/2']);
    const plan = planSwitch(read.pair, 'green', 'it', Date.now());
    assert.ok(!('refused' in plan));
    assert.ok((await applySwitch(kube, read.pair, read.resourceVersion, plan)).ok);
    assert.equal(await env.kubectl('get', 'service', 'api-gateway', '-o', 'jsonpath={.spec.selector.version}'), 'green');
    await waitFor('green to serve all of api-gateway', async () => ((await share(env, 'green')) === 1 ? true : undefined), 30_000);
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
    await waitFor('blue to serve all of api-gateway again', async () => ((await share(env, 'blue')) === 1 ? true : undefined), 30_000);
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
});
