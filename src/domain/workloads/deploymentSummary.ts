// What a deployment row says at a glance: counts, images, revision, and one state (healthy /
// progressing / degraded / paused / scaled to zero) with the reason an engineer checks first. Pure.
import type { V1Deployment } from '@kubernetes/client-node';
import { ANN_CHANGE_CAUSE, revisionOf, selectorString, timeMs } from './objectMeta';
import type { PodSummary } from './podSummary';
import { rolloutProgress } from './rolloutStatus';

export type DeploymentState = 'healthy' | 'progressing' | 'degraded' | 'paused' | 'scaledToZero';

export interface DeploymentSummary {
  name: string;
  namespace: string;
  uid: string;
  desired: number;
  /** Pods of all revisions (status.replicas). */
  current: number;
  ready: number;
  updated: number;
  available: number;
  containers: { name: string; image: string }[];
  revision?: number;
  changeCause?: string;
  createdMs?: number;
  selector: string;
  paused: boolean;
  state: DeploymentState;
  /** A few words for the row: "CrashLoopBackOff", "ProgressDeadlineExceeded", "2 of 3 available". */
  reason?: string;
  /** The sentence behind it: a condition message, or the first troubled pod's message. */
  detail?: string;
  conditions: { type: string; status: string; reason?: string; message?: string }[];
  /** Pods that are not fine (undefined when this deployment's pods are not being watched). */
  troubledPods?: PodSummary[];
  podCount?: number;
}

/**
 * `pods` are the deployment's pods when they are being watched; without them the state comes from the
 * deployment's status alone (conditions and counts), which is all `kubectl get deploy` knows too.
 */
export function summarizeDeployment(d: V1Deployment, pods?: readonly PodSummary[]): DeploymentSummary {
  const meta = d.metadata ?? {};
  const s = d.status ?? {};
  const desired = d.spec?.replicas ?? 1;
  const troubled = pods?.filter((p) => p.severity === 'error' || p.severity === 'pending');
  const base: DeploymentSummary = {
    name: meta.name ?? '',
    namespace: meta.namespace ?? '',
    uid: meta.uid ?? '',
    desired,
    current: s.replicas ?? 0,
    ready: s.readyReplicas ?? 0,
    updated: s.updatedReplicas ?? 0,
    available: s.availableReplicas ?? 0,
    containers: (d.spec?.template?.spec?.containers ?? []).map((c) => ({ name: c.name, image: c.image ?? '' })),
    revision: revisionOf(d),
    changeCause: meta.annotations?.[ANN_CHANGE_CAUSE],
    createdMs: timeMs(meta.creationTimestamp),
    selector: selectorString(d.spec?.selector),
    paused: !!d.spec?.paused,
    state: 'healthy',
    conditions: (s.conditions ?? []).map((c) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message })),
    troubledPods: troubled,
    podCount: pods?.length,
  };
  return { ...base, ...stateOf(d, base, pods) };
}

function stateOf(d: V1Deployment, b: DeploymentSummary, pods: readonly PodSummary[] | undefined): Pick<DeploymentSummary, 'state' | 'reason' | 'detail'> {
  if (b.paused) return { state: 'paused', reason: 'paused', detail: 'Rollouts are paused: template changes wait until it is resumed.' };
  const progressing = b.conditions.find((c) => c.type === 'Progressing');
  const available = b.conditions.find((c) => c.type === 'Available');
  if (progressing?.reason === 'ProgressDeadlineExceeded') return { state: 'degraded', reason: 'ProgressDeadlineExceeded', detail: progressing.message };
  const failing = pods?.find((p) => p.severity === 'error');
  if (failing) {
    const n = pods?.filter((p) => p.severity === 'error').length ?? 1;
    return { state: 'degraded', reason: failing.status, detail: `${n === 1 ? 'pod' : `${n} pods, e.g.`} ${failing.name}: ${failing.problem?.message || failing.status}` };
  }
  // Scaling up (or replacing a lost pod), Available is False until the new pods are ready although some serve and
  // none fails: with its pods in view that is progress, not an outage (`kubectl rollout status` is still waiting too).
  // No available pod at all, no pod starting, a failing pod or the progress deadline still read as degraded.
  if (b.desired > 0 && available?.status === 'False' && b.available > 0 && pods?.some((p) => p.severity === 'pending')) {
    return { state: 'progressing', reason: `${b.available} of ${b.desired} available`, detail: `${available.message ?? 'Below minimum availability.'} Starting: ${notReadyDetail(pods)}` };
  }
  if (b.desired > 0 && available?.status === 'False') return { state: 'degraded', reason: 'Unavailable', detail: `${available.message ?? 'Deployment does not have minimum availability.'} (${b.available} of ${b.desired} available)` };
  if (b.desired === 0 && b.current === 0) return { state: 'scaledToZero', reason: 'scaled to 0' };
  const rollout = rolloutProgress(d);
  if (rollout.kind === 'waiting') return { state: 'progressing', reason: 'rolling out', detail: rollout.message };
  if (b.ready < b.desired) return { state: 'progressing', reason: `${b.ready} of ${b.desired} ready`, detail: notReadyDetail(pods) };
  return { state: 'healthy' };
}

function notReadyDetail(pods: readonly PodSummary[] | undefined): string | undefined {
  const p = pods?.find((x) => x.severity === 'pending');
  return p ? `${p.name}: ${p.problem?.message || p.status}` : undefined;
}
