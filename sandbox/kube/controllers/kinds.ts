// Typed views of the objects the controllers read and write (apps/v1 Deployment and ReplicaSet, v1 Pod), and their well-known keys.
import type { KubeObject, OwnerReference } from '../store/types';

export const ANN_REVISION = 'deployment.kubernetes.io/revision';
export const ANN_REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const ANN_DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const ANN_MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const ANN_CHANGE_CAUSE = 'kubernetes.io/change-cause';
export const LABEL_POD_TEMPLATE_HASH = 'pod-template-hash';

/** Deployment annotations the real controller never copies onto its ReplicaSets (deployment/util annotationsToSkip). */
export const ANNOTATIONS_NOT_COPIED: ReadonlySet<string> = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  ANN_REVISION,
  ANN_REVISION_HISTORY,
  ANN_DESIRED_REPLICAS,
  ANN_MAX_REPLICAS,
  'deprecated.deployment.rollback.to',
]);

export type IntOrString = number | string;
export type ConditionStatus = 'True' | 'False' | 'Unknown';

export type Condition = {
  type: string;
  status: ConditionStatus;
  reason?: string;
  message?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  lastProbeTime?: string | null;
};

export type LabelSelector = {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
};

export type ContainerSpec = {
  name: string;
  image?: string;
  [key: string]: unknown;
};

export type PodSpec = {
  containers?: ContainerSpec[];
  nodeName?: string;
  terminationGracePeriodSeconds?: number;
  [key: string]: unknown;
};

export type PodTemplateSpec = {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; [key: string]: unknown };
  spec?: PodSpec;
};

export type DeploymentSpec = {
  replicas?: number;
  selector?: LabelSelector;
  template?: PodTemplateSpec;
  strategy?: { type?: string; rollingUpdate?: { maxSurge?: IntOrString; maxUnavailable?: IntOrString } };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  paused?: boolean;
  progressDeadlineSeconds?: number;
};

export type DeploymentStatus = {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: Condition[];
  collisionCount?: number;
};

export type ReplicaSetSpec = {
  replicas?: number;
  minReadySeconds?: number;
  selector?: LabelSelector;
  template?: PodTemplateSpec;
};

export type ReplicaSetStatus = {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
};

export type ContainerStateRunning = { startedAt?: string };
export type ContainerStateWaiting = { reason?: string; message?: string };
export type ContainerStateTerminated = {
  exitCode: number;
  reason?: string;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  containerID?: string;
  signal?: number;
};
export type ContainerState = { running?: ContainerStateRunning; waiting?: ContainerStateWaiting; terminated?: ContainerStateTerminated };

export type ContainerStatus = {
  name: string;
  image: string;
  imageID: string;
  containerID?: string;
  ready: boolean;
  started?: boolean;
  restartCount: number;
  state: ContainerState;
  lastState: ContainerState;
};

export type PodStatus = {
  phase?: string;
  conditions?: Condition[];
  hostIP?: string;
  hostIPs?: { ip: string }[];
  podIP?: string;
  podIPs?: { ip: string }[];
  startTime?: string;
  containerStatuses?: ContainerStatus[];
  qosClass?: string;
};

export type Deployment = KubeObject & { spec: DeploymentSpec; status?: DeploymentStatus };
export type ReplicaSet = KubeObject & { spec: ReplicaSetSpec; status?: ReplicaSetStatus };
export type Pod = KubeObject & { spec: PodSpec; status?: PodStatus };

export function asDeployment(o: KubeObject): Deployment {
  if (!o.spec) o.spec = {};
  return o as Deployment;
}

export function asReplicaSet(o: KubeObject): ReplicaSet {
  if (!o.spec) o.spec = {};
  return o as ReplicaSet;
}

export function asPod(o: KubeObject): Pod {
  if (!o.spec) o.spec = {};
  return o as Pod;
}

/** The controlling owner reference (`controller: true`), as the real controllers pick it. */
export function controllerOf(o: KubeObject): OwnerReference | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller === true);
}

export function controllerRefTo(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function keyOf(o: KubeObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

export function specReplicas(o: { spec?: { replicas?: number } }): number {
  return o.spec?.replicas ?? 1;
}

export function revisionOf(o: KubeObject): number {
  const v = Number(o.metadata.annotations?.[ANN_REVISION]);
  return Number.isFinite(v) ? v : 0;
}

export function containersOf(pod: { spec?: PodSpec }): ContainerSpec[] {
  return pod.spec?.containers ?? [];
}

export function findCondition(conditions: Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

/** Ready=True and not being deleted. */
export function isPodReady(pod: Pod): boolean {
  return !pod.metadata.deletionTimestamp && findCondition(pod.status?.conditions, 'Ready')?.status === 'True';
}

/** Counted by its ReplicaSet: not being deleted and not finished (the real controller's FilterActivePods). */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return !pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
}

/** Ready for at least minReadySeconds (the real podutil.IsPodAvailable). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = Date.parse(findCondition(pod.status?.conditions, 'Ready')?.lastTransitionTime ?? '');
  return Number.isFinite(since) && since + minReadySeconds * 1000 <= now;
}
