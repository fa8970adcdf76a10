// A cache of Kubernetes objects kept equal to the server by list-watch events (filled page by page
// while the first list is in flight), with one
// coalesced change notification per burst of events (a tree refresh per burst, not per event),
// the keys that changed in that burst, and optional secondary indexes (e.g. by owner uid).
import { Emitter, type Event } from '../../core/event';
import type { Disposable } from '../../core/disposable';
import type { KubeError } from '../../clients/kubernetes/kubeErrors';
import type { KubeObjectLike, ListWatchEvent } from '../../clients/kubernetes/listWatch';

export type CacheStatus =
  /** The first list is in flight; `loaded` objects of it are already in the cache (pages shown as they come). */
  | { state: 'loading'; loaded?: number; remaining?: number }
  | { state: 'ready'; reconnecting?: { error: KubeError; retryInMs: number; /** The state shown is as of then. */ since: Date } }
  | { state: 'error'; error: KubeError; retryInMs: number };

export interface ObjectCacheOptions {
  /** Events arriving within this window produce one change notification. */
  coalesceMs?: number;
}

/** What changed during one coalescing window. */
export interface CacheBatch<T> {
  /** The cache was replaced by a (re)list: consumers rebuild rather than patch. */
  resynced: boolean;
  /** Keys added or modified (and still present). */
  upserted: ReadonlySet<string>;
  /** Keys deleted, with the last object seen for each. */
  deleted: ReadonlyMap<string, T>;
  statusChanged: boolean;
}

/** Values an object is filed under in an index (e.g. its controller owner's uid); none leaves it out. */
export type IndexFn<T> = (o: T) => readonly string[];

export function objectKey(o: KubeObjectLike): string {
  const m = o.metadata ?? {};
  return m.namespace ? `${m.namespace}/${m.name ?? ''}` : (m.name ?? '');
}

export class ObjectCache<T extends KubeObjectLike> implements Disposable {
  private readonly objects = new Map<string, T>();
  private currentStatus: CacheStatus = { state: 'loading' };
  private readonly changed = new Emitter<void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly firstResult: Promise<void>;
  private resolveFirst!: () => void;
  private readonly firstPage: Promise<void>;
  private resolveFirstPage!: () => void;
  private readonly coalesceMs: number;
  private readonly batches = new Emitter<CacheBatch<T>>();
  private pendingUpserts = new Set<string>();
  private pendingDeletes = new Map<string, T>();
  private pendingResync = false;
  private pendingStatus = false;
  /** The next batch goes out without waiting for the coalescing window. */
  private flushNow = false;
  private readonly indexFns = new Map<string, IndexFn<T>>();
  /** index name → value → keys */
  private readonly indexes = new Map<string, Map<string, Set<string>>>();

  /** Fires at most once per coalescing window after the cache or its status changed. */
  readonly onDidChange: Event<void> = this.changed.event;
  /** Fires with onDidChange, saying which keys changed, so consumers update only what changed. */
  readonly onDidChangeBatch: Event<CacheBatch<T>> = this.batches.event;

  constructor(opts: ObjectCacheOptions = {}) {
    this.coalesceMs = opts.coalesceMs ?? 100;
    this.firstResult = new Promise((r) => (this.resolveFirst = r));
    this.firstPage = new Promise((r) => (this.resolveFirstPage = r));
  }

  get status(): CacheStatus {
    return this.currentStatus;
  }

  /** Resolves after the first list succeeded or failed. */
  whenLoaded(): Promise<void> {
    return this.firstResult;
  }

  /** Resolves as soon as there is something to show: the first page, the whole list, or an error. */
  whenReadable(): Promise<void> {
    return this.firstPage;
  }

  get size(): number {
    return this.objects.size;
  }

  values(): IterableIterator<T> {
    return this.objects.values();
  }

  get(key: string): T | undefined {
    return this.objects.get(key);
  }

  /** Maintains an index from now on (over what the cache already holds, too). */
  addIndex(name: string, fn: IndexFn<T>): void {
    this.indexFns.set(name, fn);
    const index = new Map<string, Set<string>>();
    this.indexes.set(name, index);
    for (const [key, o] of this.objects) for (const v of fn(o)) addTo(index, v, key);
  }

  /** The values index `name` holds objects under (e.g. every namespace that has a deployment). */
  indexValues(name: string): string[] {
    return [...(this.indexes.get(name)?.keys() ?? [])];
  }

  /** How many objects are filed under `value`. */
  countByIndex(name: string, value: string): number {
    return this.indexes.get(name)?.get(value)?.size ?? 0;
  }

