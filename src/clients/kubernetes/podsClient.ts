// The pod actions' requests (Describe, Delete, Previous Logs), on a WorkloadsClient's plain-JSON HTTP: a pod, its
// events (the field selector kubectl describe sends), a delete bound to the pod's uid, a terminated container's log.
import type { CoreV1Event, V1OwnerReference, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import { err, ok, type Result } from '../../core/result';
import type { KubeError } from './kubeErrors';
import { resourcePath, type ObjectRef, type WorkloadsClient } from './workloadsClient';

/** The most of a previous container's log read (kubectl reads it all; a runaway log must not fill the editor's memory). */
export const PREVIOUS_LOG_LIMIT_BYTES = 8 * 1024 * 1024;

export class PodsClient {
  constructor(private readonly client: WorkloadsClient) {}

  get context(): string {
    return this.client.context;
  }

  getPod(ref: ObjectRef, signal?: AbortSignal): Promise<Result<V1Pod, KubeError>> {
    return this.client.http.json<V1Pod>({ path: resourcePath('pods', ref.namespace, ref.name) }, signal);
  }

  /** The pod's events, as kubectl describe lists them: by involvedObject name, namespace, kind and uid. */
  async events(pod: V1Pod, signal?: AbortSignal): Promise<Result<CoreV1Event[], KubeError>> {
    const m = pod.metadata ?? {};
    const fieldSelector = [`involvedObject.name=${m.name ?? ''}`, `involvedObject.namespace=${m.namespace ?? ''}`, 'involvedObject.kind=Pod', ...(m.uid ? [`involvedObject.uid=${m.uid}`] : [])].join(',');
    const r = await this.client.list<CoreV1Event>('events', m.namespace ?? '', { fieldSelector }, signal);
    return r.ok ? ok(r.value.items) : r;
  }

  /** Pods matching a label selector (Delete Pods… by selector lists what it will delete first). */
  podsBySelector(namespace: string, labelSelector: string, signal?: AbortSignal): Promise<Result<V1Pod[], KubeError>> {
    return this.client.podsOf(namespace, labelSelector, signal);
  }

  /** The owner of a pod's ReplicaSet (its Deployment), for "what recreates it"; undefined when it has none or cannot be read. */
  async ownerOfReplicaSet(namespace: string, name: string, signal?: AbortSignal): Promise<V1OwnerReference | undefined> {
    const r = await this.client.http.json<V1ReplicaSet>({ path: resourcePath('replicasets', namespace, name) }, signal);
    return r.ok ? r.value.metadata?.ownerReferences?.find((o) => o.controller === true) : undefined;
  }

  /**
   * Deletes the pod the user saw: the uid precondition makes the server refuse (409) if a pod of the same name has
   * replaced it since (a StatefulSet's), instead of deleting the new one.
   */
  deletePod(ref: ObjectRef & { uid?: string }, signal?: AbortSignal): Promise<Result<unknown, KubeError>> {
    const body = { kind: 'DeleteOptions', apiVersion: 'v1', ...(ref.uid ? { preconditions: { uid: ref.uid } } : {}) };
    return this.client.http.json<unknown>({ method: 'DELETE', path: resourcePath('pods', ref.namespace, ref.name), body, contentType: 'application/json' }, signal);
  }

  /** `kubectl logs --previous`: the last terminated instance of the container, whole (up to the limit). */
  async previousLog(ref: ObjectRef & { container: string }, signal: AbortSignal): Promise<Result<string, KubeError>> {
    const chunks: Buffer[] = [];
    const end = await this.client.http.stream(
      { path: `${resourcePath('pods', ref.namespace, ref.name)}/log`, query: { container: ref.container, previous: true, limitBytes: PREVIOUS_LOG_LIMIT_BYTES } },
      { onData: (c) => chunks.push(c) },
      signal,
    );
    if (end.kind === 'failed') return err(end.error);
    if (signal.aborted) return err({ kind: 'cancelled', message: 'Cancelled', hint: '' });
    return ok(Buffer.concat(chunks).toString('utf8'));
  }
}
