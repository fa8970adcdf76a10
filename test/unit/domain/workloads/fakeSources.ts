// A scripted cluster for the workload store and model: lists what it holds, lets a test push watch
// events, answers a namespace with an error, and records open watches (to check they are closed).
import type { V1Deployment, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import type { WatchEventType, WatchHandlers } from '../../../../src/clients/kubernetes/kubeClient';
import type { KubeError } from '../../../../src/clients/kubernetes/kubeErrors';
import type { KubeObjectLike, ListWatchSource } from '../../../../src/clients/kubernetes/listWatch';
import { err, ok } from '../../../../src/core/result';
import type { WorkloadSources, WorkloadStore } from '../../../../src/domain/workloads/workloadStore';

const keyOf = (x: KubeObjectLike) => `${x.metadata?.namespace}/${x.metadata?.name}`;

export class FakeResource<T extends KubeObjectLike> {
  /** By namespace/name, so an event costs the fake O(1) (the model's cost per event is measured). */
  private readonly byKey = new Map<string, T>();
  private rv = 100;
  readonly open = new Set<WatchHandlers<T>>();
  lists = 0;
  failWith: KubeError | undefined;

  get items(): T[] {
    return [...this.byKey.values()];
  }

  set items(items: T[]) {
    this.byKey.clear();
    for (const o of items) this.byKey.set(keyOf(o), o);
  }

  source(filter: (o: T) => boolean): ListWatchSource<T> {
    return {
      list: () => {
        this.lists++;
        if (this.failWith) return Promise.resolve(err(this.failWith));
        return Promise.resolve(ok({ items: this.items.filter(filter).map((o) => structuredClone(o)), resourceVersion: String(this.rv) }));
      },
      watch: (_rv, handlers, signal) => {
        const h: WatchHandlers<T> = { onEvent: (type, o) => filter(o) && handlers.onEvent(type, o) };
        this.open.add(h);
        return new Promise((resolve) =>
          signal.addEventListener('abort', () => {
            this.open.delete(h);
            resolve(undefined);
          }),
        );
      },
    };
  }

  emit(type: WatchEventType, o: T): void {
    const copy = structuredClone(o);
    copy.metadata = { ...copy.metadata, resourceVersion: String(++this.rv) };
    if (type === 'DELETED') this.byKey.delete(keyOf(o));
    else this.byKey.set(keyOf(o), copy);
    for (const h of this.open) h.onEvent(type, copy);
  }
}

export class FakeCluster implements WorkloadSources {
  readonly deploymentsRes = new FakeResource<V1Deployment>();
  readonly replicaSetsRes = new FakeResource<V1ReplicaSet>();
  readonly podsRes = new FakeResource<V1Pod>();

  deployments(namespace: string | undefined): ListWatchSource<V1Deployment> {
    return this.deploymentsRes.source((o) => namespace === undefined || o.metadata?.namespace === namespace);
  }
  replicaSets(namespace: string): ListWatchSource<V1ReplicaSet> {
    return this.replicaSetsRes.source((o) => o.metadata?.namespace === namespace);
  }
  pods(namespace: string): ListWatchSource<V1Pod> {
    return this.podsRes.source((o) => o.metadata?.namespace === namespace);
  }

  get openWatches(): number {
    return this.deploymentsRes.open.size + this.replicaSetsRes.open.size + this.podsRes.open.size;
  }
}

/**
 * Counts the coalesced bursts a store delivers, so a test waits for "the model has handled N bursts"
 * instead of sleeping past the coalescing window. Subscribe right after the store exists (before any
 * await): the model subscribed when it made the store, so it has handled each burst before these counts move.
 */
export function burstCounter(store: WorkloadStore | undefined): { deployments: number; details: number } {
  if (!store) throw new Error('the model has no store yet: call roots() first');
  const counts = { deployments: 0, details: 0 };
  store.deployments.onDidChangeBatch(() => counts.deployments++);
  store.onDidChangeDetails(() => counts.details++);
  return counts;
}
