// Paged lists: continue tokens followed in order, pages handed over as they arrive, an expired token
// (410) starting the list over, and the request timeout applied to each wait for the server rather
// than to the whole list (a slow list of many pages completes; a server gone silent does not hang it).
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KubeError } from '../../../../src/clients/kubernetes/kubeErrors';
import { KubeHttp } from '../../../../src/clients/kubernetes/kubeHttp';
import { type FetchPage, type ListPage, listAllPages, listPaged, type PageProgress } from '../../../../src/clients/kubernetes/pagedList';
import { err, ok, type Result } from '../../../../src/core/result';

interface Item {
  name: string;
}

const gone: KubeError = { kind: 'gone', status: 410, message: 'Resource version expired: continue token too old', hint: '' };
const forbidden: KubeError = { kind: 'forbidden', status: 403, message: 'Not allowed (403)', hint: '' };

/**
 * A scripted API server of `count` items: answers `limit` items per page with a token naming the next
 * index; `expire` lists the request numbers (1-based) whose continuation answers 410.
 */
function scriptedServer(count: number, opts: { expire?: number[]; ignoreLimit?: boolean; failAt?: { request: number; error: KubeError }; rvOfRequest?: (n: number) => string } = {}) {
  const asked: { limit: number; continue?: string }[] = [];
  const items = Array.from({ length: count }, (_, i) => ({ name: `item-${String(i).padStart(3, '0')}` }));
  const fetch: FetchPage<Item> = (page) => {
    asked.push({ ...page });
    const n = asked.length;
    if (opts.failAt?.request === n) return Promise.resolve(err(opts.failAt.error));
    if (page.continue !== undefined && opts.expire?.includes(n)) return Promise.resolve(err(gone));
    const from = page.continue ? Number(page.continue.split(':')[1]) : 0;
    const limit = opts.ignoreLimit || page.limit === 0 ? count : page.limit;
    const slice = items.slice(from, from + limit);
    const next = from + slice.length;
    const value: ListPage<Item> = { items: slice, resourceVersion: opts.rvOfRequest?.(n) ?? '1000' };
    if (next < count) {
      value.continue = `token:${next}`;
      value.remainingItemCount = count - next;
    }
    return Promise.resolve(ok(value));
  };
  return { fetch, asked, items };
}

const names = (r: Result<{ items: Item[] }, KubeError>) => (r.ok ? r.value.items.map((i) => i.name) : r.error.message);

