// Nodes (list, the pods bound to one) and cordon/uncordon: a merge patch of spec.unschedulable, what `kubectl cordon`
// sends (kubectl builds a strategic patch with the same single field).
import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { ok, type Result } from '../../core/result';
import type { KubeError } from './kubeErrors';
import { PatchType, type KubeHttp } from './kubeHttp';
import { listPaged } from './pagedList';

export class NodesClient {
  constructor(
    private readonly http: KubeHttp,
    private readonly pageSize: number,
  ) {}

  async nodes(signal?: AbortSignal): Promise<Result<V1Node[], KubeError>> {
    const r = await listPaged<V1Node>(this.http, '/api/v1/nodes', {}, { signal, pageSize: this.pageSize });
    return r.ok ? ok(r.value.items) : r;
  }

  /** Pods bound to the node, across namespaces (kubectl describe node's non-terminated pods). */
  async podsOn(node: string, signal?: AbortSignal): Promise<Result<V1Pod[], KubeError>> {
    const fieldSelector = `spec.nodeName=${node},status.phase!=Succeeded,status.phase!=Failed`;
    const r = await listPaged<V1Pod>(this.http, '/api/v1/pods', { fieldSelector }, { signal, pageSize: this.pageSize });
    return r.ok ? ok(r.value.items) : r;
  }

  /** Every non-terminated pod bound to a node, across namespaces: the Nodes view groups them by spec.nodeName. */
  async podsOnAnyNode(signal?: AbortSignal): Promise<Result<V1Pod[], KubeError>> {
    const fieldSelector = 'spec.nodeName!=,status.phase!=Succeeded,status.phase!=Failed';
    const r = await listPaged<V1Pod>(this.http, '/api/v1/pods', { fieldSelector }, { signal, pageSize: this.pageSize });
    return r.ok ? ok(r.value.items) : r;
  }

  /**
   * Evicts a pod through the policy/v1 Eviction subresource (what kubectl drain posts): the server deletes it unless its
   * PodDisruptionBudget has no disruption left, then answers 429 with the budget named in details.causes.
   */
  async evict(namespace: string, name: string, signal?: AbortSignal): Promise<Result<void, KubeError>> {
    const body = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace } };
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}/eviction`;
    const r = await this.http.json<unknown>({ method: 'POST', path, body }, signal);
    return r.ok ? ok(undefined) : r;
  }

  /** Cordon (true) or uncordon (false); answers the node as the server left it. */
  setUnschedulable(node: string, unschedulable: boolean, signal?: AbortSignal): Promise<Result<V1Node, KubeError>> {
    // kubectl uncordon removes the field; null in a merge patch does the same.
    const body = { spec: { unschedulable: unschedulable ? true : null } };
    return this.http.json<V1Node>({ method: 'PATCH', path: `/api/v1/nodes/${encodeURIComponent(node)}`, body, contentType: PatchType.merge }, signal);
  }
}
