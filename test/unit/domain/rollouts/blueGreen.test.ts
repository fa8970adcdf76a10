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
});