describe('paged lists', () => {
  it('follows the continue tokens in order and hands over each page as it arrives', async () => {
    const server = scriptedServer(7);
    const pages: PageProgress<Item>[] = [];
    const r = await listAllPages(server.fetch, { pageSize: 3, onPage: (p) => pages.push(p) });
    assert.deepEqual(server.asked, [{ limit: 3, continue: undefined }, { limit: 3, continue: 'token:3' }, { limit: 3, continue: 'token:6' }]);
    assert.deepEqual(names(r), server.items.map((i) => i.name), 'every item once, in the server\'s order');
    assert.deepEqual(
      pages.map((p) => [p.items.length, p.loaded, p.remaining, p.restarted]),
      [
        [3, 3, 4, false],
        [3, 6, 1, false],
        [1, 7, 0, false],
      ],
    );
  });

  it('watches continue from the first page\'s resourceVersion (the snapshot every page belongs to)', async () => {
    const server = scriptedServer(5, { rvOfRequest: (n) => String(500 + n) });
    const r = await listAllPages(server.fetch, { pageSize: 2 });
    assert.equal(r.ok && r.value.resourceVersion, '501');
  });

  it('asks kubectl\'s 500 per page unless told otherwise', async () => {
    const server = scriptedServer(1200);
    const r = await listAllPages(server.fetch);
    assert.deepEqual(server.asked.map((a) => a.limit), [500, 500, 500]);
    assert.equal(r.ok && r.value.items.length, 1200);
  });

  it('starts over from the first page when a continue token expired (410), without duplicates', async () => {
    const server = scriptedServer(7, { expire: [3], rvOfRequest: (n) => (n <= 3 ? '100' : '200') });
    const pages: PageProgress<Item>[] = [];
    const r = await listAllPages(server.fetch, { pageSize: 3, onPage: (p) => pages.push(p) });
    assert.deepEqual(
      server.asked.map((a) => a.continue ?? 'first'),
      ['first', 'token:3', 'token:6', 'first', 'token:3', 'token:6'],
    );
    assert.deepEqual(names(r), server.items.map((i) => i.name), 'the second pass alone makes the list');
    assert.equal(r.ok && r.value.resourceVersion, '200', 'the watch continues from the new snapshot');
    assert.deepEqual(pages.map((p) => p.restarted), [false, false, true, false, false], 'the first page of the new pass says so');
    assert.deepEqual(pages.map((p) => p.loaded), [3, 6, 3, 6, 7], 'counts start over too');
  });

  it('after expiring again and again, falls back to one unpaged list rather than giving up', async () => {
    const server = scriptedServer(5, { expire: [2, 4, 6] });
    const r = await listAllPages(server.fetch, { pageSize: 2, maxRestarts: 2 });
    assert.deepEqual(server.asked.map((a) => a.limit), [2, 2, 2, 2, 2, 2, 0]);
    assert.deepEqual(names(r), server.items.map((i) => i.name));
  });

  it('a 410 on a first page is the server\'s answer, not an expired token: it is returned, not retried', async () => {
    const server = scriptedServer(5, { failAt: { request: 1, error: gone } });
    const r = await listAllPages(server.fetch, { pageSize: 2 });
    assert.equal(!r.ok && r.error.kind, 'gone');
    assert.equal(server.asked.length, 1);
  });

  it('any other failure mid-list ends it with that error and asks for nothing more', async () => {
    const server = scriptedServer(9, { failAt: { request: 2, error: forbidden } });
    const pages: PageProgress<Item>[] = [];
    const r = await listAllPages(server.fetch, { pageSize: 3, onPage: (p) => pages.push(p) });
    assert.equal(!r.ok && r.error.kind, 'forbidden');
    assert.equal(server.asked.length, 2);
    assert.equal(pages.length, 1, 'the page before the failure was handed over');
  });

  it('a server that ignores limit answers the whole list at once: one request', async () => {
    const server = scriptedServer(20, { ignoreLimit: true });
    const r = await listAllPages(server.fetch, { pageSize: 3 });
    assert.equal(server.asked.length, 1);
    assert.equal(r.ok && r.value.items.length, 20);
  });

  it('a server that hands back the token it was given is an error, not an endless loop', async () => {
    const fetch: FetchPage<Item> = () => Promise.resolve(ok({ items: [{ name: 'x' }], resourceVersion: '1', continue: 'same' }));
    const r = await listAllPages(fetch, { pageSize: 1 });
    assert.equal(!r.ok && r.error.kind, 'server');
    assert.match(!r.ok ? r.error.message : '', /same continue token/);
  });

  it('pageSize 0 asks for everything in one request (no limit sent)', async () => {
    const server = scriptedServer(10);
    await listAllPages(server.fetch, { pageSize: 0 });
    assert.deepEqual(server.asked, [{ limit: 0, continue: undefined }]);
  });
});

/** An HTTP "API server" whose list of `count` items answers one page per request, each after `pageDelayMs`. */
class SlowListServer {
  readonly requests: URL[] = [];
  private server!: Server;
  constructor(
    private readonly count: number,
    private readonly behaviour: { pageDelayMs?: number; chunkGapMs?: number; chunks?: number; stallAfterFirstChunk?: boolean },
  ) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.answer(new URL(req.url ?? '/', 'http://x'), res));
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): void {
    this.server.closeAllConnections();
    this.server.close();
  }

  private async answer(url: URL, res: ServerResponse): Promise<void> {
    this.requests.push(url);
    const limit = Number(url.searchParams.get('limit') ?? 0) || this.count;
    const from = Number(url.searchParams.get('continue') ?? 0);
    const next = Math.min(this.count, from + limit);
    const body = JSON.stringify({
      kind: 'NamespaceList',
      metadata: { resourceVersion: '77', ...(next < this.count ? { continue: String(next), remainingItemCount: this.count - next } : {}) },
      items: Array.from({ length: next - from }, (_, i) => ({ metadata: { name: `ns-${from + i}` } })),
    });
    await pause(this.behaviour.pageDelayMs ?? 0);
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunks = this.behaviour.chunks ?? 1;
    const size = Math.ceil(body.length / chunks);
    for (let c = 0; c < chunks; c++) {
      res.write(body.slice(c * size, (c + 1) * size));
      if (this.behaviour.stallAfterFirstChunk) return; // never another byte
      if (c < chunks - 1) await pause(this.behaviour.chunkGapMs ?? 0);
    }
    res.end();
  }
}

