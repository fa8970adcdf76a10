// Canary rollouts against the sandbox with the real Prometheus, Alertmanager and kubectl, time-scaled
// (guide 001 in under a minute): a good image is promoted, -bad and -slow roll back at their gate,
// a frozen Prometheus holds the phase as "no data", a restarted driver resumes from the cluster,
// an alert for the service pauses it. Every rollout here is on platform-api in phoenix-dev.
import assert from 'node:assert/strict';
import { parseLease } from '../../../src/domain/rollouts/lease';
import { decodeLastRollout, LAST_ROLLOUT_ANNOTATION, LEASE_ANNOTATION } from '../../../src/domain/rollouts/rolloutState';
import { outcomeRow } from '../../../src/domain/rollouts/rolloutSummary';
import type { RolloutDriver } from '../../../src/domain/rollouts/driver/rolloutDriver';
import { CONTEXT, NS, type RolloutEnv, startRolloutEnv, TIME_SCALE, waitForRollout, watchWeights } from './rolloutHarness';

const IMAGE = 'ghcr.io/phoenix/platform-api';

async function startCanary(env: RolloutEnv, driver: RolloutDriver, tag: string, yaml?: string): Promise<void> {
  const prepared = await driver.prepare(CONTEXT, { namespace: NS, deployment: 'platform-api', image: `${IMAGE}:${tag}`, plan: env.plan(yaml), timeScale: TIME_SCALE, by: 'it' });
  assert.ok(prepared.ok, prepared.ok ? '' : prepared.message);
  const r = await driver.start(CONTEXT, prepared.prepared);
  assert.ok(r.ok, r.ok ? '' : r.message);
}

async function primaryImage(env: RolloutEnv): Promise<string> {
  return env.kubectl('get', 'deployment', 'platform-api', '-o', 'jsonpath={.spec.template.spec.containers[0].image}');
}

