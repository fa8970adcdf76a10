// Watch (replay, initial events, selectors, bookmarks, timeouts, 410) and pod logs over real
// HTTPS, plus the server going away and coming back on the same port.
import assert from 'node:assert/strict';
import { request } from 'node:https';
import type { KubeObject } from '../../../../../sandbox/kube/store/types';
import { deployment } from './fakeCluster';
import { startHarness, type Harness } from './serverHarness';
import { eventually } from '../../../../shared/waitFor';

const DEPLOYS = '/apis/apps/v1/namespaces/phoenix-system/deployments';

function bump(h: Harness, name: string, change: (d: KubeObject) => void): KubeObject {
  const d = structuredClone(h.cluster.store.get('deployments', 'phoenix-system', name)!);
  change(d);
  return h.cluster.store.update('deployments', d);
}

describe('watch', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ bookmarkIntervalMs: 100 });
  });
  afterEach(() => h.stop());

  it('flushes headers at once and sends ADDED for current objects when resourceVersion is 0/unset', async () => {
    for (const rv of ['', '&resourceVersion=0']) {
      const w = await h.watch(`${DEPLOYS}?watch=true${rv}`);
      assert.equal(w.status, 200);
      assert.equal(w.headers['content-type'], 'application/json');
      const [e] = await w.waitFor(1);
      assert.equal(e.type, 'ADDED');
      assert.equal(e.object.kind, 'Deployment');
      w.close();
    }
  });

  it('replays events newer than resourceVersion, then streams live ones, one JSON per line', async () => {
    const rv = h.cluster.store.resourceVersion;
    bump(h, 'web', (d) => (d.metadata.labels!.v = '1'));
    const w = await h.watch(`${DEPLOYS}?watch=1&resourceVersion=${rv}`);
    await w.waitFor(1);
    h.cluster.store.create('deployments', deployment('phoenix-system', 'api'));
    h.cluster.store.create('deployments', deployment('phase-5', 'elsewhere'));
    h.cluster.store.delete('deployments', 'phoenix-system', 'api');
    const events = await w.waitFor(3);
    assert.deepEqual(events.map((e) => `${e.type} ${e.object.metadata!.name}`), ['MODIFIED web', 'ADDED api', 'DELETED api']);
    assert.equal(Number(events[2].object.metadata!.resourceVersion), h.cluster.store.resourceVersion);
    w.close();
  });

  it('turns selector entries and exits into ADDED and DELETED', async () => {
    const w = await h.watch(`${DEPLOYS}?watch=true&labelSelector=track%3Dcanary&resourceVersion=${h.cluster.store.resourceVersion}`);
    bump(h, 'web', (d) => (d.metadata.labels!.track = 'canary'));
    bump(h, 'web', (d) => ((d.spec as { replicas: number }).replicas = 3));
    bump(h, 'web', (d) => delete d.metadata.labels!.track);
    bump(h, 'web', (d) => ((d.spec as { replicas: number }).replicas = 4));
    // A marker that matches again: events come in order, so a wrongly sent one would arrive before it.
    bump(h, 'web', (d) => (d.metadata.labels!.track = 'canary'));
    const events = await w.waitFor(4);
    assert.deepEqual(w.events.map((e) => e.type), ['ADDED', 'MODIFIED', 'DELETED', 'ADDED']);
    assert.equal(events[2].object.metadata!.name, 'web');
    w.close();
  });

  it('watches one object through fieldSelector and the legacy /watch/ path', async () => {
    h.cluster.store.create('deployments', deployment('phoenix-system', 'api'));
    const rv = h.cluster.store.resourceVersion;
    const a = await h.watch(`${DEPLOYS}?watch=true&fieldSelector=metadata.name%3Dapi&resourceVersion=${rv}`);
    const b = await h.watch(`/apis/apps/v1/watch/namespaces/phoenix-system/deployments/api?resourceVersion=${rv}`);
    bump(h, 'web', (d) => (d.metadata.labels!.x = '1'));
    bump(h, 'api', (d) => (d.metadata.labels!.x = '1'));
    for (const w of [a, b]) {
      await w.waitFor(1);
      assert.deepEqual(w.events.map((e) => `${e.type} ${e.object.metadata!.name}`), ['MODIFIED api']);
      w.close();
    }
  });

  it('answers a too-old resourceVersion with HTTP 200 and one ERROR event carrying 410 Expired', async () => {
    const old = h.cluster.store.resourceVersion;
    bump(h, 'web', (d) => (d.metadata.labels!.x = '1'));
    h.cluster.store.compact();
    const w = await h.watch(`${DEPLOYS}?watch=true&resourceVersion=${old - 1}`);
    assert.equal(w.status, 200);
    await w.ended;
    assert.equal(w.events.length, 1);
    assert.equal(w.events[0].type, 'ERROR');
    assert.deepEqual({ ...w.events[0].object, message: undefined }, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: undefined, reason: 'Expired', code: 410 });
    assert.match(String(w.events[0].object.message), /^too old resource version: \d+ \(\d+\)$/);
  });

  it('sends BOOKMARKs with only a resourceVersion when allowed', async () => {
    const w = await h.watch(`${DEPLOYS}?watch=true&allowWatchBookmarks=true&resourceVersion=${h.cluster.store.resourceVersion}`);
    h.cluster.store.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'unrelated', namespace: 'phoenix-system' } });
    const [e] = await w.waitFor(1);
    assert.equal(e.type, 'BOOKMARK');
    assert.deepEqual(e.object, { kind: 'Deployment', apiVersion: 'apps/v1', metadata: { resourceVersion: String(h.cluster.store.resourceVersion), creationTimestamp: null } });
    w.close();
  });

  it('ends the initial events with an annotated BOOKMARK for sendInitialEvents', async () => {
    const w = await h.watch(`${DEPLOYS}?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan`);
    const events = await w.waitFor(2);
    assert.deepEqual(events.map((e) => e.type), ['ADDED', 'BOOKMARK']);
    assert.deepEqual(events[1].object.metadata!.annotations, { 'k8s.io/initial-events-end': 'true' });
    w.close();
  });

  it('ends the response after timeoutSeconds', async () => {
    const t0 = Date.now();
    const w = await h.watch(`${DEPLOYS}?watch=true&timeoutSeconds=1&resourceVersion=${h.cluster.store.resourceVersion}`);
    await w.ended;
    const took = Date.now() - t0;
    assert.ok(took >= 900, `ended after ${took} ms, before its timeoutSeconds`); // and it did end: w.ended resolved
  });

  it('sends Table events with column definitions only in the first', async () => {
    const w = await h.watch(`${DEPLOYS}?watch=true`, { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' });
    await w.waitFor(1);
    bump(h, 'web', (d) => ((d.spec as { replicas: number }).replicas = 7));
    const events = await w.waitFor(2);
    type T = { kind: string; columnDefinitions: unknown[] | null; rows: { cells: unknown[] }[] };
    const [first, second] = events.map((e) => e.object as unknown as T);
    assert.equal(first.kind, 'Table');
    assert.ok(first.columnDefinitions!.length > 0);
    assert.equal(second.columnDefinitions, null);
    assert.equal(second.rows[0].cells[1], '2/7');
    w.close();
  });

  it('rejects a malformed resourceVersion with 400 before streaming', async () => {
    const r = await h.request('GET', `${DEPLOYS}?watch=true&resourceVersion=abc`);
    assert.equal(r.status, 400);
  });

  it('holds one store subscription per watch and drops it when the client goes away', async () => {
    const store = h.cluster.store;
    const subscribe = store.subscribe.bind(store);
    let active = 0;
    store.subscribe = (listener) => {
      active++;
      const off = subscribe(listener);
      return () => {
        active--;
        off();
      };
    };
    const w = await h.watch(`${DEPLOYS}?watch=true`);
    await w.waitFor(1);
    assert.equal(active, 1);
    w.close();
    await eventually('every watch closed', () => assert.equal(active, 0));
    bump(h, 'web', (d) => (d.metadata.labels!.gone = '1'));
  });
});

