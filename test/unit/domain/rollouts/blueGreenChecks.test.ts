// The checks before a blue-green switch, fail closed: guide 000's health check as the colour's own Service
// answers it, guide 000's analysis on the colour's requests, and the decision — any failing, unmeasured or
// missing check refuses the switch, saying which and with what figures. More refusals than passes, on purpose.
import assert from 'node:assert/strict';
import type { V1Deployment, V1Service } from '@kubernetes/client-node';
import { blueGreenPair, type BlueGreenPair } from '../../../../src/domain/rollouts/blueGreen';
import { colourProbe, colourQuery, colourWindow, gateChecks, GUIDE_000_COLOUR_GATES, healthCheck, type HealthAnswer, type SwitchCheck, switchDecision } from '../../../../src/domain/rollouts/blueGreenChecks';
import type { ScalarReading } from '../../../../src/domain/rollouts/verdicts';

const labels = (colour: string) => ({ app: 'api-gateway', version: colour });
const dep = (colour: string): V1Deployment => ({ metadata: { name: `api-gateway-${colour}` }, spec: { replicas: 2, selector: { matchLabels: labels(colour) }, template: { metadata: { labels: labels(colour) } } }, status: { readyReplicas: 2, updatedReplicas: 2 } });
const svc = (name: string, selector: Record<string, string>, ports: { name?: string; port: number }[] = [{ port: 8080 }]): V1Service => ({ metadata: { name, namespace: 'phoenix-system' }, spec: { selector, ports } });
const main = svc('api-gateway', labels('blue'));
const pairOf = (): BlueGreenPair => {
  const p = blueGreenPair(main, [dep('blue'), dep('green')]);
  assert.ok(p);
  return p;
};
const probe = { service: 'api-gateway-green', port: 8080, path: '/health' };
const answered = (status: number, body: string): HealthAnswer => ({ kind: 'answered', status, body });
const value = (v: number): ScalarReading => ({ kind: 'value', value: v });

