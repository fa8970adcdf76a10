// What a drain of one node does to each pod bound to it, decided as `kubectl drain --ignore-daemonsets
// --delete-emptydir-data` decides it: DaemonSet pods and mirror (static) pods stay — their controller would put them
// straight back — pods already being deleted need nothing, and a pod no controller would recreate is kept (kubectl
// refuses it without --force) rather than destroyed for good. Everything else is evicted through the Eviction API.
import type { V1Pod } from '@kubernetes/client-node';

export interface DrainPodRef {
  namespace: string;
  name: string;
  /** What recreates it elsewhere ("ReplicaSet platform-api-7d9"), for the confirmation. */
  owner?: string;
  /** Data lost with the pod (emptyDir volumes). */
  emptyDir?: string[];
}

export interface SkippedPod {
  pod: DrainPodRef;
  why: string;
}

export interface DrainPlan {
  node: string;
  evict: DrainPodRef[];
  skip: SkippedPod[];
}

/** kubelet's annotation on the API mirror of a static pod. */
export const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

export function planDrain(node: string, pods: readonly V1Pod[]): DrainPlan {
  const plan: DrainPlan = { node, evict: [], skip: [] };
  for (const p of pods) {
    // A pod of another node is never this drain's business (a stale list, a caller's mistake).
    if (p.spec?.nodeName !== node) continue;
    const controller = p.metadata?.ownerReferences?.find((r) => r.controller);
    const ref: DrainPodRef = { namespace: p.metadata?.namespace ?? '', name: p.metadata?.name ?? '' };
    if (controller) ref.owner = `${controller.kind} ${controller.name}`;
    // Stryker disable next-line OptionalChaining: equivalent — a pod without a spec has no nodeName and was skipped above.
    const emptyDir = (p.spec?.volumes ?? []).filter((v) => v.emptyDir).map((v) => v.name);
    if (emptyDir.length) ref.emptyDir = emptyDir;
    const phase = p.status?.phase;
    const finished = phase === 'Succeeded' || phase === 'Failed';
    if (p.metadata?.annotations?.[MIRROR_ANNOTATION] !== undefined) plan.skip.push({ pod: ref, why: 'mirror pod of a static pod (the kubelet owns it)' });
    else if (controller?.kind === 'DaemonSet') plan.skip.push({ pod: ref, why: `DaemonSet-managed (${controller.name} would recreate it here)` });
    else if (p.metadata?.deletionTimestamp) plan.skip.push({ pod: ref, why: 'already being deleted' });
    else if (!controller && !finished) plan.skip.push({ pod: ref, why: 'no controller would recreate it (kubectl drain needs --force; delete it yourself if you mean to)' });
    else plan.evict.push(ref);
  }
  const byName = (a: { namespace: string; name: string }, b: { namespace: string; name: string }) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`);
  plan.evict.sort(byName);
  plan.skip.sort((a, b) => byName(a.pod, b.pod));
  return plan;
}

export const podKey = (p: { namespace: string; name: string }) => `${p.namespace}/${p.name}`;

/** The confirmation's text: what is cordoned, every pod evicted (with data lost), every pod skipped and why. */
export function planText(plan: DrainPlan, max = 12): string {
  const lines: string[] = [`Drain node ${plan.node}: cordon it, then evict ${plan.evict.length} pod${plan.evict.length === 1 ? '' : 's'} (PodDisruptionBudgets are honoured: a refused eviction is retried).`];
  const list = <T>(items: readonly T[], line: (t: T) => string) => {
    for (const t of items.slice(0, max)) lines.push(line(t));
    if (items.length > max) lines.push(`  … and ${items.length - max} more`);
  };
  if (plan.evict.length) {
    lines.push('Evicted:');
    list(plan.evict, (p) => `  ${podKey(p)}${p.owner ? ` (${p.owner})` : ''}${p.emptyDir ? ` — emptyDir data lost: ${p.emptyDir.join(', ')}` : ''}`);
  }
  if (plan.skip.length) {
    lines.push('Skipped:');
    list(plan.skip, (s) => `  ${podKey(s.pod)} — ${s.why}`);
  }
  // The guard asks the question with this text: it ends on the question, not on the last pod.
  lines.push('Drain it now');
  return lines.join('\n');
}