describe('pod logs', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.stop());
  const LOG = '/api/v1/namespaces/phoenix-system/pods/web-5d9c7b-abcde/log';

  it('passes every query parameter to the LogSource and answers text/plain', async () => {
    const since = '2025-01-01T00:00:00Z';
    const r = await h.request('GET', `${LOG}?container=web&tailLines=2&timestamps=true&limitBytes=1000&sinceTime=${since}`);
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'text/plain');
    assert.equal(r.text.trim().split('\n').length, 2);
    const req = h.cluster.logRequests.at(-1)!;
    assert.deepEqual(
      { ...req, sinceTime: req.sinceTime?.toISOString() },
      { namespace: 'phoenix-system', pod: 'web-5d9c7b-abcde', container: 'web', follow: false, timestamps: true, previous: false, tailLines: 2, limitBytes: 1000, sinceTime: '2025-01-01T00:00:00.000Z' },
    );
    await h.request('GET', `${LOG}?sinceSeconds=30`);
    assert.equal(h.cluster.logRequests.at(-1)!.sinceSeconds, 30);
  });

  it('turns LogSource validation errors into Status responses', async () => {
    const r = await h.request('GET', `${LOG}?previous=true`);
    assert.equal(r.status, 400);
    assert.deepEqual(r.json(), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'previous terminated container "web" in pod "web-5d9c7b-abcde" not found', reason: 'BadRequest', code: 400 });
    const missing = await h.request('GET', '/api/v1/namespaces/phoenix-system/pods/nope/log');
    assert.equal(missing.status, 404);
    assert.equal(missing.json<{ message: string }>().message, 'pods "nope" not found');
    const both = await h.request('GET', `${LOG}?sinceSeconds=5&sinceTime=2025-01-01T00:00:00Z`);
    assert.equal(both.status, 422);
  });

  it('follows until the client goes away, then aborts the source', async () => {
    const chunks: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: h.server.port, path: `${LOG}?follow=true&tailLines=0`, headers: { Authorization: 'Bearer test-token' }, ca: h.tls.caCert, agent: false }, (res) => {
        assert.equal(res.statusCode, 200);
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          chunks.push(c);
          if (chunks.join('').split('\n').length > 3) {
            req.destroy();
            resolve();
          }
        });
      });
      req.on('error', (e) => (chunks.length > 0 ? resolve() : reject(e)));
      req.end();
    });
    assert.match(chunks.join(''), /web-5d9c7b-abcde\/web line 5\n/);
    // The server aborted the source's signal when the client went away.
    await eventually('every log stream closed', () => assert.equal(h.cluster.fakeLogs.active, 0));
  });
});

describe('stopping and restarting the server', () => {
  it('drops open watches on close() and listens again on the same port', async () => {
    const h = await startHarness();
    try {
      const port = h.server.port;
      const w = await h.watch(`${DEPLOYS}?watch=true`);
      await w.waitFor(1);
      await h.server.close();
      await w.ended;
      await assert.rejects(h.request('GET', '/version'));
      h.cluster.store.create('deployments', deployment('phoenix-system', 'while-down'));
      await h.server.listen();
      assert.equal(h.server.port, port);
      const r = await h.request('GET', `${DEPLOYS}/while-down`);
      assert.equal(r.status, 200);
    } finally {
      await h.stop();
    }
  });
});
