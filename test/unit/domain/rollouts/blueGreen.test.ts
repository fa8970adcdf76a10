// Blue-green: the pair behind a Service, guide 000's exact patch, refusals when the target is not ready,
// switching back while the old colour runs, and its clean-up only after the keep time.
import assert from 'node:assert/strict';
import type { V1Deployment, V1Service } from '@kubernetes/client-node';
import { BLUE_GREEN_ANNOTATION, blueGreenPair, cleanupPlan, notReady, planSwitch, planSwitchBack, type BlueGreenPair } from '../../../../src/domain/rollouts/blueGreen';

const T = Date.parse('2026-12-03T10:00:00Z');
const dep = (colour: string, ready = 2, desired = 2, updated = desired): V1Deployment => ({
  metadata: { name: `api-gateway-${colour}` },
  spec: { replicas: desired, selector: { matchLabels: { app: 'api-gateway', version: colour } }, template: { metadata: { labels: { app: 'api-gateway', version: colour } }, spec: { containers: [{ name: 'api-gateway', image: `api-gateway:${colour}` }] } } },
  status: { readyReplicas: ready, updatedReplicas: updated, replicas: desired },
});
const svc = (active: string, annotation?: object): V1Service => ({
  metadata: { name: 'api-gateway', namespace: 'phoenix-system', ...(annotation ? { annotations: { [BLUE_GREEN_ANNOTATION]: JSON.stringify(annotation) } } : {}) },
  spec: { selector: { app: 'api-gateway', version: active } },
});
const pair = (s: V1Service, ...d: V1Deployment[]): BlueGreenPair => {
  const p = blueGreenPair(s, d);
  assert.ok(p);
  return p;
};

