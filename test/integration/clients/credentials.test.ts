// Where a stored token may go, over real sockets: only to the exact origin it was set for (never to a URL that
// merely starts with it), never across a redirect to another origin, and a response past the size limit is an
// error that says so. For the service clients and for HTTP runbook steps alike.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { originOf, tokenForUrl } from '../../../src/clients/http/origin';
import { PrometheusClient } from '../../../src/clients/prometheus/prometheusClient';
import { HttpExecutor } from '../../../src/domain/runbook/executors/httpExecutor';
import { capture } from '../runbooks/runbookHarness';

interface Recorder {
  server: Server;
  url: string;
  /** Authorization headers received, by path. */
  seen: Array<{ path: string; auth: string | undefined }>;
}

async function listen(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<Recorder> {
  const seen: Recorder['seen'] = [];
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', auth: req.headers.authorization });
    handle(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const json = (body: unknown) => (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe('credentials stay on their origin; responses have a size limit', function () {
  this.timeout(30_000);
  let home: Recorder;
  let elsewhere: Recorder;
  let big: Recorder;
  const vector = { status: 'success', data: { resultType: 'vector', result: [] } };

  before(async () => {
    elsewhere = await listen(json(vector));
    home = await listen((req, res) => {
      if (req.url?.startsWith('/redirect-away')) {
        res.writeHead(302, { location: `${elsewhere.url}/api/v1/query?query=up` });
        return res.end();
      }
      if (req.url?.startsWith('/redirect-home')) {
        res.writeHead(302, { location: '/api/v1/query?query=up' });
        return res.end();
      }
      json(vector)(req, res);
    });
    big = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"status":"success","data":{"resultType":"vector","result":[],"pad":"${'x'.repeat(3 * 1024 * 1024)}"}}`);
    });
  });
  after(() => {
    for (const s of [home, elsewhere, big]) s?.server.close();
  });
  beforeEach(() => {
    for (const s of [home, elsewhere, big]) s.seen.length = 0;
  });

  const bound = () => ({ token: 's3cret', origins: [originOf(home.url) ?? ''] });

  it('the Prometheus client sends the token to its own origin only, and drops it on a redirect elsewhere', async () => {
    const token = (url: string) => tokenForUrl(bound(), url);
    assert.ok((await new PrometheusClient({ baseUrl: home.url, timeoutMs: 5000, token }).query('up')).ok);
    assert.deepEqual(home.seen.map((s) => s.auth), ['Bearer s3cret']);
    // A repository's settings pointing Prometheus somewhere else: the token stays home.
    assert.ok((await new PrometheusClient({ baseUrl: elsewhere.url, timeoutMs: 5000, token }).query('up')).ok);
    assert.deepEqual(elsewhere.seen.map((s) => s.auth), [undefined]);
    // A URL that starts with the right origin but goes elsewhere (user info) gets nothing.
    const sneaky = elsewhere.url.replace('http://', `http://${new URL(home.url).host}@`);
    assert.ok((await new PrometheusClient({ baseUrl: sneaky, timeoutMs: 5000, token }).query('up')).ok);
    assert.equal(elsewhere.seen.length, 2);
    assert.ok(elsewhere.seen.every((s) => !s.auth?.includes('s3cret')), JSON.stringify(elsewhere.seen));
    // Redirected by the right server to another origin: the header is dropped; within the origin it is kept.
    elsewhere.seen.length = 0;
    home.seen.length = 0;
    await new PrometheusClient({ baseUrl: `${home.url}/redirect-away`, timeoutMs: 5000, token }).query('up');
    assert.deepEqual(elsewhere.seen.map((s) => s.auth), [undefined]);
    await new PrometheusClient({ baseUrl: `${home.url}/redirect-home`, timeoutMs: 5000, token }).query('up');
    assert.deepEqual(home.seen.map((s) => s.auth), ['Bearer s3cret', 'Bearer s3cret', 'Bearer s3cret']);
  });

  it('an HTTP runbook step gets the token only at its exact origin, and keeps it off a redirect elsewhere', async () => {
    const exec = new HttpExecutor({ tokenFor: (url) => Promise.resolve(tokenForUrl(bound(), url)) });
    const run = async (text: string) => {
      const out = capture();
      const r = await exec.run({ text, language: 'http', options: { excludeFromRunAll: false, confirm: false, allowFailure: false, background: false }, params: {}, variables: {}, timeoutMs: 5000, signal: new AbortController().signal, out, readOnly: false });
      return { r, out };
    };
    await run(`GET ${home.url}/api/v1/query?query=up`);
    await run(`GET ${elsewhere.url.replace('http://', `http://${new URL(home.url).host}@`)}/api/v1/query?query=up`);
    await run(`GET ${home.url}/redirect-away`);
    assert.deepEqual(home.seen.map((s) => s.auth), ['Bearer s3cret', 'Bearer s3cret']);
    assert.equal(elsewhere.seen.length, 2);
    assert.ok(elsewhere.seen.every((s) => !s.auth?.includes('s3cret')), JSON.stringify(elsewhere.seen));
    // A header the step writes itself is the step's business.
    await run(`GET ${elsewhere.url}/x\nAuthorization: Bearer its-own`);
    assert.equal(elsewhere.seen.at(-1)?.auth, 'Bearer its-own');
  });

  it('a response past the size limit is an error that says so, for a client and for a step', async () => {
    const r = await new PrometheusClient({ baseUrl: big.url, timeoutMs: 5000, maxResponseBytes: 1024 * 1024 }).query('up');
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error.kind, 'tooLarge');
    assert.match(!r.ok ? r.error.message : '', /^Prometheus at http:\/\/127\.0\.0\.1:\d+ answered with more than 1 MiB: the answer was not read$/);
    assert.match(!r.ok ? r.error.hint : '', /phoenixOps\.maxResponseMB/);
    const exec = new HttpExecutor({ tokenFor: () => Promise.resolve(undefined), maxResponseBytes: () => 1024 * 1024 });
    const out = capture();
    const step = await exec.run({ text: `GET ${big.url}/`, language: 'http', options: { excludeFromRunAll: false, confirm: false, allowFailure: false, background: false }, params: {}, variables: {}, timeoutMs: 5000, signal: new AbortController().signal, out, readOnly: false });
    assert.equal(step.outcome, 'failed');
    assert.match(out.stderr, /answered with more than 1 MiB: the response was not read\nAsk for less/);
    // Under the limit it is read as before.
    assert.ok((await new PrometheusClient({ baseUrl: big.url, timeoutMs: 5000, maxResponseBytes: 8 * 1024 * 1024 }).query('up')).ok);
  });
});
