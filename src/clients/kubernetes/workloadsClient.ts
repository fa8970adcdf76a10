// Deployments, ReplicaSets, pods and events of one cluster: list-watch sources for the stores,
// and the reads and patches the workload commands need. Objects are plain JSON (no typed
// deserialisation): lists of 10,000 deployments stay fast and watch events have the same shape.
import type { CoreV1Event, V1Deployment, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import type { ContextConfig } from './contextConfig';
import type { Result } from '../../core/result';
import { KubeClient } from './kubeClient';
import type { KubeError } from './kubeErrors';
import { KubeHttp, PatchType, type StreamEnd } from './kubeHttp';
import type { KubeObjectLike, ListWatchSource } from './listWatch';
import { DEFAULT_PAGE_SIZE, type ListResult, listPaged, type PageProgress } from './pagedList';

export type WorkloadResource = 'deployments' | 'replicasets' | 'pods' | 'events';

export interface ObjectRef {
  namespace: string;
  name: string;
}

const API: Record<WorkloadResource, string> = {
  deployments: '/apis/apps/v1',
  replicasets: '/apis/apps/v1',
  pods: '/api/v1',
  events: '/api/v1',
};

/** /apis/apps/v1/namespaces/ns/deployments, or /apis/apps/v1/deployments for all namespaces. */
export function resourcePath(resource: WorkloadResource, namespace?: string, name?: string, subresource?: string): string {
  let p = API[resource];
  if (namespace !== undefined) p += `/namespaces/${encodeURIComponent(namespace)}`;
  p += `/${resource}`;
  if (name !== undefined) p += `/${encodeURIComponent(name)}`;
  if (subresource) p += `/${subresource}`;
  return p;
}

export interface Selectors {
  labelSelector?: string;
  fieldSelector?: string;
}

export class WorkloadsClient {
  readonly http: KubeHttp;
  readonly kube: KubeClient;

  constructor(
    readonly context: string,
    config: ContextConfig,
    readonly timeoutMs: number,
    /** Items per page of every list (kubectl's --chunk-size). */
    readonly pageSize = DEFAULT_PAGE_SIZE,
  ) {
    this.http = new KubeHttp(config, timeoutMs);
    this.kube = new KubeClient(context, config, timeoutMs, pageSize);
  }

  /** List once (in pages), then watch from its resourceVersion (bookmarks on, the server closes after ~5 min and listWatch reconnects). */
  source<T extends KubeObjectLike>(resource: WorkloadResource, namespace?: string, selectors: Selectors = {}): ListWatchSource<T> {
    const path = resourcePath(resource, namespace);
    return {
      list: (signal, onPage) => this.list<T>(resource, namespace, selectors, signal, onPage),
      watch: (resourceVersion, handlers, signal) =>
        this.kube.watch<T>(path, { ...definedOnly(selectors), resourceVersion, allowWatchBookmarks: true, timeoutSeconds: 290 + Math.floor(Math.random() * 20) }, handlers, signal),
    };
  }

  /** Every page of a list; `onPage` sees each page as it arrives. */
  list<T>(resource: WorkloadResource, namespace: string | undefined, selectors: Selectors = {}, signal?: AbortSignal, onPage?: (p: PageProgress<T>) => void): Promise<Result<ListResult<T>, KubeError>> {
    return listPaged<T>(this.http, resourcePath(resource, namespace), definedOnly(selectors), { signal, onPage, pageSize: this.pageSize });
  }

  getDeployment(ref: ObjectRef, signal?: AbortSignal): Promise<Result<V1Deployment, KubeError>> {
    return this.http.json<V1Deployment>({ path: resourcePath('deployments', ref.namespace, ref.name) }, signal);
  }

  /** Any namespaced object of these resources, as the API server returns it (for Show YAML). */
  getObject(resource: WorkloadResource, ref: ObjectRef, signal?: AbortSignal): Promise<Result<Record<string, unknown>, KubeError>> {
    return this.http.json<Record<string, unknown>>({ path: resourcePath(resource, ref.namespace, ref.name) }, signal);
  }

  /** The ReplicaSets selected by the deployment's selector (kubectl's rollout history/undo read the same). */
  async replicaSetsOf(d: V1Deployment, signal?: AbortSignal): Promise<Result<V1ReplicaSet[], KubeError>> {
    const r = await this.list<V1ReplicaSet>('replicasets', d.metadata?.namespace ?? '', { labelSelector: matchLabels(d) }, signal);
    return r.ok ? { ok: true, value: r.value.items } : r;
  }

  async podsOf(namespace: string, labelSelector: string, signal?: AbortSignal): Promise<Result<V1Pod[], KubeError>> {
    const r = await this.list<V1Pod>('pods', namespace, { labelSelector }, signal);
    return r.ok ? { ok: true, value: r.value.items } : r;
  }

  async events(namespace: string, signal?: AbortSignal): Promise<Result<CoreV1Event[], KubeError>> {
    const r = await this.list<CoreV1Event>('events', namespace, {}, signal);
    return r.ok ? { ok: true, value: r.value.items } : r;
  }

  /** Follows one container's log with timestamps (for resuming at the last line after a reconnect). */
  followLog(
    req: { namespace: string; pod: string; container: string; sinceTime?: string; sinceSeconds?: number; tailLines?: number },
    handlers: { onOpen?(): void; onData(chunk: Buffer): void },
    signal: AbortSignal,
  ): Promise<StreamEnd> {
    const query = { container: req.container, follow: true, timestamps: true, sinceTime: req.sinceTime, sinceSeconds: req.sinceTime ? undefined : req.sinceSeconds, tailLines: req.sinceTime ? undefined : req.tailLines };
    return this.http.stream({ path: `${resourcePath('pods', req.namespace, req.pod)}/log`, query }, handlers, signal);
  }

  /** PATCH the deployment (json/merge/strategic) or its scale subresource. */
  patchDeployment(ref: ObjectRef, patchType: keyof typeof PatchType, patch: unknown, target: 'deployment' | 'scale' = 'deployment', signal?: AbortSignal): Promise<Result<unknown, KubeError>> {
    return this.http.json<unknown>(
      { method: 'PATCH', path: resourcePath('deployments', ref.namespace, ref.name, target === 'scale' ? 'scale' : undefined), body: patch, contentType: PatchType[patchType] },
      signal,
    );
  }
}

/** The deployment's matchLabels as a label selector string (what kubectl lists ReplicaSets with). */
export function matchLabels(d: V1Deployment): string {
  return Object.entries(d.spec?.selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

function definedOnly(q: Selectors): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.labelSelector) out.labelSelector = q.labelSelector;
  if (q.fieldSelector) out.fieldSelector = q.fieldSelector;
  return out;
}