describe('canary rollouts (sandbox, real Prometheus, kubectl)', function () {
  this.timeout(180_000);
  let env: RolloutEnv;
  before(async () => {
    env = await startRolloutEnv();
  });
  after(async () => {
    await env?.stop();
  });
  // A test that failed half-way must not leave its canary running into the next one.
  afterEach(async () => {
    await env.shutdownDrivers();
    const cleaner = env.driver('cockpit-cleanup');
    const r = await cleaner.command(CONTEXT, NS, 'platform-api-canary', { kind: 'abort' }, 'cleanup');
    if (r.ok) await waitForRollout(cleaner, 'cleanup', (s) => s.state?.status === 'rolledBack', 30_000).catch(() => undefined);
    await cleaner.shutdown();
  });

  it('refuses to start on a plan whose query Prometheus rejects, writing nothing', async () => {
    const driver = env.driver('cockpit-refuse');
    const broken = env.plan().gates[0];
    const plan = { ...env.plan(), gates: [{ ...broken, query: 'sum(rate(nginx_ingress_controller_requests{$track}[$window]) by' }] };
    const r = await driver.prepare(CONTEXT, { namespace: NS, deployment: 'platform-api', image: `${IMAGE}:1.9.0`, plan, timeScale: TIME_SCALE, by: 'it' });
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.message, /gate error-ratio of plan "guide-001 canary" fails in Prometheus: .*parse error/);
    const canary = await env.kubectl('get', 'deployment', 'platform-api-canary', '-o', 'jsonpath={.spec.replicas}/{.metadata.annotations}');
    assert.match(canary, /^0\//, 'the idle canary slot is untouched');
    await driver.shutdown();
  });

  it('rolls a -bad image back at the error gate as soon as the canary has served enough, primary untouched', async () => {
    const driver = env.driver('cockpit-bad');
    const before = await primaryImage(env);
    await startCanary(env, driver, '1.9.0-bad');
    await waitForRollout(driver, 'the canary to serve 5 %', (s) => s.state?.status === 'running', 30_000);
    const done = await waitForRollout(driver, 'the rollback', (s) => s.state?.status === 'rolledBack', 30_000);
    const s = done.state!;
    assert.match(s.reason ?? '', /^rolled back \d\d:\d\d: canary error-ratio [\d.]+ % ≥ 0.1 %.* over 3s at 5 %, [\d,]+ requests$/);
    const checks = done.checks.filter((c) => c.kind !== 'event');
    const first = checks.findIndex((c) => (c.requests ?? 0) >= s.plan.minRequests);
    assert.ok(first >= 0, 'a check with enough requests happened');
    assert.equal(checks[first].kind, 'fail', 'the first check that could tell failed, and rolled back');
    // …and it was the last check: the rollback followed it, not a later one.
    assert.equal(first, checks.length - 1, `rolled back at the first check with enough traffic (checks: ${checks.map((c) => `${c.kind}@${c.requests ?? 0}`).join(', ')})`);
    assert.equal(await primaryImage(env), before, 'the primary keeps its image');
    assert.equal(await env.kubectl('get', 'deployment', 'platform-api-canary', '-o', 'jsonpath={.spec.replicas}'), '0');
    assert.equal(await env.kubectl('get', 'ingress', 'platform-api-canary', '-o', 'jsonpath={.metadata.annotations.nginx\\.ingress\\.kubernetes\\.io/canary-weight}'), '0');
    const last = JSON.parse(await env.kubectl('get', 'deployment', 'platform-api', '-o', `jsonpath={.metadata.annotations.${LAST_ROLLOUT_ANNOTATION.replace(/\./g, '\\.')}}`)) as { status: string; reason: string };
    assert.equal(last.status, 'rolledBack');
    assert.ok(env.audit.some((a) => a.action === 'canary rollback' && /error-ratio/.test(a.detail ?? '')), 'the rollback is audited with its reason');
    await driver.shutdown();
  });

  it('rolls a -slow image back on latency only: the error gate passes', async () => {
    const driver = env.driver('cockpit-slow');
    await startCanary(env, driver, '1.9.0-slow');
    const done = await waitForRollout(driver, 'the rollback', (s) => s.state?.status === 'rolledBack', 40_000);
    assert.match(done.state?.reason ?? '', /canary p95-latency [\d.]+ ms ≥ 100 ms over 3s at 5 %/);
    assert.doesNotMatch(done.state?.reason ?? '', /error-ratio/);
    const failing = done.checks.filter((c) => c.kind === 'fail').at(-1);
    assert.deepEqual(failing?.gates.map((g) => [g.gate, g.kind]), [['error-ratio', 'pass'], ['p95-latency', 'fail']]);
    assert.ok((failing?.gates[1].primary ?? 1) < 0.1, 'the primary\'s p95 was read beside it and is fine');
    await driver.shutdown();
  });

  it('holds the phase as "no data" while Prometheus is stopped, and goes on when it is back', async () => {
    const driver = env.driver('cockpit-prom');
    await startCanary(env, driver, '1.9.1');
    await waitForRollout(driver, 'a passing check at 5 %', (s) => s.state?.status === 'running' && s.checks.some((c) => c.kind === 'pass'), 30_000);
    const prom = env.sandbox.services!.handles.prometheus;
    prom.suspend();
    try {
      const held = await waitForRollout(driver, 'checks without data', (s) => (s.state?.inconclusiveChecks ?? 0) >= 3, 20_000);
      assert.equal(held.state?.phase, 0);
      assert.equal(held.state?.weight, 5);
      assert.match(held.checks.at(-1)?.gates[0].detail ?? '', /^no data: Prometheus did not answer in time/);
      // Longer than the 12 s hold of phase 1 at this scale: still not advanced without data.
      const holdMs = held.state.plan.phases[0].holdSeconds * TIME_SCALE * 1000;
      await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(held.state!.phaseStartedAt) + holdMs + 1000 - Date.now())));
      const still = driver.find(CONTEXT, NS, 'platform-api')!;
      assert.deepEqual([still.state?.status, still.state?.phase, still.state?.weight], ['running', 0, 5], 'not advanced on no data');
    } finally {
      prom.resume();
    }
    const advanced = await waitForRollout(driver, 'the next phase once data is back', (s) => (s.state?.phase ?? 0) >= 1, 40_000);
    assert.equal(advanced.state?.weight, 20);
    const r = await driver.command(CONTEXT, NS, 'platform-api-canary', { kind: 'abort' }, 'it');
    assert.ok(r.ok);
    await waitForRollout(driver, 'the abort', (s) => s.state?.status === 'rolledBack', 20_000);
    await driver.shutdown();
  });

  it('resumes from the cluster\'s state when the driver stops mid-phase and another starts', async () => {
    const a = env.driver('cockpit-A');
    await startCanary(env, a, '1.9.2');
    const mid = await waitForRollout(a, 'a few passing checks', (s) => s.state?.status === 'running' && s.checks.filter((c) => c.kind === 'pass').length >= 2, 30_000);
    const phaseStartedAt = mid.state?.phaseStartedAt;
    await a.shutdown(); // hands its lease back
    const lease = await env.kubectl('get', 'deployment', 'platform-api-canary', '-o', `jsonpath={.metadata.annotations.${LEASE_ANNOTATION.replace(/\./g, '\\.')}}`);
    assert.equal(lease, '', 'a stopping driver hands its lease back');
    const b = env.driver('cockpit-B');
    assert.ok(!('message' in b.watchContext(CONTEXT)));
    const resumed = await waitForRollout(b, 'cockpit B driving', (s) => s.driving && (s.checks.length > mid.checks.length), 15_000);
    assert.equal(resumed.state?.phase, 0, 'same phase');
    assert.equal(resumed.state?.phaseStartedAt, phaseStartedAt, 'the phase is not restarted');
    const holder = parseLease(await env.kubectl('get', 'deployment', 'platform-api-canary', '-o', `jsonpath={.metadata.annotations.${LEASE_ANNOTATION.replace(/\./g, '\\.')}}`));
    assert.equal(holder?.holder, 'cockpit-B');
    // A third cockpit sees the rollout but does not drive it while B's lease is live.
    const c = env.driver('cockpit-C');
    c.watchContext(CONTEXT);
    const seen = await waitForRollout(c, 'cockpit C to see it', (s) => s.state?.status === 'running', 10_000);
    assert.equal(seen.driving, false);
    assert.equal(seen.lease.kind, 'held');
    await waitForRollout(b, 'B advancing', (s) => (s.state?.phase ?? 0) >= 1, 30_000);
    assert.ok((await b.command(CONTEXT, NS, 'platform-api-canary', { kind: 'abort' }, 'it')).ok);
    await waitForRollout(b, 'the abort', (s) => s.state?.status === 'rolledBack', 20_000);
    await Promise.all([b.shutdown(), c.shutdown()]);
  });

  it('pauses when an alert fires for the service, and says which', async () => {
    const driver = env.driver('cockpit-alert');
    await startCanary(env, driver, '1.9.3');
    await waitForRollout(driver, 'running', (s) => s.state?.status === 'running', 30_000);
    const am = env.sandbox.info.alertmanagerUrl!;
    const alert = (endsAt: string) => [{ labels: { alertname: 'HighErrorRate', service: 'platform-api', namespace: NS, cluster: CONTEXT, severity: 'critical' }, annotations: { summary: 'test' }, endsAt }];
    const post = (body: unknown) => fetch(`${am}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await post(alert(new Date(Date.now() + 600_000).toISOString()));
    try {
      const paused = await waitForRollout(driver, 'the pause', (s) => s.state?.status === 'paused', 20_000);
      assert.equal(paused.state?.pause?.by, 'alert');
      assert.equal(paused.state?.pause?.reason, 'alert HighErrorRate (critical) firing for platform-api');
      // Until phase 1's hold would have ended: still at its weight.
      const holdEnd = Date.parse(paused.state.phaseStartedAt) + paused.state.plan.phases[0].holdSeconds * TIME_SCALE * 1000;
      await new Promise((r) => setTimeout(r, Math.max(0, holdEnd + 1000 - Date.now())));
      const still = driver.find(CONTEXT, NS, 'platform-api')?.state;
      assert.deepEqual([still?.status, still?.phase, still?.weight], ['paused', 0, 5], 'paused: the weight holds');
    } finally {
      await post(alert(new Date().toISOString()));
    }
    assert.ok((await driver.command(CONTEXT, NS, 'platform-api-canary', { kind: 'abort' }, 'it')).ok);
    await waitForRollout(driver, 'the abort', (s) => s.state?.status === 'rolledBack', 20_000);
    await driver.shutdown();
  });

  it('promotes a good image through every phase of guide 001: kubectl shows the weights step, the primary runs it, the canary objects are gone', async function () {
    // The primary's rolling update runs at the sandbox's pace: on a loaded machine it alone can take a minute.
    this.timeout(300_000);
    // Without the seeded idle canary the cockpit creates its own objects, and removes them at the end.
    await env.kubectl('delete', 'deployment/platform-api-canary', 'service/platform-api-canary', 'ingress/platform-api-canary');
    const driver = env.driver('cockpit-good');
    const weights = watchWeights(env);
    try {
      await startCanary(env, driver, '1.10.0');
      const created = await waitForRollout(driver, 'the canary', (s) => s.state !== undefined, 10_000);
      assert.deepEqual(created.state?.canary.created, ['deployment', 'service', 'ingress']);
      await waitForRollout(driver, 'the promotion', (s) => s.gone === true || s.state?.status === 'promoted', 240_000);
    } finally {
      await weights.stop(); // a kubectl every 150 ms must not outlive the test (it kept mocha from exiting)
    }
    assert.deepEqual(weights.weights.filter((w) => w > 0), [5, 20, 40, 60, 80], `weights seen: ${weights.weights.join(', ')}`);
    assert.equal(await primaryImage(env), `${IMAGE}:1.10.0`);
    await env.kubectl('rollout', 'status', 'deployment/platform-api', '--timeout=30s');
    const left = await env.kubectl('get', 'deployment,service,ingress', '-l', 'rollouts.phoenix-ops.io/canary-of=platform-api', '-o', 'name');
    assert.equal(left.trim(), '', 'canary objects removed');
    const last = decodeLastRollout(await env.kubectl('get', 'deployment', 'platform-api', '-o', `jsonpath={.metadata.annotations.${LAST_ROLLOUT_ANNOTATION.replace(/\./g, '\\.')}}`));
    assert.ok(last, 'the outcome is on the primary');
    // The figures the Rollouts view keeps showing once the canary's own row is gone with its objects.
    assert.deepEqual([last.status, last.image, last.phasesDone, last.phases, last.weight, last.failedChecks], ['promoted', `${IMAGE}:1.10.0`, 5, 5, 80, 0]);
    assert.match(outcomeRow(last, Date.now())?.description ?? '', /^Promoted — \d\d:\d\d, platform-api:1\.10\.0 · 5\/5 phases up to 80 % in \d+:\d\d · 0 failed checks$/);
    const history = await env.kubectl('rollout', 'history', 'deployment/platform-api');
    assert.match(history, /canary promoted: ghcr.io\/phoenix\/platform-api:1.10.0 \(guide-001 canary\)/);
    assert.ok(env.audit.filter((a) => a.action === 'canary advance').length >= 4);
    await driver.shutdown();
  });
});
