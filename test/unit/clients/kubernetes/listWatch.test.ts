import assert from 'node:assert/strict';
import type { V1Namespace } from '@kubernetes/client-node';
import type { WatchHandlers } from '../../../../src/clients/kubernetes/kubeClient';
import type { KubeError } from '../../../../src/clients/kubernetes/kubeErrors';
import { type ListWatchEvent, type ListWatchSource, startListWatch } from '../../../../src/clients/kubernetes/listWatch';
import type { PageProgress } from '../../../../src/clients/kubernetes/pagedList';
import { err, ok } from '../../../../src/core/result';
import { ObjectCache } from '../../../../src/domain/kube/objectCache';
import { waitFor } from '../../../shared/waitFor';

const ns = (name: string, rv: string): V1Namespace => ({ metadata: { name, resourceVersion: rv } });
const unreachable: KubeError = { kind: 'unreachable', message: 'down', hint: '' };

/** A scripted server: each list/watch call takes the next step; records what was asked. */
class ScriptedSource implements ListWatchSource<V1Namespace> {
  readonly calls: string[] = [];
  constructor(
    private readonly lists: ((onPage?: (p: PageProgress<V1Namespace>) => void) => ReturnType<ListWatchSource<V1Namespace>['list']>)[],
    private readonly watches: ((h: WatchHandlers<V1Namespace>, signal: AbortSignal) => Promise<KubeError | undefined>)[],
  ) {}
  list(_signal: AbortSignal, onPage?: (p: PageProgress<V1Namespace>) => void) {
    this.calls.push(onPage ? 'list(paged)' : 'list');
    const step = this.lists.shift();
    return step ? step(onPage) : new Promise<never>(() => {});
  }
  watch(rv: string, h: WatchHandlers<V1Namespace>, signal: AbortSignal) {
    this.calls.push(`watch@${rv}`);
    const step = this.watches.shift();
    return step ? step(h, signal) : openUntilAborted(signal);
  }
}

function collect(source: ListWatchSource<V1Namespace>) {
  const events: ListWatchEvent<V1Namespace>[] = [];
  const cache = new ObjectCache<V1Namespace>({ coalesceMs: 5 });
  const d = startListWatch(source, (e) => { events.push(e); cache.apply(e); }, { initialBackoffMs: 5, maxBackoffMs: 20 });
  return { events, cache, stop: () => d.dispose() };
}
/** A watch that stays open until its signal aborts, as a real one does. */
const openUntilAborted = (signal: AbortSignal) => new Promise<undefined>((r) => signal.addEventListener('abort', () => r(undefined)));
const names = (c: ObjectCache<V1Namespace>) => [...c.values()].map((n) => n.metadata?.name).sort();

