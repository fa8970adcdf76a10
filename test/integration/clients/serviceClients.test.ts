// The Prometheus and PostgreSQL clients against the sandbox's real services, including the failures
// a user must be told about in words: a bad PromQL query, an unreachable URL, a wrong password, a SQL error position.
import assert from 'node:assert/strict';
import { PrometheusClient } from '../../../src/clients/prometheus/prometheusClient';
import { type PgSettings, withPg } from '../../../src/clients/postgres/postgresClient';
import { type Sandbox, startSandbox } from '../../../sandbox/sandbox';

describe('service clients against the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let pg: PgSettings;
  before(async () => {
    sandbox = await startSandbox({ timeScale: 0.2 });
    const p = sandbox.info.postgres!;
    pg = { host: p.host, port: p.port, database: p.database, user: p.user, password: p.password, sslmode: 'prefer', connectTimeoutMs: 3000, statementTimeoutMs: 2000 };
  });
  after(() => sandbox?.stop());

  const prom = () => new PrometheusClient({ baseUrl: sandbox.info.prometheusUrl!, timeoutMs: 5000 });

  it('Prometheus: an instant query returns a vector, a range query a matrix', async () => {
    const v = await prom().query('vector(42)');
    assert.ok(v.ok && v.value.resultType === 'vector' && v.value.result[0]?.value[1] === '42');
    const end = new Date();
    const m = await prom().queryRange('vector(1)', { start: new Date(end.getTime() - 60_000), end, stepSeconds: 15 });
    assert.ok(m.ok && m.value.resultType === 'matrix' && m.value.result[0].values.length >= 4);
  });

  it("Prometheus: a malformed query comes back with Prometheus' own parse error", async () => {
    const r = await prom().query('sum(rate(http_requests_total[5m]) by');
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error.kind, 'badRequest');
    assert.match(!r.ok ? r.error.message : '', /parse error/);
  });

  it('Prometheus: an unreachable URL is reported as such, quickly', async () => {
    const r = await new PrometheusClient({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 2000 }).query('up');
    assert.equal(!r.ok && r.error.kind, 'unreachable');
    assert.match(!r.ok ? r.error.hint : '', /URL/);
  });

  it('PostgreSQL: queries with the password over TCP (TLS preferred, falls back)', async () => {
    const r = await withPg(pg, async (c) => (await c.query<{ n: number }>('SELECT 1 + 1 AS n')).rows[0]?.n);
    assert.deepEqual(r, { ok: true, value: 2 });
  });

  it("PostgreSQL: a wrong password, a syntax error (with its position) and a statement timeout are told apart", async () => {
    const auth = await withPg({ ...pg, password: 'wrong' }, (c) => c.query('SELECT 1'));
    assert.equal(!auth.ok && auth.error.kind, 'auth');
    const syntax = await withPg(pg, (c) => c.query('SELECT * FORM tasks'));
    assert.ok(!syntax.ok && syntax.error.kind === 'query' && syntax.error.code === '42601');
    assert.equal(!syntax.ok && syntax.error.position, 10);
    const slow = await withPg({ ...pg, statementTimeoutMs: 200 }, (c) => c.query('SELECT pg_sleep(5)'));
    assert.equal(!slow.ok && slow.error.kind, 'timeout');
  });

  it('PostgreSQL: cancelling closes the connection and ends the query at once', async () => {
    const ac = new AbortController();
    const started = Date.now();
    setTimeout(() => ac.abort(), 100);
    const r = await withPg({ ...pg, statementTimeoutMs: 30_000 }, (c) => c.query('SELECT pg_sleep(10)'), ac.signal);
    assert.equal(!r.ok && r.error.kind, 'cancelled');
    assert.ok(Date.now() - started < 8000, 'ended by the cancel, not by the 10 s query');
  });
});
