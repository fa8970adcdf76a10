// The Kubernetes reads and writes of a canary rollout on one cluster: Deployments, Services and
// Ingresses by name (404 as "absent", not an error), create, patch (merge or JSON, with the object's
// resourceVersion when a write must not clobber another), delete, and the canaries listed and watched
// across namespaces by their marker label. Plain JSON over KubeHttp; errors as KubeError values.
import type { V1Deployment, V1Ingress, V1Pod, V1Service } from '@kubernetes/client-node';
import { err, ok, type Result } from '../../core/result';
import type { KubeClient } from './kubeClient';
import type { KubeError } from './kubeErrors';
import { type KubeHttp, PatchType } from './kubeHttp';
import type { ListWatchSource } from './listWatch';

export type RolloutResource = 'deployments' | 'services' | 'ingresses';
export type RolloutObject<R extends RolloutResource> = R extends 'deployments' ? V1Deployment : R extends 'services' ? V1Service : V1Ingress;

const GROUP: Record<RolloutResource, string> = { deployments: '/apis/apps/v1', services: '/api/v1', ingresses: '/apis/networking.k8s.io/v1' };

function path(resource: RolloutResource, namespace?: string, name?: string, sub?: string): string {
  let p = GROUP[resource];
  if (namespace !== undefined) p += `/namespaces/${encodeURIComponent(namespace)}`;
  p += `/${resource}`;
  if (name !== undefined) p += `/${encodeURIComponent(name)}`;
  if (sub) p += `/${sub}`;
  return p;
}

export interface CustomResource {
  group: string;
  version: string;
  plural: string;
}

function customPath(gvr: CustomResource, namespace?: string, name?: string, sub?: string): string {
  let p = `/apis/${gvr.group}/${gvr.version}`;
  if (namespace !== undefined) p += `/namespaces/${encodeURIComponent(namespace)}`;
  p += `/${gvr.plural}`;
  if (name !== undefined) p += `/${encodeURIComponent(name)}`;
  if (sub) p += `/${sub}`;
  return p;
}

interface ListBody<T> {
  items?: T[];
  metadata?: { resourceVersion?: string };
}

export class RolloutsClient {
  constructor(
    readonly context: string,
    private readonly http: KubeHttp,
    private readonly kube: KubeClient,
  ) {}

  /** The object, or undefined when it does not exist. */
  async get<R extends RolloutResource>(resource: R, namespace: string, name: string, signal?: AbortSignal): Promise<Result<RolloutObject<R> | undefined, KubeError>> {
    const r = await this.http.json<RolloutObject<R>>({ path: path(resource, namespace, name) }, signal);
    if (!r.ok && r.error.kind === 'notFound') return ok(undefined);
    return r;
  }

  async list<R extends RolloutResource>(resource: R, namespace: string | undefined, labelSelector?: string, signal?: AbortSignal): Promise<Result<RolloutObject<R>[], KubeError>> {
    const r = await this.http.json<ListBody<RolloutObject<R>>>({ path: path(resource, namespace), query: labelSelector ? { labelSelector } : {} }, signal);
    return r.ok ? ok(r.value.items ?? []) : r;
  }

  async listPods(namespace: string, labelSelector: string, signal?: AbortSignal): Promise<Result<V1Pod[], KubeError>> {
    const r = await this.http.json<ListBody<V1Pod>>({ path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`, query: { labelSelector } }, signal);
    return r.ok ? ok(r.value.items ?? []) : r;
  }

  /** GET through the API server's service proxy (`services/{name}:{port}/proxy{path}`): the application's own status and body. */
  serviceProxyGet(namespace: string, service: string, port: number | string, path: string, signal?: AbortSignal): Promise<Result<{ status: number; body: string }, KubeError>> {
    return this.http.text({ path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/services/${encodeURIComponent(service)}:${encodeURIComponent(String(port))}/proxy${path}` }, signal);
  }

  create<R extends RolloutResource>(resource: R, namespace: string, body: RolloutObject<R>, signal?: AbortSignal): Promise<Result<RolloutObject<R>, KubeError>> {
    return this.http.json<RolloutObject<R>>({ method: 'POST', path: path(resource, namespace), body }, signal);
  }

  /** A merge patch (set `metadata.resourceVersion` in it to make it conditional) or a JSON patch. */
  patch<R extends RolloutResource>(resource: R, namespace: string, name: string, patch: unknown, type: 'merge' | 'json' = 'merge', signal?: AbortSignal, subresource?: 'scale'): Promise<Result<RolloutObject<R>, KubeError>> {
    return this.http.json<RolloutObject<R>>({ method: 'PATCH', path: path(resource, namespace, name, subresource), body: patch, contentType: PatchType[type] }, signal);
  }

  /** Deletes it; an object already gone is fine. */
  async delete(resource: RolloutResource, namespace: string, name: string, signal?: AbortSignal): Promise<Result<void, KubeError>> {
    const r = await this.http.json<unknown>({ method: 'DELETE', path: path(resource, namespace, name), body: { propagationPolicy: 'Background' } }, signal);
    if (r.ok || r.error.kind === 'notFound') return ok(undefined);
    return err(r.error);
  }

  /** Custom resources (Flagger's Canary, Argo's Rollout): a 404 means the CRD is not installed → undefined. */
  async listCustom<T>(gvr: CustomResource, namespace: string | undefined, signal?: AbortSignal): Promise<Result<T[] | undefined, KubeError>> {
    const r = await this.http.json<ListBody<T>>({ path: customPath(gvr, namespace) }, signal);
    if (!r.ok) return r.error.kind === 'notFound' ? ok(undefined) : r;
    return ok(r.value.items ?? []);
  }

  async getCustom<T>(gvr: CustomResource, namespace: string, name: string, signal?: AbortSignal): Promise<Result<T | undefined, KubeError>> {
    const r = await this.http.json<T>({ path: customPath(gvr, namespace, name) }, signal);
    if (!r.ok && r.error.kind === 'notFound') return ok(undefined);
    return r;
  }

  /** A merge patch of the object or of its status subresource. */
  patchCustom(gvr: CustomResource, namespace: string, name: string, patch: unknown, subresource?: 'status', signal?: AbortSignal): Promise<Result<unknown, KubeError>> {
    return this.http.json<unknown>({ method: 'PATCH', path: customPath(gvr, namespace, name, subresource), body: patch, contentType: PatchType.merge }, signal);
  }

  /** Deployments carrying `labelSelector` in every namespace, listed then watched (the cockpit's canaries). */
  deploymentsSource(labelSelector: string): ListWatchSource<V1Deployment> {
    const p = path('deployments');
    return {
      list: async (signal) => {
        const r = await this.http.json<ListBody<V1Deployment>>({ path: p, query: { labelSelector } }, signal);
        return r.ok ? ok({ items: r.value.items ?? [], resourceVersion: r.value.metadata?.resourceVersion ?? '' }) : r;
      },
      watch: (resourceVersion, handlers, signal) => this.kube.watch<V1Deployment>(p, { labelSelector, resourceVersion, allowWatchBookmarks: true, timeoutSeconds: 290 }, handlers, signal),
    };
  }
}