describe('listWatch + ObjectCache', () => {
  it('lists once, then applies watch events in place from the list resourceVersion', async () => {
    const src = new ScriptedSource([() => Promise.resolve(ok({ items: [ns('a', '1')], resourceVersion: '10' }))], [
      (h, signal) => {
        h.onConnected?.();
        h.onEvent('ADDED', ns('b', '11'));
        h.onEvent('MODIFIED', ns('a', '12'));
        h.onEvent('DELETED', ns('b', '13'));
        h.onEvent('ADDED', ns('c', '14'));
        return openUntilAborted(signal);
      },
    ]);
    const { cache, stop } = collect(src);
    await waitFor('the watch events applied', () => names(cache).join() === 'a,c');
    assert.equal(cache.get('a')?.metadata?.resourceVersion, '12');
    assert.deepEqual(src.calls, ['list(paged)', 'watch@10'], 'no relist per event');
    stop();
  });

  it('relists on 410 Gone and replaces the cache wholesale', async () => {
    const src = new ScriptedSource(
      [() => Promise.resolve(ok({ items: [ns('a', '1'), ns('old', '2')], resourceVersion: '5' })), () => Promise.resolve(ok({ items: [ns('a', '1'), ns('new', '40')], resourceVersion: '41' }))],
      [
        (h) => {
          h.onEvent('ERROR', { kind: 'Status', code: 410, message: 'too old resource version' } as unknown as V1Namespace);
          return Promise.resolve(undefined);
        },
      ],
    );
    const { events, cache, stop } = collect(src);
    await waitFor('the relist and the new watch', () => src.calls.length >= 4);
    assert.deepEqual(src.calls, ['list(paged)', 'watch@5', 'list', 'watch@41'], 'a relist is not shown page by page');
    assert.deepEqual(names(cache), ['a', 'new']);
    assert.deepEqual(events.filter((e) => e.type === 'synced').map((e) => e.type === 'synced' && e.relist), [false, true]);
    stop();
  });

  it('after a dropped watch, reports the error, backs off, and resumes from the last resourceVersion seen (bookmarks count)', async () => {
    const src = new ScriptedSource([() => Promise.resolve(ok({ items: [], resourceVersion: '1' }))], [
      (h) => {
        h.onEvent('ADDED', ns('a', '2'));
        h.onEvent('BOOKMARK', { metadata: { resourceVersion: '7' } });
        return Promise.resolve(unreachable);
      },
      () => Promise.resolve(unreachable),
      (h, signal) => {
        h.onConnected?.();
        h.onEvent('ADDED', ns('b', '8'));
        return openUntilAborted(signal);
      },
    ]);
    const { events, cache, stop } = collect(src);
    await waitFor('the third watch to deliver', () => cache.get('b'));
    assert.deepEqual(src.calls, ['list(paged)', 'watch@1', 'watch@7', 'watch@7']);
    assert.deepEqual(names(cache), ['a', 'b'], 'nothing lost across the reconnect, no relist needed');
    assert.equal(events.filter((e) => e.type === 'error').length, 2);
    assert.ok(events.some((e) => e.type === 'reconnected'));
    assert.deepEqual(cache.status, { state: 'ready' });
    stop();
  });

  it('keeps retrying a failing list with backoff and shows the error until it succeeds', async () => {
    const src = new ScriptedSource([() => Promise.resolve(err(unreachable)), () => Promise.resolve(err(unreachable)), () => Promise.resolve(ok({ items: [ns('x', '1')], resourceVersion: '3' }))], []);
    const { events, cache, stop } = collect(src);
    await cache.whenLoaded();
    assert.equal(cache.status.state, 'error');
    await waitFor('the third list to succeed', () => cache.status.state === 'ready');
    assert.deepEqual(names(cache), ['x']);
    assert.equal(cache.status.state, 'ready');
    assert.deepEqual(events.map((e) => e.type).slice(0, 4), ['error', 'error', 'synced', 'reconnected']);
    stop();
  });

  it('shows the first list page by page: the cache holds each page as it arrives and says it is still loading', async () => {
    let release!: () => void;
    const rest = new Promise<void>((r) => (release = r));
    const src = new ScriptedSource(
      [
        async (onPage) => {
          onPage?.({ items: [ns('a', '1'), ns('b', '1')], loaded: 2, remaining: 2, restarted: false });
          await rest; // the server has not sent the second page yet
          onPage?.({ items: [ns('c', '1'), ns('d', '1')], loaded: 4, remaining: 0, restarted: false });
          return ok({ items: [ns('a', '1'), ns('b', '1'), ns('c', '1'), ns('d', '1')], resourceVersion: '20' });
        },
      ],
      [],
    );
    const { cache, stop } = collect(src);
    await cache.whenReadable();
    assert.deepEqual(names(cache), ['a', 'b'], 'the first page is there before the list is complete');
    assert.deepEqual(cache.status, { state: 'loading', loaded: 2, remaining: 2 });
    let loaded = false;
    void cache.whenLoaded().then(() => (loaded = true));
    await Promise.resolve();
    assert.equal(loaded, false, 'whenLoaded still waits for the whole list');
    release();
    await cache.whenLoaded();
    assert.deepEqual(names(cache), ['a', 'b', 'c', 'd']);
    assert.deepEqual(cache.status, { state: 'ready' });
    await waitFor('the watch from the list\'s resourceVersion', () => src.calls.includes('watch@20'));
    stop();
  });

  it('a first list that fails half-way and is retried replaces the pages it had shown', async () => {
    const src = new ScriptedSource(
      [
        (onPage) => {
          onPage?.({ items: [ns('stale', '1'), ns('a', '1')], loaded: 2, remaining: 5, restarted: false });
          return Promise.resolve(err(unreachable));
        },
        (onPage) => {
          onPage?.({ items: [ns('a', '2')], loaded: 1, remaining: 1, restarted: false });
          onPage?.({ items: [ns('b', '2')], loaded: 2, remaining: 0, restarted: false });
          return Promise.resolve(ok({ items: [ns('a', '2'), ns('b', '2')], resourceVersion: '30' }));
        },
      ],
      [],
    );
    const { events, cache, stop } = collect(src);
    await waitFor('the second attempt to complete', () => cache.status.state === 'ready');
    assert.deepEqual(names(cache), ['a', 'b'], 'nothing of the failed attempt is left over');
    const pages = events.filter((e) => e.type === 'page');
    assert.deepEqual(pages.map((p) => p.type === 'page' && p.restarted), [false, true, false], 'the retry\'s first page starts over');
    assert.equal(cache.get('a')?.metadata?.resourceVersion, '2');
    stop();
  });

  it('coalesces a burst of events into one change notification', async () => {
    const cache = new ObjectCache<V1Namespace>({ coalesceMs: 20 });
    let fired = 0;
    cache.onDidChange(() => fired++);
    cache.apply({ type: 'synced', items: [], resourceVersion: '1', relist: false });
    for (let i = 0; i < 500; i++) cache.apply({ type: 'changed', kind: 'ADDED', object: ns(`n${i}`, String(i + 2)) });
    await waitFor('the change notification', () => fired > 0);
    assert.equal(fired, 1, 'one notification for the burst (a notification per event would all be due by now)');
    assert.equal(cache.size, 500);
  });
});
