// List once (in pages), then watch from that resourceVersion; reconnect with backoff; relist on 410 Gone.
// Emits what a cache needs to stay equal to the server: the first list's pages as they arrive, a full
// `synced` snapshot after every (re)list and one `changed` per watch event. Knows nothing about what the objects are.
import { delay } from '../../core/abort';
import { Backoff } from '../../core/backoff';
import { type Disposable, toDisposable } from '../../core/disposable';
import type { Result } from '../../core/result';
import type { WatchEventType, WatchHandlers } from './kubeClient';
import type { ListResult, PageProgress } from './pagedList';
import type { KubeError } from './kubeErrors';

export interface KubeObjectLike {
  metadata?: { name?: string; namespace?: string; uid?: string; resourceVersion?: string };
}

export interface ListWatchSource<T> {
  /** The whole list (in pages: `onPage` sees each as it arrives). */
  list(signal: AbortSignal, onPage?: (page: PageProgress<T>) => void): Promise<Result<ListResult<T>, KubeError>>;
  watch(resourceVersion: string, handlers: WatchHandlers<T>, signal: AbortSignal): Promise<KubeError | undefined>;
}

export type ListWatchEvent<T> =
  /** A page of the first list, before it is complete (a relist is not shown page by page: the last state stays until it is done). */
  | ({ type: 'page' } & PageProgress<T>)
  | { type: 'synced'; items: T[]; resourceVersion: string; relist: boolean }
  | { type: 'changed'; kind: 'ADDED' | 'MODIFIED' | 'DELETED'; object: T }
  | { type: 'error'; error: KubeError; retryInMs: number }
  | { type: 'reconnected' };

export interface ListWatchOptions {
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Abort a watch that has been silent this long (no event, no bookmark) and reconnect. */
  idleTimeoutMs?: number;
}

interface StatusObject {
  kind?: string;
  code?: number;
  message?: string;
}

/** Starts the loop; dispose() stops it and closes the open watch. */
export function startListWatch<T extends KubeObjectLike>(
  source: ListWatchSource<T>,
  listener: (e: ListWatchEvent<T>) => void,
  opts: ListWatchOptions = {},
): Disposable {
  const stop = new AbortController();
  void runLoop(source, listener, opts, stop.signal);
  return toDisposable(() => stop.abort());
}

async function runLoop<T extends KubeObjectLike>(
  source: ListWatchSource<T>,
  emit: (e: ListWatchEvent<T>) => void,
  opts: ListWatchOptions,
  stop: AbortSignal,
): Promise<void> {
  const backoff = new Backoff({ initialMs: opts.initialBackoffMs ?? 500, maxMs: opts.maxBackoffMs ?? 30_000 });
  const idleTimeoutMs = opts.idleTimeoutMs ?? 5 * 60_000;
  let rv: string | undefined;
  let listedOnce = false;
  let pagesShown = false;
  let failing = false;

  const fail = async (error: KubeError) => {
    failing = true;
    const retryInMs = backoff.next();
    emit({ type: 'error', error, retryInMs });
    await delay(retryInMs, stop).catch(() => undefined);
  };

  while (!stop.aborted) {
    if (rv === undefined) {
      // The first list shows its pages as they come; after a failed attempt, the next one's first page replaces them.
      let firstOfAttempt = true;
      const onPage = (page: PageProgress<T>) => {
        if (stop.aborted) return;
        emit({ type: 'page', ...page, restarted: page.restarted || (firstOfAttempt && pagesShown) });
        firstOfAttempt = false;
        pagesShown = true;
      };
      const listed = await source.list(stop, listedOnce ? undefined : onPage);
      if (stop.aborted) return;
      if (!listed.ok) {
        await fail(listed.error);
        continue;
      }
      rv = listed.value.resourceVersion;
      emit({ type: 'synced', items: listed.value.items, resourceVersion: rv, relist: listedOnce });
      if (failing) emit({ type: 'reconnected' });
      listedOnce = true;
      failing = false;
      backoff.reset();
    }

    const attempt = new AbortController();
    const onStop = () => attempt.abort();
    stop.addEventListener('abort', onStop, { once: true });
    let gone = false;
    let sawEvent = false;
    let idle = setTimeout(() => attempt.abort(), idleTimeoutMs);
    const started = Date.now();
    const end = await source.watch(
      rv,
      {
        onConnected: () => {
          if (failing) {
            failing = false;
            backoff.reset();
            emit({ type: 'reconnected' });
          }
        },
        onEvent: (type: WatchEventType, object: T) => {
          clearTimeout(idle);
          idle = setTimeout(() => attempt.abort(), idleTimeoutMs);
          sawEvent = true;
          if (type === 'ERROR') {
            const status = object as unknown as StatusObject;
            if (status.code === 410) gone = true;
            attempt.abort();
            return;
          }
          const next = object.metadata?.resourceVersion;
          if (next) rv = next;
          if (type !== 'BOOKMARK') emit({ type: 'changed', kind: type, object });
        },
      },
      attempt.signal,
    );
    clearTimeout(idle);
    stop.removeEventListener('abort', onStop);
    if (stop.aborted) return;

    if (gone || end?.kind === 'gone') {
      rv = undefined; // too old: relist (the next `synced` replaces the cache wholesale)
      continue;
    }
    if (end) {
      await fail(end);
      continue;
    }
    // A normal close (server timeout, or idle abort). A connection that closes at once over and
    // over is a failing server, not a healthy one: back off instead of spinning.
    if (!sawEvent && Date.now() - started < 1000) {
      await delay(backoff.next(), stop).catch(() => undefined);
    }
  }
}
