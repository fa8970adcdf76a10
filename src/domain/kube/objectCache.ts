// A cache of Kubernetes objects kept equal to the server by list-watch events, with one
// coalesced change notification per burst of events (a tree refresh per burst, not per event).
import { Emitter, type Event } from '../../core/event';
import type { Disposable } from '../../core/disposable';
import type { KubeError } from '../../clients/kubernetes/kubeErrors';
import type { KubeObjectLike, ListWatchEvent } from '../../clients/kubernetes/listWatch';

export type CacheStatus =
  | { state: 'loading' }
  | { state: 'ready'; reconnecting?: { error: KubeError; retryInMs: number } }
  | { state: 'error'; error: KubeError; retryInMs: number };

export interface ObjectCacheOptions {
  /** Events arriving within this window produce one change notification. */
  coalesceMs?: number;
}

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
  private readonly coalesceMs: number;

  /** Fires at most once per coalescing window after the cache or its status changed. */
  readonly onDidChange: Event<void> = this.changed.event;

  constructor(opts: ObjectCacheOptions = {}) {
    this.coalesceMs = opts.coalesceMs ?? 100;
    this.firstResult = new Promise((r) => (this.resolveFirst = r));
  }

  get status(): CacheStatus {
    return this.currentStatus;
  }

  /** Resolves after the first list succeeded or failed. */
  whenLoaded(): Promise<void> {
    return this.firstResult;
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

  /** Applies one list-watch event. Watch events are applied in place: no relist per event. */
  apply(e: ListWatchEvent<T>): void {
    switch (e.type) {
      case 'synced':
        this.objects.clear();
        for (const o of e.items) this.objects.set(objectKey(o), o);
        this.currentStatus = { state: 'ready' };
        this.resolveFirst();
        break;
      case 'changed':
        if (e.kind === 'DELETED') this.objects.delete(objectKey(e.object));
        else this.objects.set(objectKey(e.object), e.object);
        break;
      case 'error':
        // Keep showing what we had (marked as reconnecting) rather than blanking the tree.
        this.currentStatus =
          this.currentStatus.state === 'ready' ? { state: 'ready', reconnecting: { error: e.error, retryInMs: e.retryInMs } } : { state: 'error', error: e.error, retryInMs: e.retryInMs };
        this.resolveFirst();
        break;
      case 'reconnected':
        if (this.currentStatus.state === 'ready') this.currentStatus = { state: 'ready' };
        break;
    }
    this.schedule();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.changed.dispose();
    this.resolveFirst();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.changed.fire();
    }, this.coalesceMs);
  }
}