describe('blue-green switch checks', () => {
  describe("colourProbe: the colour's own Service", () => {
    it("finds the Service that selects only the colour's pods, on its first port, at guide 000's /health", () => {
      const own = svc('api-gateway-green', labels('green'), [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9090 }]);
      assert.deepEqual(colourProbe([main, svc('api-gateway-blue', labels('blue')), own], pairOf(), 'green', labels('green')), probe);
    });
    it('never probes the switched Service itself, even when it selects the colour now', () => {
      const switched = svc('api-gateway', labels('green'));
      const r = colourProbe([switched], pairOf(), 'green', labels('green'));
      assert.ok('missing' in r);
      assert.match(r.missing, /no Service selects only the green pods \(version=green\)/);
    });
    it("refuses a Service of the other colour, one without the colour label, one whose selector the pods don't carry", () => {
      const services = [svc('api-gateway-blue', labels('blue')), svc('api-gateway-any', { app: 'api-gateway' }), svc('api-gateway-green-x', { ...labels('green'), tier: 'edge' })];
      assert.ok('missing' in colourProbe(services, pairOf(), 'green', labels('green')));
    });
    it('refuses a colour Service without ports', () => {
      const r = colourProbe([svc('api-gateway-green', labels('green'), [])], pairOf(), 'green', labels('green'));
      assert.deepEqual(r, { missing: 'Service api-gateway-green has no port to check /health on' });
    });
    it('refuses when the deployment could not be read (no template labels to match)', () => {
      assert.ok('missing' in colourProbe([svc('api-gateway-green', labels('green'))], pairOf(), 'green', {}));
    });
  });

  describe('healthCheck: fail closed', () => {
    const ok = (a: HealthAnswer): SwitchCheck => healthCheck(probe, a);
    it('passes a 2xx whose JSON status is healthy (or ok/up/pass, any case), showing what it answered', () => {
      assert.deepEqual(ok(answered(200, '{"status":"healthy","version":"2.5.0"}')), { name: 'health', passed: true, detail: 'health: api-gateway-green:8080/health answered 200 {"status":"healthy","version":"2.5.0"}' });
      for (const s of ['ok', 'UP', 'pass']) assert.equal(ok(answered(200, JSON.stringify({ status: s }))).passed, true, s);
      assert.equal(ok(answered(204, 'OK')).passed, true, 'a plain-text ok');
    });
    it('refuses a non-2xx answer whatever its body says', () => {
      for (const [status, body] of [[503, '{"status":"unhealthy"}'], [500, '{"status":"healthy"}'], [301, ''], [404, '404 page not found']] as const) {
        const c = ok(answered(status, body));
        assert.equal(c.passed, false, `${status} ${body}`);
        assert.match(c.detail, new RegExp(`^health: api-gateway-green:8080/health answered ${status}`));
      }
    });
    it('refuses a 2xx whose status is not healthy, or which says no status at all', () => {
      assert.equal(ok(answered(200, '{"status":"degraded"}')).detail, 'health: api-gateway-green:8080/health answered 200 {"status":"degraded"}: status "degraded" is not healthy');
      assert.match(ok(answered(200, '{"healthy":true}')).detail, /which says no status$/);
      assert.match(ok(answered(200, '{"status":1}')).detail, /which says no status$/);
      assert.match(ok(answered(200, '["healthy"]')).detail, /which says no status$/);
      assert.match(ok(answered(200, '')).detail, /with an empty body, which says no status$/);
      assert.match(ok(answered(200, '<html>it works</html>')).detail, /which says no status$/);
      assert.equal(ok(answered(200, 'unhealthy')).passed, false);
    });
    it('refuses no answer, no probe and no question, saying why', () => {
      assert.equal(ok({ kind: 'failed', message: 'The API server answered 503: no endpoints available for service "api-gateway-green:8080"' }).detail, 'health: api-gateway-green:8080/health did not answer: The API server answered 503: no endpoints available for service "api-gateway-green:8080"');
      assert.deepEqual(healthCheck({ missing: 'no Service selects only the green pods' }, answered(200, '{"status":"healthy"}')), { name: 'health', passed: false, detail: 'health: no Service selects only the green pods' });
      assert.equal(healthCheck(probe, undefined).passed, false);
    });
    it('shortens a long body to one line in the reason', () => {
      const d = ok(answered(503, `{"status":"unhealthy",\n"trace":"${'x'.repeat(300)}"}`)).detail;
      assert.ok(d.endsWith('…'), d);
      assert.ok(!d.includes('\n'));
      assert.ok(d.length < 200, d);
    });
  });

  describe("gateChecks: guide 000's analysis on the colour", () => {
    const read = (requests: ScalarReading, error: ScalarReading, p99: ScalarReading) => gateChecks(GUIDE_000_COLOUR_GATES, { requests, gates: [error, p99] }, 60);
    it('passes below 1 % errors and at most 500 ms p99 with enough requests, in figures', () => {
      const c = read(value(1204), value(0.0004), value(0.5));
      assert.deepEqual(c.map((x) => x.passed), [true, true]);
      assert.equal(c[0]?.detail, 'error-ratio: 0.04 % < 1 % (over 1m, 1,204 requests)');
      assert.match(c[1]?.detail ?? '', /^p99-latency: 500 ms <= 500 ms \(over 1m, 1,204 requests\)$/);
    });
    it('fails a -bad colour on errors and a slow one on latency, with value and threshold', () => {
      assert.deepEqual(read(value(1204), value(0.2), value(0.1)).map((x) => [x.passed, x.detail]), [[false, 'error-ratio: 20 % ≥ 1 % (over 1m, 1,204 requests)'], [true, 'p99-latency: 100 ms <= 500 ms (over 1m, 1,204 requests)']]);
      assert.equal(read(value(1204), value(0), value(0.501))[1]?.passed, false);
    });
    it('never passes no data, too few requests, NaN or an unreachable Prometheus', () => {
      const cases: [ScalarReading, ScalarReading, RegExp][] = [
        [{ kind: 'noData' }, value(0), /no request count|too few requests|no data/],
        [value(49), value(0), /too few requests \(49 < 50\)/],
        [value(1204), { kind: 'noData' }, /error-ratio: no data: the query returned nothing/],
        [value(1204), { kind: 'invalid', why: 'NaN (0/0: nothing to divide)' }, /not a usable value: NaN/],
        [{ kind: 'unavailable', why: 'connect ECONNREFUSED' }, value(0), /no data: connect ECONNREFUSED/],
        [{ kind: 'invalid', why: '2 series where one was expected' }, value(0), /no request count: 2 series/],
      ];
      for (const [requests, error, why] of cases) {
        const c = read(requests, error, value(0.1));
        assert.equal(c[0]?.passed, false, JSON.stringify([requests, error]));
        assert.match(c[0]?.detail ?? '', why);
      }
    });
    it('fills the colour, namespace, service and (time-scaled, at least 3 s) window into the queries', () => {
      const q = colourQuery(GUIDE_000_COLOUR_GATES.requestsQuery, { namespace: 'phoenix-system', service: 'api-gateway', colour: 'green' }, colourWindow(GUIDE_000_COLOUR_GATES, 0.05));
      assert.equal(q, 'sum(increase(http_requests_total{namespace="phoenix-system",service="api-gateway",track="green"}[3s]))');
      assert.equal(colourWindow(GUIDE_000_COLOUR_GATES, 1), 60);
      assert.equal(colourWindow(GUIDE_000_COLOUR_GATES, 0.001), 3);
      assert.equal(colourQuery('$unknown $window', { namespace: 'n', service: 's', colour: 'c' }, 90), '$unknown 1m30s');
    });
  });

  describe('switchDecision', () => {
    const pass = (name: string): SwitchCheck => ({ name, passed: true, detail: `${name}: fine` });
    const fail = (name: string): SwitchCheck => ({ name, passed: false, detail: `${name}: bad` });
    it('allows the switch only when every check passed', () => {
      assert.deepEqual(switchDecision('green', [pass('health'), pass('error-ratio')]), { allowed: true, checks: [pass('health'), pass('error-ratio')] });
    });
    it('refuses when any check failed, naming each failure', () => {
      const d = switchDecision('green', [pass('health'), fail('error-ratio'), fail('p99-latency')]);
      assert.equal(d.allowed, false);
      assert.equal(!d.allowed && d.reason, 'green failed 2 of 3 checks: error-ratio: bad; p99-latency: bad');
      assert.equal(switchDecision('green', [fail('health')]).allowed, false);
    });
    it('refuses with no checks at all: no evidence is not a pass', () => {
      assert.deepEqual(switchDecision('green', []), { allowed: false, checks: [], reason: 'green was not checked' });
    });
  });
});
