// A deployment's status and its Available/Progressing conditions, computed as kube-controller-manager does (sync.go, progress.go).
import { type Condition, type ConditionStatus, type Deployment, type DeploymentStatus, type ReplicaSet, findCondition, specReplicas } from './kinds';
import { maxUnavailable, sumSpecReplicas, sumStatus } from './rolloutMath';
import { isoSeconds } from './simTime';

export const REASON = {
  minimumReplicasAvailable: 'MinimumReplicasAvailable',
  minimumReplicasUnavailable: 'MinimumReplicasUnavailable',
  newRSCreated: 'NewReplicaSetCreated',
  foundNewRS: 'FoundNewReplicaSet',
  rsUpdated: 'ReplicaSetUpdated',
  newRSAvailable: 'NewReplicaSetAvailable',
  timedOut: 'ProgressDeadlineExceeded',
  paused: 'DeploymentPaused',
  resumed: 'DeploymentResumed',
} as const;

export function newCondition(type: string, status: ConditionStatus, reason: string, message: string, nowMs: number): Condition {
  const t = isoSeconds(nowMs);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

/** SetDeploymentCondition: no-op for the same status and reason; keeps lastTransitionTime for the same status; moves the condition last. */
export function setDeploymentCondition(status: DeploymentStatus, cond: Condition): void {
  const conditions = status.conditions ?? [];
  const current = conditions.find((c) => c.type === cond.type);
  if (current && current.status === cond.status && current.reason === cond.reason) return;
  const next = { ...cond };
  if (current && current.status === cond.status) next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...conditions.filter((c) => c.type !== cond.type), next];
}

export function removeDeploymentCondition(status: DeploymentStatus, type: string): void {
  if (status.conditions) status.conditions = status.conditions.filter((c) => c.type !== type);
}

export function progressDeadlineSeconds(d: Deployment): number | undefined {
  const v = d.spec.progressDeadlineSeconds ?? 600;
  return v >= 2147483647 ? undefined : v;
}

/** calculateStatus: counts from the ReplicaSets' statuses, Available from minimum availability. */
export function calculateStatus(d: Deployment, allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined, nowMs: number): DeploymentStatus {
  const available = sumStatus(allRSs, 'availableReplicas');
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: sumStatus(allRSs, 'replicas'),
    updatedReplicas: newRS ? (newRS.status?.replicas ?? 0) : 0,
    readyReplicas: sumStatus(allRSs, 'readyReplicas'),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, sumSpecReplicas(allRSs) - available),
    conditions: (d.status?.conditions ?? []).map((c) => ({ ...c })),
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (available >= specReplicas(d) - maxUnavailable(d)) {
    setDeploymentCondition(status, newCondition('Available', 'True', REASON.minimumReplicasAvailable, 'Deployment has minimum availability.', nowMs));
  } else {
    setDeploymentCondition(status, newCondition('Available', 'False', REASON.minimumReplicasUnavailable, 'Deployment does not have minimum availability.', nowMs));
  }
  return status;
}

export function deploymentComplete(d: Deployment, s: DeploymentStatus): boolean {
  const want = specReplicas(d);
  return (s.updatedReplicas ?? 0) === want && (s.replicas ?? 0) === want && (s.availableReplicas ?? 0) === want && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 1);
}

/** Progress is any growth of updated/ready/available replicas or shrinking of old ones since the last status. */
export function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

export function deploymentTimedOut(d: Deployment, s: DeploymentStatus, nowMs: number): boolean {
  const deadline = progressDeadlineSeconds(d);
  const cond = findCondition(s.conditions, 'Progressing');
  if (deadline === undefined || !cond) return false;
  if (cond.reason === REASON.newRSAvailable) return false;
  if (cond.reason === REASON.timedOut) return true;
  const from = Date.parse(cond.lastUpdateTime ?? '');
  return Number.isFinite(from) && from + deadline * 1000 < nowMs;
}

/** syncRolloutStatus's condition logic: complete, progressing, or timed out (mutates `s`). */
export function updateProgressing(d: Deployment, s: DeploymentStatus, newRS: ReplicaSet | undefined, nowMs: number): void {
  if (progressDeadlineSeconds(d) === undefined) {
    removeDeploymentCondition(s, 'Progressing');
    return;
  }
  const current = findCondition(d.status?.conditions, 'Progressing');
  const complete = s.replicas === s.updatedReplicas && current?.reason === REASON.newRSAvailable;
  if (complete) return;
  const who = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
  if (deploymentComplete(d, s)) {
    setDeploymentCondition(s, newCondition('Progressing', 'True', REASON.newRSAvailable, `${who} has successfully progressed.`, nowMs));
  } else if (deploymentProgressing(d, s)) {
    // Progress refreshes lastUpdateTime even with the same reason, which SetDeploymentCondition would skip.
    const cond = newCondition('Progressing', 'True', REASON.rsUpdated, `${who} is progressing.`, nowMs);
    if (current?.status === 'True') cond.lastTransitionTime = current.lastTransitionTime;
    removeDeploymentCondition(s, 'Progressing');
    setDeploymentCondition(s, cond);
  } else if (deploymentTimedOut(d, s, nowMs)) {
    setDeploymentCondition(s, newCondition('Progressing', 'False', REASON.timedOut, `${who} has timed out progressing.`, nowMs));
  }
}

/** checkPausedConditions: DeploymentPaused / DeploymentResumed, never over a timeout. True if changed. */
export function updatePausedCondition(d: Deployment, s: DeploymentStatus, nowMs: number): boolean {
  const cond = findCondition(s.conditions, 'Progressing');
  if (cond?.reason === REASON.timedOut) return false;
  const pausedCond = cond?.reason === REASON.paused;
  if (d.spec.paused && !pausedCond) {
    setDeploymentCondition(s, newCondition('Progressing', 'Unknown', REASON.paused, 'Deployment is paused', nowMs));
    return true;
  }
  if (!d.spec.paused && pausedCond) {
    setDeploymentCondition(s, newCondition('Progressing', 'Unknown', REASON.resumed, 'Deployment is resumed', nowMs));
    return true;
  }
  return false;
}

/** When to look again at a rollout that is not moving, to time it out on schedule (requeueStuckDeployment); ms or undefined. */
export function stuckRecheckAfter(d: Deployment, s: DeploymentStatus, nowMs: number): number | undefined {
  const deadline = progressDeadlineSeconds(d);
  const cond = findCondition(s.conditions, 'Progressing');
  if (deadline === undefined || !cond || d.spec.paused) return undefined;
  if (deploymentComplete(d, s) || cond.reason === REASON.timedOut || cond.reason === REASON.newRSAvailable) return undefined;
  const from = Date.parse(cond.lastUpdateTime ?? '');
  if (!Number.isFinite(from)) return undefined;
  // lastUpdateTime has whole seconds; a little slack makes the recheck land after the deadline.
  return Math.max(0, from + deadline * 1000 - nowMs) + 1100;
}

/** The real API omits zero counts; clients read them as 0. */
export function omitZeroCounts(s: DeploymentStatus): DeploymentStatus {
  const out: DeploymentStatus = { ...s };
  for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas'] as const) {
    if (!out[k]) delete out[k];
  }
  return out;
}
