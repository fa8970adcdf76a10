// Small builders of Deployment / ReplicaSet / Pod JSON as the API server returns them (plain JSON, string times).
import type { V1Deployment, V1Pod, V1PodTemplateSpec, V1ReplicaSet } from '@kubernetes/client-node';

export function template(image: string, extra: Partial<V1PodTemplateSpec['metadata']> = {}): V1PodTemplateSpec {
  return {
    metadata: { labels: { app: 'api' }, ...extra },
    spec: { containers: [{ name: 'api', image, ports: [{ containerPort: 8080 }] }] },
  };
}

export function deployment(o: { name?: string; namespace?: string; uid?: string; image?: string; replicas?: number; revision?: number; paused?: boolean; status?: V1Deployment['status']; generation?: number; annotations?: Record<string, string> } = {}): V1Deployment {
  const replicas = o.replicas ?? 3;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: o.name ?? 'api',
      namespace: o.namespace ?? 'ns',
      uid: o.uid ?? `uid-${o.name ?? 'api'}`,
      generation: o.generation ?? 1,
      resourceVersion: '1',
      creationTimestamp: '2026-01-01T00:00:00Z' as unknown as Date,
      annotations: { 'deployment.kubernetes.io/revision': String(o.revision ?? 2), ...o.annotations },
    },
    spec: { replicas, selector: { matchLabels: { app: 'api' } }, template: template(o.image ?? 'reg/api:2'), paused: o.paused },
    status: o.status ?? {
      observedGeneration: o.generation ?? 1,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
      conditions: [
        { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
        { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: 'ReplicaSet "api-x" has successfully progressed.' },
      ],
    },
  };
}

export function replicaSet(d: V1Deployment, revision: number, image: string, o: { hash?: string; replicas?: number; created?: string; changeCause?: string; ownerUid?: string } = {}): V1ReplicaSet {
  const hash = o.hash ?? `h${revision}`;
  const t = template(image);
  t.metadata!.labels = { ...t.metadata!.labels, 'pod-template-hash': hash };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata!.name}-${hash}`,
      namespace: d.metadata!.namespace,
      uid: `rs-${d.metadata!.name}-${revision}`,
      creationTimestamp: (o.created ?? `2026-01-0${revision}T00:00:00Z`) as unknown as Date,
      annotations: { 'deployment.kubernetes.io/revision': String(revision), ...(o.changeCause ? { 'kubernetes.io/change-cause': o.changeCause } : {}), 'deployment.kubernetes.io/desired-replicas': '3' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata!.name!, uid: o.ownerUid ?? d.metadata!.uid!, controller: true }],
    },
    spec: { replicas: o.replicas ?? 0, selector: { matchLabels: { app: 'api', 'pod-template-hash': hash } }, template: t },
    status: { replicas: o.replicas ?? 0, readyReplicas: o.replicas ?? 0 },
  };
}

type ContainerState = { running?: object; waiting?: { reason: string; message?: string }; terminated?: { exitCode: number; reason?: string } };

export function pod(rs: V1ReplicaSet, suffix: string, state: ContainerState = { running: { startedAt: '2026-01-01T00:00:00Z' } }, o: { ready?: boolean; restarts?: number; deleting?: boolean; phase?: string } = {}): V1Pod {
  const ready = o.ready ?? !!state.running;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${rs.metadata!.name}-${suffix}`,
      namespace: rs.metadata!.namespace,
      uid: `pod-${rs.metadata!.name}-${suffix}`,
      creationTimestamp: '2026-01-01T00:00:00Z' as unknown as Date,
      labels: rs.spec!.template!.metadata!.labels,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata!.name!, uid: rs.metadata!.uid!, controller: true }],
      ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:01:00Z' as unknown as Date } : {}),
    },
    spec: { nodeName: 'node-1', containers: [{ name: 'api', image: rs.spec!.template!.spec!.containers[0].image }] },
    status: {
      phase: o.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      containerStatuses: [{ name: 'api', image: '', imageID: '', ready, restartCount: o.restarts ?? 0, state: state as never, containerID: 'containerd://abc' }],
    },
  };
}
