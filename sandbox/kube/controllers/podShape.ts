// Pod objects and pod status pieces shaped like a real kubelet's (used by the ReplicaSet controller, the pod lifecycle and the seed).
import { createHash } from 'node:crypto';
import type { KubeObject } from '../store/types';
import { imageID } from './imageBehaviour';
import {
  type Condition,
  type ConditionStatus,
  type ContainerSpec,
  type ContainerState,
  type ContainerStatus,
  type Pod,
  type ReplicaSet,
  containersOf,
  controllerRefTo,
} from './kinds';
import type { SimNode } from './nodePool';

/** A new pod of a ReplicaSet, as its controller posts it (the API server then fills uid, name, timestamps). */
export function podForReplicaSet(rs: ReplicaSet): KubeObject {
  const template = structuredClone(rs.spec.template ?? {});
  const spec = { ...(template.spec ?? {}) };
  spec.containers = (spec.containers ?? []).map((c) => ({
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
    resources: {},
    ...c,
  }));
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: '',
      generateName: `${rs.metadata.name}-`,
      namespace: rs.metadata.namespace ?? 'default',
      labels: { ...(template.metadata?.labels ?? {}) },
      ownerReferences: [controllerRefTo(rs)],
    },
    spec: {
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      serviceAccountName: 'default',
      serviceAccount: 'default',
      securityContext: {},
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      ...spec,
    },
    status: { phase: 'Pending', qosClass: qosClass(spec.containers) },
  };
  if (template.metadata?.annotations) pod.metadata.annotations = { ...template.metadata.annotations };
  return pod;
}

/** Guaranteed when every container's requests equal its limits, BestEffort with none, else Burstable. */
export function qosClass(containers: readonly ContainerSpec[] | undefined): string {
  let any = false;
  let guaranteed = true;
  for (const c of containers ?? []) {
    const res = (c.resources ?? {}) as { requests?: Record<string, string>; limits?: Record<string, string> };
    const req = res.requests ?? {};
    const lim = res.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) if (!lim[r] || (req[r] !== undefined && req[r] !== lim[r])) guaranteed = false;
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** containerd://<64 hex>, stable per pod (namespace/name: known before the API server assigns a uid), container and attempt. */
export function containerIdFor(pod: KubeObject, container: string, attempt: number): string {
  const key = `${pod.metadata.namespace ?? ''}/${pod.metadata.name}/${container}/${attempt}`;
  return `containerd://${createHash('sha256').update(key).digest('hex')}`;
}

export function containerStatus(c: ContainerSpec, restartCount: number, state: ContainerState, lastState: ContainerState = {}, extra: Partial<ContainerStatus> = {}): ContainerStatus {
  const image = c.image ?? '';
  const s: ContainerStatus = {
    name: c.name,
    image,
    imageID: state.running || state.terminated || lastState.terminated ? imageID(image) : '',
    ready: false,
    started: !!state.running,
    restartCount,
    state,
    lastState,
    ...extra,
  };
  return s;
}

/** Sets a condition, keeping lastTransitionTime when its status does not change (as the kubelet does). */
export function setCondition(conditions: Condition[], type: string, status: ConditionStatus, now: string, reason?: string, message?: string): void {
  const i = conditions.findIndex((c) => c.type === type);
  const existing = conditions[i];
  const next: Condition = { type, status, lastProbeTime: null, lastTransitionTime: existing && existing.status === status ? existing.lastTransitionTime : now };
  if (reason) next.reason = reason;
  if (message) next.message = message;
  if (i >= 0) conditions[i] = next;
  else conditions.push(next);
}

const CONDITION_ORDER = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];