describe('blue-green', () => {
  it('finds the colours behind a Service and which one is active', () => {
    const p = pair(svc('blue'), dep('blue'), dep('green'), { metadata: { name: 'other' }, spec: { selector: {}, template: { metadata: { labels: { app: 'other', version: 'x' } } } } });
    assert.equal(p.key, 'version');
    assert.equal(p.active, 'blue');
    assert.deepEqual(p.colours.map((c) => [c.value, c.deployment, c.active]), [['blue', 'api-gateway-blue', true], ['green', 'api-gateway-green', false]]);
  });

  it('is no pair for a Service that tells apps or a canary apart rather than colours', () => {
    const primary: V1Deployment = { metadata: { name: 'platform-api' }, spec: { selector: {}, template: { metadata: { labels: { app: 'platform-api', track: 'primary' } } } } };
    const canary: V1Deployment = { metadata: { name: 'platform-api-canary' }, spec: { selector: {}, template: { metadata: { labels: { app: 'platform-api', track: 'canary' } } } } };
    const other: V1Deployment = { metadata: { name: 'analytics' }, spec: { selector: {}, template: { metadata: { labels: { app: 'analytics', track: 'primary' } } } } };
    assert.equal(blueGreenPair({ metadata: { name: 'platform-api' }, spec: { selector: { app: 'platform-api', track: 'primary' } } }, [primary, canary, other]), undefined);
    assert.equal(blueGreenPair({ metadata: { name: 'platform-api-stable' }, spec: { selector: { app: 'platform-api', track: 'primary' } } }, [primary, canary, other]), undefined, 'whatever the Service is named');
  });

  it('is no pair for a plain Service or a single colour', () => {
    assert.equal(blueGreenPair(svc('blue'), [dep('blue')]), undefined);
    assert.equal(blueGreenPair({ metadata: { name: 'api-gateway-blue' }, spec: { selector: { app: 'api-gateway', version: 'blue' } } }, [dep('blue'), dep('green')]), undefined, "a colour's own Service");
    assert.equal(blueGreenPair({ metadata: { name: 'x' }, spec: { selector: { app: 'api-gateway' } } }, [dep('blue'), dep('green')]), undefined);
    assert.equal(blueGreenPair({ metadata: { name: 'x' }, spec: {} }, [dep('blue'), dep('green')]), undefined);
  });

  it("switches with exactly guide 000's selector patch", () => {
    const r = planSwitch(pair(svc('blue'), dep('blue'), dep('green')), 'green', 'alice', T);
    assert.ok(!('refused' in r));
    assert.deepEqual(r.patch, { spec: { selector: { version: 'green' } } });
    assert.deepEqual(r.annotation, { from: 'blue', to: 'green', at: new Date(T).toISOString(), by: 'alice' });
  });

  it('refuses a target that is not ready, unknown, scaled down, rolling out, or already active', () => {
    const cases: [V1Deployment, string, RegExp][] = [
      [dep('green', 1, 2), 'green', /1\/2 pods ready/],
      [dep('green', 0, 0), 'green', /scaled to 0/],
      [dep('green', 2, 2, 1), 'green', /still rolling out/],
      [dep('green'), 'purple', /no deployment has that colour/],
      [dep('green'), 'blue', /already sends its traffic to blue/],
    ];
    for (const [green, to, why] of cases) {
      const r = planSwitch(pair(svc('blue'), dep('blue'), green), to, 'a', T);
      assert.ok('refused' in r, `${to}: expected a refusal`);
      assert.match(r.refused, why);
    }
    assert.match(notReady({ value: 'g', deployment: 'd', ready: 0, desired: 3, updated: 3, images: [], active: false }) ?? '', /0\/3/);
  });

  it('switches back to the colour before the last switch, only when that switch is still current', () => {
    const switched = pair(svc('green', { from: 'blue', to: 'green', at: new Date(T).toISOString(), by: 'a' }), dep('blue'), dep('green'));
    const back = planSwitchBack(switched, 'b', T + 60_000);
    assert.ok(!('refused' in back) && back.patch.spec.selector.version === 'blue');
    assert.ok('refused' in planSwitchBack(pair(svc('blue'), dep('blue'), dep('green')), 'b', T), 'nothing to undo');
    assert.ok('refused' in planSwitchBack(pair(svc('blue', { from: 'blue', to: 'green', at: new Date(T).toISOString(), by: 'a' }), dep('blue'), dep('green')), 'b', T), 'switched back already');
    assert.ok('refused' in planSwitchBack(pair(svc('green', { from: 'blue', to: 'green', at: new Date(T).toISOString(), by: 'a' }), dep('blue', 0, 0), dep('green')), 'b', T), 'blue is gone');
  });

  it('offers the old colour\'s clean-up only after the keep time', () => {
    const switched = pair(svc('green', { from: 'blue', to: 'green', at: new Date(T).toISOString(), by: 'a' }), dep('blue'), dep('green'));
    const early = cleanupPlan(switched, 24, T + 23 * 3600_000);
    assert.ok('refused' in early);
    assert.match(early.refused, /kept until 2026-12-04 10:00 UTC \(24 h after the switch\)/);
    assert.deepEqual(cleanupPlan(switched, 24, T + 24 * 3600_000), { deployment: 'api-gateway-blue', colour: 'blue' });
    assert.ok('refused' in cleanupPlan(pair(svc('blue'), dep('blue'), dep('green')), 24, T + 48 * 3600_000));
    assert.ok('refused' in cleanupPlan(pair(svc('green', { from: 'blue', to: 'green', at: 'garbage', by: 'a' }), dep('blue'), dep('green')), 24, T + 48 * 3600_000), 'an unreadable switch time keeps it');
  });
  it('shows each colour\'s replicas and images, the Service\'s place, and the last switch (who may be unknown)', () => {
    const rolling = dep('green', 1, 3, 2);
    rolling.spec!.template.spec!.containers.push({ name: 'proxy', image: 'envoy:1.30' });
    const p = pair(svc('blue', { from: 'green', to: 'blue', at: '2026-12-03T09:00:00.000Z' }), dep('blue'), rolling);
    assert.deepEqual(p.colours, [
      { value: 'blue', deployment: 'api-gateway-blue', ready: 2, desired: 2, updated: 2, images: ['api-gateway:blue'], active: true },
      { value: 'green', deployment: 'api-gateway-green', ready: 1, desired: 3, updated: 2, images: ['api-gateway:green', 'envoy:1.30'], active: false },
    ]);
    assert.deepEqual([p.service, p.namespace, p.selector, p.lastSwitch], ['api-gateway', 'phoenix-system', { app: 'api-gateway', version: 'blue' }, { from: 'green', to: 'blue', at: '2026-12-03T09:00:00.000Z', by: '' }]);
    const bare: V1Deployment = { metadata: { name: 'api-gateway-red' }, spec: { selector: {}, template: { metadata: { labels: { app: 'api-gateway', version: 'red' } } } } };
    const red = pair(svc('blue'), dep('blue'), bare).colours.find((c) => c.value === 'red');
    assert.deepEqual(red, { value: 'red', deployment: 'api-gateway-red', ready: 0, desired: 0, updated: 0, images: [], active: false }, 'unknown readiness is none');
    assert.equal(notReady(red), 'api-gateway-red is scaled to 0');
  });

  it('ignores a damaged or partial switch record rather than trusting it', () => {
    for (const bad of ['{oops', JSON.stringify({ from: 'blue', to: 'green' }), JSON.stringify({ from: 1, to: 'green', at: 'x' }), JSON.stringify({ from: 'blue', to: 2, at: 'x' })]) {
      const s = svc('green');
      s.metadata!.annotations = { [BLUE_GREEN_ANNOTATION]: bad };
      assert.equal(pair(s, dep('blue'), dep('green')).lastSwitch, undefined, bad);
    }
  });

  it('finds a pair by any colour key, ignoring deployments of other apps or without that key, sorted by colour', () => {
    const colourDep = (value: string): V1Deployment => ({ metadata: { name: `web-${value}` }, spec: { replicas: 1, selector: {}, template: { metadata: { labels: { app: 'web', slot: value } } } } });
    const noSlot: V1Deployment = { metadata: { name: 'web-legacy' }, spec: { selector: {}, template: { metadata: { labels: { app: 'web' } } } } };
    const otherApp: V1Deployment = { metadata: { name: 'db-a' }, spec: { selector: {}, template: { metadata: { labels: { app: 'db', slot: 'c' } } } } };
    const p = blueGreenPair({ metadata: { name: 'web' }, spec: { selector: { slot: 'b', app: 'web' } } }, [colourDep('b'), noSlot, otherApp, colourDep('a')]);
    assert.deepEqual(p && [p.key, p.active, p.colours.map((c) => c.deployment)], ['slot', 'b', ['web-a', 'web-b']]);
    assert.equal(blueGreenPair({ metadata: { name: 'web' }, spec: { selector: { slot: 'b' } } }, [colourDep('b'), colourDep('a')]), undefined, 'a colour key alone selects every colour: no switch');
    const tiered = (name: string, tier: string, slot: string): V1Deployment => ({ metadata: { name }, spec: { selector: {}, template: { metadata: { labels: { app: 'web', tier, slot } } } } });
    const front = blueGreenPair({ metadata: { name: 'web' }, spec: { selector: { app: 'web', tier: 'frontend', slot: 'b' } } }, [tiered('web-a', 'frontend', 'a'), tiered('web-b', 'frontend', 'b'), tiered('web-worker', 'worker', 'c')]);
    assert.deepEqual(front?.colours.map((c) => c.deployment), ['web-a', 'web-b'], 'every other label of the selector must match, not just one');
  });

  it('says the switch in words: from which deployment to which', () => {
    const r = planSwitch(pair(svc('blue'), dep('blue'), dep('green')), 'green', 'alice', T);
    assert.equal(!('refused' in r) && r.summary, 'switch Service api-gateway from blue (api-gateway-blue) to green (api-gateway-green)');
    const fromGone = planSwitch(pair(svc('red'), dep('blue'), dep('green')), 'green', 'alice', T);
    assert.equal(!('refused' in fromGone) && fromGone.summary, 'switch Service api-gateway from red (?) to green (api-gateway-green)');
    const refused = planSwitch(pair(svc('blue'), dep('blue'), dep('green', 2, 3, 3)), 'green', 'a', T);
    assert.deepEqual(refused, { refused: "green cannot take api-gateway's traffic: api-gateway-green has 2/3 pods ready" });
    assert.equal(notReady({ value: 'g', deployment: 'd', ready: 3, desired: 3, updated: 2, images: [], active: false }), 'd is still rolling out (2/3 up to date)');
    assert.equal(notReady({ value: 'g', deployment: 'd', ready: 3, desired: 3, updated: 3, images: [], active: false }), undefined);
    assert.deepEqual(planSwitchBack(pair(svc('blue'), dep('blue'), dep('green')), 'b', T), { refused: 'api-gateway has no switch by the cockpit to undo (it serves blue)' });
  });

  it('neither undoes nor cleans up after a switch made by hand since the cockpit\'s last one', () => {
    const last = { from: 'blue', to: 'green', at: new Date(T).toISOString(), by: 'a' };
    const toRed = pair(svc('red', last), dep('blue'), dep('green'), dep('red'));
    assert.deepEqual(planSwitchBack(toRed, 'b', T + 60_000), { refused: 'api-gateway has no switch by the cockpit to undo (it serves red)' }, 'not back to blue');
    const backToBlue = pair(svc('blue', last), dep('blue'), dep('green'));
    assert.deepEqual(cleanupPlan(backToBlue, 24, T + 48 * 3600_000), { refused: 'api-gateway: no switch by the cockpit whose old colour to clean up' }, 'blue serves again: never scaled to 0');
  });

  it('shows what a Service or deployment leaves out as empty, and passes over a deployment without a pod template', () => {
    const unnamed = blueGreenPair({ spec: { selector: { app: 'api-gateway', version: 'blue' } } }, [dep('blue'), dep('green')]);
    assert.deepEqual(unnamed && [unnamed.service, unnamed.namespace, unnamed.active], ['', '', 'blue']);
    const noName: V1Deployment = { spec: { selector: {}, template: { metadata: { labels: { app: 'api-gateway', version: 'red' } }, spec: { containers: [{ name: 'api-gateway' }] } } } };
    // A deployment as a partial list may return it: no pod template (the client's type requires one).
    const noTemplate = { metadata: { name: 'api-gateway-old' }, spec: { selector: {} } } as unknown as V1Deployment;
    const p = pair(svc('blue'), dep('blue'), noName, noTemplate);
    assert.deepEqual(p.colours.map((c) => [c.value, c.deployment, c.images]), [['blue', 'api-gateway-blue', ['api-gateway:blue']], ['red', '', ['']]]);
  });

  it('says why the old colour cannot be cleaned up: gone, already at 0, or kept until when', () => {
    const last = { from: 'blue', to: 'green', at: new Date(T).toISOString(), by: 'a' };
    assert.deepEqual(cleanupPlan(pair(svc('green', last), dep('red'), dep('green')), 24, T + 48 * 3600_000), { refused: 'no deployment of colour blue is left' });
    assert.deepEqual(cleanupPlan(pair(svc('green', last), dep('blue', 0, 0), dep('green')), 24, T + 48 * 3600_000), { refused: 'api-gateway-blue is already scaled to 0' });
    assert.deepEqual(cleanupPlan(pair(svc('blue'), dep('blue'), dep('green')), 24, T), { refused: 'api-gateway: no switch by the cockpit whose old colour to clean up' });
    assert.deepEqual(cleanupPlan(pair(svc('green', last), dep('blue'), dep('green')), 2, T + 3600_000), { refused: 'api-gateway-blue is kept until 2026-12-03 12:00 UTC (2 h after the switch) so a switch back stays instant' });
    const garbage = cleanupPlan(pair(svc('green', { ...last, at: 'garbage' }), dep('blue'), dep('green')), 24, T);
    assert.deepEqual(garbage, { refused: 'api-gateway-blue is kept until 2026-12-03 10:00 UTC (24 h after the switch) so a switch back stays instant' });
  });
});
