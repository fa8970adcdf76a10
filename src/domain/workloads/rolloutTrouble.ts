// What stops a rollout before its progress deadline says so: a pod of the new revision that is crash-looping, cannot
// pull or parse its image, or cannot be configured. Those do not fix themselves; an engineer wants to know at once
// (which pods, why, how the last instance ended) and to be offered Roll Back. Pure.
import type { V1Deployment, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import { controllerOf } from './objectMeta';
import { findNewReplicaSet, ownedReplicaSets } from './revisionHistory';

/** Waiting reasons of a new pod's container that mean the rollout will not finish by itself. */
const STOPPING_REASONS = new Set(['CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'ErrImageNeverPull', 'CreateContainerConfigError', 'CreateContainerError', 'RunContainerError']);

export interface PodTrouble {
  pod: string;
  container: string;
  /** The kubelet's waiting reason (CrashLoopBackOff, ImagePullBackOff, InvalidImageName …). */
  reason: string;
  /** The kubelet's waiting message ("back-off 20s restarting failed container…", "couldn't parse image name…"). */
  message?: string;
  /** How the previous instance ended: exit code, reason and the termination message it left. */
  lastTermination?: { exitCode: number; reason?: string; message?: string };
  init: boolean;
}

/** The troubles of the pods of the deployment's new ReplicaSet (the one running its current template), pods in name order. */
export function rolloutTrouble(deployment: V1Deployment, replicaSets: Iterable<V1ReplicaSet>, pods: Iterable<V1Pod>): PodTrouble[] {
  const newRs = findNewReplicaSet(deployment, ownedReplicaSets(deployment, replicaSets));
  const uid = newRs?.metadata?.uid;
  if (!uid) return [];
  const out: PodTrouble[] = [];
  for (const p of pods) {
    if (controllerOf(p)?.uid !== uid || p.metadata?.deletionTimestamp) continue;
    const statuses = [...(p.status?.initContainerStatuses ?? []).map((s) => ({ s, init: true })), ...(p.status?.containerStatuses ?? []).map((s) => ({ s, init: false }))];
    for (const { s, init } of statuses) {
      const reason = s.state?.waiting?.reason;
      if (!reason || !STOPPING_REASONS.has(reason)) continue;
      const last = s.lastState?.terminated;
      out.push({
        pod: p.metadata?.name ?? '',
        container: s.name,
        reason,
        ...(s.state?.waiting?.message ? { message: s.state.waiting.message } : {}),
        ...(last ? { lastTermination: { exitCode: last.exitCode, ...(last.reason ? { reason: last.reason } : {}), ...(last.message ? { message: last.message } : {}) } } : {}),
        init,
      });
      break; // one line per pod: its first stuck container
    }
  }
  return out.sort((a, b) => a.pod.localeCompare(b.pod));
}

/** A key that changes when what is wrong changes (not when a back-off timer ticks). */
export function troubleKey(troubles: readonly PodTrouble[]): string {
  return troubles.map((t) => `${t.pod}/${t.container}/${t.reason}`).join('|');
}

/**
 * One line for a notification: "1 new pod is failing: api-7d9f-x2x4q CrashLoopBackOff (last exit 1, Error: startup failed: …)".
 * Names at most `maxPods` pods; the rest are counted.
 */
export function describeTrouble(troubles: readonly PodTrouble[], maxPods = 2): string {
  if (!troubles.length) return '';
  const pods = new Set(troubles.map((t) => t.pod));
  const head = `${pods.size} new pod${pods.size === 1 ? ' is' : 's are'} failing: `;
  const shown = troubles.slice(0, maxPods).map(describeOne);
  const more = troubles.length > maxPods ? `; ${troubles.length - maxPods} more` : '';
  return head + shown.join('; ') + more;
}

function describeOne(t: PodTrouble): string {
  const where = `${t.pod}${t.init ? ` (init container ${t.container})` : ''}`;
  const last = t.lastTermination;
  if (last) {
    const how = [last.reason, last.message].filter(Boolean).join(': ');
    return `${where} ${t.reason} (last exit ${last.exitCode}${how ? `, ${oneLine(how)}` : ''})`;
  }
  return `${where} ${t.reason}${t.message ? ` (${oneLine(t.message)})` : ''}`;
}

/** Termination messages can be many lines (a stack trace): keep the first, bounded. */
function oneLine(text: string, max = 160): string {
  const first = text.trim().split('\n')[0] ?? '';
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}