  /** Objects filed under `value` in index `name`: O(matches), not O(cache). */
  byIndex(name: string, value: string): T[] {
    const keys = this.indexes.get(name)?.get(value);
    if (!keys) return [];
    const out: T[] = [];
    for (const k of keys) {
      const o = this.objects.get(k);
      if (o) out.push(o);
    }
    return out;
  }

  /** Applies one list-watch event. Watch events are applied in place: no relist per event. */
  apply(e: ListWatchEvent<T>): void {
    switch (e.type) {
      case 'page':
        // The first of several pages is shown at once, not after the coalescing window: it is the first screenful.
        if (this.currentStatus.state === 'loading' && this.currentStatus.loaded === undefined && e.remaining !== 0) this.flushNow = true;
        if (e.restarted) {
          this.objects.clear();
          for (const [name, fn] of this.indexFns) this.addIndex(name, fn);
        }
        for (const o of e.items) {
          const key = objectKey(o);
          const previous = this.objects.get(key);
          if (previous) this.unindex(key, previous);
          this.objects.set(key, o);
          this.index(key, o);
        }
        this.currentStatus = { state: 'loading', loaded: e.loaded, remaining: e.remaining };
        // Consumers rebuild from what is there, as after a list: pages are not events.
        this.pendingResync = true;
        this.pendingUpserts.clear();
        this.pendingDeletes.clear();
        this.resolveFirstPage();
        break;
      case 'synced':
        this.objects.clear();
        for (const o of e.items) this.objects.set(objectKey(o), o);
        for (const [name, fn] of this.indexFns) this.addIndex(name, fn);
        this.currentStatus = { state: 'ready' };
        this.pendingResync = true;
        this.pendingUpserts.clear();
        this.pendingDeletes.clear();
        this.resolveFirst();
        this.resolveFirstPage();
        break;
      case 'changed': {
        const key = objectKey(e.object);
        const previous = this.objects.get(key);
        if (previous) this.unindex(key, previous);
        if (e.kind === 'DELETED') {
          this.objects.delete(key);
          this.pendingUpserts.delete(key);
          this.pendingDeletes.set(key, previous ?? e.object);
        } else {
          this.objects.set(key, e.object);
          this.index(key, e.object);
          this.pendingDeletes.delete(key);
          this.pendingUpserts.add(key);
        }
        break;
      }
      case 'error':
        // Keep showing what we had (marked as reconnecting) rather than blanking the tree.
        this.currentStatus =
          this.currentStatus.state === 'ready'
            ? { state: 'ready', reconnecting: { error: e.error, retryInMs: e.retryInMs, since: this.currentStatus.reconnecting?.since ?? new Date() } }
            : { state: 'error', error: e.error, retryInMs: e.retryInMs };
        this.resolveFirst();
        this.resolveFirstPage();
        this.pendingStatus = true;
        break;
      case 'reconnected':
        if (this.currentStatus.state === 'ready') this.currentStatus = { state: 'ready' };
        this.pendingStatus = true;
        break;
    }
    this.schedule();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.changed.dispose();
    this.batches.dispose();
    this.resolveFirst();
    this.resolveFirstPage();
  }

  private index(key: string, o: T): void {
    for (const [name, fn] of this.indexFns) {
      const index = this.indexes.get(name);
      if (index) for (const v of fn(o)) addTo(index, v, key);
    }
  }

  private unindex(key: string, o: T): void {
    for (const [name, fn] of this.indexFns) {
      const index = this.indexes.get(name);
      if (!index) continue;
      for (const v of fn(o)) {
        const keys = index.get(v);
        keys?.delete(key);
        if (keys?.size === 0) index.delete(v);
      }
    }
  }

  private schedule(): void {
    if (this.flushNow) {
      this.flushNow = false;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.flush(), 0);
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.coalesceMs);
  }

  private flush(): void {
    this.timer = undefined;
    const batch: CacheBatch<T> = { resynced: this.pendingResync, upserted: this.pendingUpserts, deleted: this.pendingDeletes, statusChanged: this.pendingStatus };
    this.pendingResync = false;
    this.pendingStatus = false;
    this.pendingUpserts = new Set();
    this.pendingDeletes = new Map();
    this.changed.fire();
    this.batches.fire(batch);
  }
}

function addTo(index: Map<string, Set<string>>, value: string, key: string): void {
  let keys = index.get(value);
  if (!keys) index.set(value, (keys = new Set()));
  keys.add(key);
}
