// Writes v1 Events like client-go's recorder: repeated events are counted on one object, and the oldest are dropped past a bound.
import { type ObjectStore, StoreError } from '../store/objectStore';
import type { KubeObject } from '../store/types';
import type { SimClock } from './simTime';
import { isoSeconds } from './simTime';

export type EventType = 'Normal' | 'Warning';

export interface EventSource {
  component: string;
  host?: string;
}

export interface EventRecorderOptions {
  /** Events kept in the store; older ones are deleted (the real API server expires them after an hour). */
  maxEvents?: number;
}

export class EventRecorder {
  /** aggregation key → event name/namespace, oldest first (Map keeps insertion order; re-recorded keys move to the end) */
  private readonly live = new Map<string, { namespace: string; name: string }>();
  private readonly maxEvents: number;
  private seq = 0;

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: SimClock,
    opts: EventRecorderOptions = {},
  ) {
    this.maxEvents = opts.maxEvents ?? 2000;
  }

  record(involved: KubeObject, type: EventType, reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const namespace = involved.metadata.namespace ?? 'default';
    const uid = involved.metadata.uid ?? '';
    const key = `${uid}|${fieldPath ?? ''}|${type}|${reason}|${message}|${source.component}`;
    const now = isoSeconds(this.clock.nowMs());
    const existing = this.live.get(key);
    if (existing) {
      const current = this.store.get('events', existing.namespace, existing.name);
      if (current) {
        const next = structuredClone(current);
        next.count = (typeof current.count === 'number' ? current.count : 1) + 1;
        next.lastTimestamp = now;
        this.write(() => this.store.update('events', next));
        this.live.delete(key);
        this.live.set(key, existing);
        return;
      }
      this.live.delete(key);
    }
    // Real event names are "<object>.<hex nanoseconds>"; a counter keeps same-millisecond names apart.
    const name = `${involved.metadata.name}.${(BigInt(this.clock.nowMs()) * 1_000_000n + BigInt(this.seq++ % 1_000_000)).toString(16)}`;
    const involvedObject: Record<string, string> = {
      apiVersion: involved.apiVersion,
      kind: involved.kind,
      name: involved.metadata.name,
      namespace,
      uid,
    };
    if (involved.metadata.resourceVersion) involvedObject.resourceVersion = involved.metadata.resourceVersion;
    if (fieldPath) involvedObject.fieldPath = fieldPath;
    const ev: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject,
      reason,
      message,
      source: source.host ? { component: source.component, host: source.host } : { component: source.component },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    };
    if (this.write(() => this.store.create('events', ev))) {
      this.live.set(key, { namespace, name });
      this.trim();
    }
  }

  /** How many events this recorder keeps alive (for tests and leak checks). */
  get size(): number {
    return this.live.size;
  }

  private trim(): void {
    while (this.live.size > this.maxEvents) {
      const [key, ref] = this.live.entries().next().value as [string, { namespace: string; name: string }];
      this.live.delete(key);
      this.write(() => this.store.delete('events', ref.namespace, ref.name));
    }
  }

  /** Events are best effort, as in a real cluster: a vanished namespace or object just drops one. */
  private write(fn: () => unknown): boolean {
    try {
      fn();
      return true;
    } catch (err) {
      if (err instanceof StoreError) return false;
      throw err;
    }
  }
}