/** The server's pace (what makes it slow), never how a test waits for a result. */
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function http(server: string, timeoutMs: number): KubeHttp {
  return new KubeHttp({ cluster: { name: 'c', server, skipTLSVerify: true }, user: { name: 'u', token: 't' }, context: { name: 'x', cluster: 'c', user: 'u' } }, timeoutMs);
}

describe('paged lists against a slow server: the timeout is per wait, not per list', () => {
  const servers: SlowListServer[] = [];
  afterEach(() => servers.splice(0).forEach((s) => s.stop()));
  const start = async (s: SlowListServer) => {
    servers.push(s);
    return s.start();
  };

  it('a list of many pages, each answered within the timeout, completes although the whole takes far longer', async () => {
    // 10 pages × 250 ms = 2.5 s of server time against a 1 s timeout: as one request it would have timed out.
    const server = new SlowListServer(50, { pageDelayMs: 250 });
    const url = await start(server);
    const r = await listPaged<{ metadata: { name: string } }>(http(url, 1000), '/api/v1/namespaces', {}, { pageSize: 5 });
    assert.ok(r.ok, !r.ok ? r.error.message : '');
    assert.equal(r.value.items.length, 50);
    assert.equal(server.requests.length, 10);
    assert.ok(server.requests.length * 250 > 1000, 'the server spent longer than the timeout on the whole list');
    assert.deepEqual(server.requests.map((u) => u.searchParams.get('limit')), Array(10).fill('5'));
  });

  it('one answer that keeps coming in slow chunks completes: only silence counts against the timeout', async () => {
    // 8 chunks 200 ms apart: 1.4 s of transfer against a 700 ms timeout.
    const server = new SlowListServer(200, { chunks: 8, chunkGapMs: 200 });
    const url = await start(server);
    const r = await listPaged<{ metadata: { name: string } }>(http(url, 700), '/api/v1/namespaces', {}, { pageSize: 0 });
    assert.ok(r.ok, !r.ok ? r.error.message : '');
    assert.equal(r.value.items.length, 200);
  });

  it('a server that goes silent in the middle of an answer times out with the usual hint, never hangs', async () => {
    const server = new SlowListServer(200, { chunks: 4, stallAfterFirstChunk: true });
    const url = await start(server);
    const r = await listPaged(http(url, 300), '/api/v1/namespaces', {}, { pageSize: 0 });
    assert.equal(!r.ok && r.error.kind, 'timeout');
    assert.match(!r.ok ? r.error.message : '', /did not answer within 0\.3 s/);
    assert.match(!r.ok ? r.error.hint : '', /requestTimeoutSeconds/);
  });

  it('sends limit and continue as kubectl does, and shows the pages of a real HTTP list as they arrive', async () => {
    const server = new SlowListServer(12, {});
    const url = await start(server);
    const seen: number[] = [];
    const r = await listPaged<{ metadata: { name: string } }>(http(url, 2000), '/api/v1/namespaces', { labelSelector: 'team=a' }, { pageSize: 5, onPage: (p) => seen.push(p.loaded) });
    assert.ok(r.ok);
    assert.deepEqual(seen, [5, 10, 12]);
    assert.deepEqual(
      server.requests.map((u) => [u.searchParams.get('limit'), u.searchParams.get('continue'), u.searchParams.get('labelSelector')]),
      [
        ['5', null, 'team=a'],
        ['5', '5', 'team=a'],
        ['5', '10', 'team=a'],
      ],
    );
    assert.equal(r.value.resourceVersion, '77');
  });
});
