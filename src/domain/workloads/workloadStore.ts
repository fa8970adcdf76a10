// Live deployments of one context (one namespace or all), and — per namespace someone looks into —
// their ReplicaSets and pods: each a list-watch into an ObjectCache indexed by owner, so finding a
// deployment's pods or a pod's deployment costs O(its pods), never O(cluster).
import type { V1Deployment, V1ObjectMeta, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import type { Disposable } from '../../core/disposable';
import { Emitter, type Event } from '../../core/event';
import { type ListWatchSource, startListWatch } from '../../clients/kubernetes/listWatch';
import { type CacheBatch, ObjectCache } from '../kube/objectCache';
import { controllerOf } from './objectMeta';

export interface WorkloadSources {
  /** Deployments of one namespace, or of all when namespace is undefined. */
  deployments(namespace: string | undefined): ListWatchSource<V1Deployment>;
  replicaSets(namespace: string): ListWatchSource<V1ReplicaSet>;
  pods(namespace: string): ListWatchSource<V1Pod>;
}

export interface WorkloadStoreOptions {
  coalesceMs?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

/** The ReplicaSets and pods of one namespace. */
export interface NamespaceDetails {
  readonly namespace: string;
  readonly replicaSets: ObjectCache<V1ReplicaSet>;
  readonly pods: ObjectCache<V1Pod>;
}

export interface DetailsChange {
  namespace: string;
  replicaSets?: CacheBatch<V1ReplicaSet>;
  pods?: CacheBatch<V1Pod>;
}

export const INDEX = { namespace: 'namespace', uid: 'uid', owner: 'owner' } as const;

const byNamespace = (o: { metadata?: { namespace?: string } }): string[] => [o.metadata?.namespace ?? ''];
const byUid = (o: { metadata?: { uid?: string } }): string[] => (o.metadata?.uid ? [o.metadata.uid] : []);
const byOwner = (o: { metadata?: V1ObjectMeta }): string[] => {
  const uid = controllerOf(o)?.uid;
  return uid ? [uid] : [];
};

interface DetailsEntry extends NamespaceDetails {
  stop: Disposable[];
}

export class WorkloadStore implements Disposable {
  readonly deployments: ObjectCache<V1Deployment>;
  private readonly stopDeployments: Disposable;
  private readonly details = new Map<string, DetailsEntry>();
  private readonly detailsChanged = new Emitter<DetailsChange>();
  private disposed = false;

  /** A burst of ReplicaSet or pod events in one namespace. */
  readonly onDidChangeDetails: Event<DetailsChange> = this.detailsChanged.event;

  constructor(
    private readonly sources: WorkloadSources,
    /** undefined = all namespaces */
    readonly namespace: string | undefined,
    private readonly opts: WorkloadStoreOptions = {},
  ) {
    this.deployments = new ObjectCache<V1Deployment>({ coalesceMs: opts.coalesceMs });
    this.deployments.addIndex(INDEX.namespace, byNamespace);
    this.deployments.addIndex(INDEX.uid, byUid);
    this.stopDeployments = startListWatch(sources.deployments(namespace), (e) => this.deployments.apply(e), this.backoff());
  }

  /** Starts watching a namespace's ReplicaSets and pods (idempotent). */
  watchDetails(namespace: string): NamespaceDetails {
    const existing = this.details.get(namespace);
    if (existing || this.disposed) return existing ?? this.emptyDetails(namespace);
    const replicaSets = new ObjectCache<V1ReplicaSet>({ coalesceMs: this.opts.coalesceMs });
    replicaSets.addIndex(INDEX.owner, byOwner);
    replicaSets.addIndex(INDEX.uid, byUid);
    const pods = new ObjectCache<V1Pod>({ coalesceMs: this.opts.coalesceMs });
    pods.addIndex(INDEX.owner, byOwner);
    const entry: DetailsEntry = {
      namespace,
      replicaSets,
      pods,
      stop: [
        replicaSets.onDidChangeBatch((b) => this.detailsChanged.fire({ namespace, replicaSets: b })),
        pods.onDidChangeBatch((b) => this.detailsChanged.fire({ namespace, pods: b })),
        startListWatch(this.sources.replicaSets(namespace), (e) => replicaSets.apply(e), this.backoff()),
        startListWatch(this.sources.pods(namespace), (e) => pods.apply(e), this.backoff()),
        replicaSets,
        pods,
      ],
    };
    this.details.set(namespace, entry);
    return entry;
  }

  detailsOf(namespace: string): NamespaceDetails | undefined {
    return this.details.get(namespace);
  }

  /** Stops a namespace's ReplicaSet and pod watches (collapsed out of sight). */
  releaseDetails(namespace: string): void {
    const d = this.details.get(namespace);
    if (!d) return;
    this.details.delete(namespace);
    for (const s of d.stop) s.dispose();
  }

  get watchedNamespaces(): string[] {
    return [...this.details.keys()];
  }

  deploymentsIn(namespace: string): V1Deployment[] {
    return this.deployments.byIndex(INDEX.namespace, namespace);
  }

  deploymentByUid(uid: string): V1Deployment | undefined {
    return this.deployments.byIndex(INDEX.uid, uid)[0];
  }

  /** The ReplicaSets the deployment controls (undefined while its namespace's details are not watched or not loaded). */
  replicaSetsOf(d: V1Deployment): V1ReplicaSet[] | undefined {
    const details = this.details.get(d.metadata?.namespace ?? '');
    if (!details || details.replicaSets.status.state !== 'ready') return undefined;
    return details.replicaSets.byIndex(INDEX.owner, d.metadata?.uid ?? '');
  }

  /** The deployment's pods through its ReplicaSets (undefined while not watched or not loaded). */
  podsOf(d: V1Deployment): V1Pod[] | undefined {
    const details = this.details.get(d.metadata?.namespace ?? '');
    const rss = this.replicaSetsOf(d);
    if (!details || !rss || details.pods.status.state !== 'ready') return undefined;
    return rss.flatMap((rs) => details.pods.byIndex(INDEX.owner, rs.metadata?.uid ?? ''));
  }

  /** The deployment that (through its ReplicaSet) owns a pod or a ReplicaSet, by owner uid. */
  deploymentOwning(namespace: string, ownerUid: string | undefined, kind: 'pod' | 'replicaSet'): V1Deployment | undefined {
    if (!ownerUid) return undefined;
    if (kind === 'replicaSet') return this.deploymentByUid(ownerUid);
    const rs = this.details.get(namespace)?.replicaSets.byIndex(INDEX.uid, ownerUid)[0];
    return rs ? this.deploymentByUid(controllerOf(rs)?.uid ?? '') : undefined;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stopDeployments.dispose();
    this.deployments.dispose();
    for (const ns of [...this.details.keys()]) this.releaseDetails(ns);
    this.detailsChanged.dispose();
  }

  private emptyDetails(namespace: string): NamespaceDetails {
    return { namespace, replicaSets: new ObjectCache(), pods: new ObjectCache() };
  }

  private backoff() {
    return { initialBackoffMs: this.opts.initialBackoffMs, maxBackoffMs: this.opts.maxBackoffMs };
  }
}