/** Recomputes phase, Ready and ContainersReady from the container statuses (mutates `pod.status`). */
export function refreshReadiness(pod: Pod, now: string): void {
  const status = (pod.status ??= {});
  const statuses = status.containerStatuses ?? [];
  const conditions = (status.conditions ??= []);
  const unready = containersOf(pod)
    .map((c) => c.name)
    .filter((n) => !statuses.find((s) => s.name === n)?.ready);
  const terminal = terminalPhase(pod);
  if (terminal) {
    // A finished pod is never ready again; the kubelet says why with PodCompleted.
    setCondition(conditions, 'Ready', 'False', now, 'PodCompleted');
    setCondition(conditions, 'ContainersReady', 'False', now, 'PodCompleted');
    conditions.sort((a, b) => CONDITION_ORDER.indexOf(a.type) - CONDITION_ORDER.indexOf(b.type));
    status.phase = terminal;
    return;
  }
  if (unready.length) {
    const message = `containers with unready status: [${unready.join(' ')}]`;
    setCondition(conditions, 'Ready', 'False', now, 'ContainersNotReady', message);
    setCondition(conditions, 'ContainersReady', 'False', now, 'ContainersNotReady', message);
  } else {
    setCondition(conditions, 'Ready', 'True', now);
    setCondition(conditions, 'ContainersReady', 'True', now);
  }
  conditions.sort((a, b) => CONDITION_ORDER.indexOf(a.type) - CONDITION_ORDER.indexOf(b.type));
  // Running once every container has started at least once (a crash-looping one is "restarting").
  const allStarted = statuses.length > 0 && statuses.every((s) => s.state.running || s.state.terminated || s.lastState.terminated);
  status.phase = allStarted ? 'Running' : 'Pending';
}

/** The pod's restartPolicy as the API server defaults it (Always). */
export function restartPolicyOf(pod: Pod): 'Always' | 'OnFailure' | 'Never' {
  const p = pod.spec.restartPolicy;
  return p === 'Never' || p === 'OnFailure' ? p : 'Always';
}

/**
 * Succeeded or Failed once every container has terminated for good (the kubelet's getPhase): all exited 0 →
 * Succeeded; with restartPolicy Never, any non-zero exit → Failed. With OnFailure a failed container restarts, and
 * with Always every container restarts, so neither pod ends.
 */
export function terminalPhase(pod: Pod): 'Succeeded' | 'Failed' | undefined {
  const policy = restartPolicyOf(pod);
  if (policy === 'Always') return undefined;
  const statuses = pod.status?.containerStatuses ?? [];
  const containers = containersOf(pod);
  if (!containers.length) return undefined;
  const exits = containers.map((c) => statuses.find((s) => s.name === c.name)?.state.terminated?.exitCode);
  if (exits.some((x) => x === undefined)) return undefined;
  if (exits.every((x) => x === 0)) return 'Succeeded';
  return policy === 'Never' ? 'Failed' : undefined;
}

/** The status of a pod just bound to a node: sandbox up, containers being created. */
export function scheduledStatus(pod: Pod, node: SimNode, podIP: string, now: string): void {
  const status = (pod.status ??= {});
  const conditions = (status.conditions ??= []);
  setCondition(conditions, 'PodReadyToStartContainers', 'True', now);
  setCondition(conditions, 'Initialized', 'True', now);
  setCondition(conditions, 'PodScheduled', 'True', now);
  status.hostIP = node.hostIP;
  status.hostIPs = [{ ip: node.hostIP }];
  status.podIP = podIP;
  status.podIPs = [{ ip: podIP }];
  status.startTime = now;
  status.containerStatuses = containersOf(pod).map((c) => containerStatus(c, 0, { waiting: { reason: 'ContainerCreating' } }));
  refreshReadiness(pod, now);
}

/** A pod that has been running and ready for a while (what the seed writes directly). */
export function runningReadyStatus(pod: Pod, node: SimNode, podIP: string, times: { scheduled: string; started: string; ready: string }): void {
  scheduledStatus(pod, node, podIP, times.scheduled);
  const status = pod.status ?? {};
  status.containerStatuses = containersOf(pod).map((c) =>
    containerStatus(c, 0, { running: { startedAt: times.started } }, {}, { ready: true, started: true, containerID: containerIdFor(pod, c.name, 0) }),
  );
  refreshReadiness(pod, times.ready);
}
