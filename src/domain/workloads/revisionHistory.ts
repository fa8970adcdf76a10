// A deployment's revision history from its ReplicaSets, as `kubectl rollout history` reads it:
// ReplicaSets it controls, their deployment.kubernetes.io/revision and kubernetes.io/change-cause,
// and which one runs the deployment's current template (compared ignoring pod-template-hash). Pure.
import type { V1Deployment, V1PodTemplateSpec, V1ReplicaSet } from '@kubernetes/client-node';
import { ANN_CHANGE_CAUSE, LABEL_POD_TEMPLATE_HASH, controllerOf, revisionOf, timeMs } from './objectMeta';

export interface RevisionEntry {
  revision: number;
  replicaSet: string;
  uid: string;
  changeCause?: string;
  containers: { name: string; image: string }[];
  createdMs?: number;
  /** Desired and ready pods of the ReplicaSet now. */
  replicas: number;
  readyReplicas: number;
  /** Runs the deployment's current template. */
  current: boolean;
  template: V1PodTemplateSpec;
}

/** The ReplicaSets the deployment controls (controller owner reference with its uid). */
export function ownedReplicaSets(deployment: V1Deployment, replicaSets: Iterable<V1ReplicaSet>): V1ReplicaSet[] {
  const uid = deployment.metadata?.uid;
  const out: V1ReplicaSet[] = [];
  for (const rs of replicaSets) if (uid && controllerOf(rs)?.uid === uid && !rs.metadata?.deletionTimestamp) out.push(rs);
  return out;
}

/** Revisions newest first. ReplicaSets without a valid revision annotation are left out, as kubectl does. */
export function revisionHistory(deployment: V1Deployment, replicaSets: Iterable<V1ReplicaSet>): RevisionEntry[] {
  const owned = ownedReplicaSets(deployment, replicaSets);
  const current = findNewReplicaSet(deployment, owned);
  const entries: RevisionEntry[] = [];
  for (const rs of owned) {
    const revision = revisionOf(rs);
    if (revision === undefined) continue;
    const template = rs.spec?.template ?? {};
    entries.push({
      revision,
      replicaSet: rs.metadata?.name ?? '',
      uid: rs.metadata?.uid ?? '',
      changeCause: rs.metadata?.annotations?.[ANN_CHANGE_CAUSE],
      containers: (template.spec?.containers ?? []).map((c) => ({ name: c.name, image: c.image ?? '' })),
      createdMs: timeMs(rs.metadata?.creationTimestamp),
      replicas: rs.spec?.replicas ?? 0,
      readyReplicas: rs.status?.readyReplicas ?? 0,
      current: rs === current,
      template,
    });
  }
  return entries.sort((a, b) => b.revision - a.revision);
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template equals the deployment's (ignoring the hash label). */
export function findNewReplicaSet(deployment: V1Deployment, owned: readonly V1ReplicaSet[]): V1ReplicaSet | undefined {
  const want = templateKey(deployment.spec?.template);
  return [...owned]
    .sort((a, b) => (timeMs(a.metadata?.creationTimestamp) ?? 0) - (timeMs(b.metadata?.creationTimestamp) ?? 0) || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''))
    .find((rs) => templateKey(rs.spec?.template) === want);
}

/**
 * Templates equal as the controller's EqualIgnoreHash sees them: the pod-template-hash label removed,
 * and the forms that a typed Go client cannot tell apart made equal (kubectl sends
 * `creationTimestamp: null` and `resources: {}`; JSON may omit empty lists and maps).
 */
export function equalIgnoringHash(a: V1PodTemplateSpec | undefined, b: V1PodTemplateSpec | undefined): boolean {
  return templateKey(a) === templateKey(b);
}

export function templateKey(t: V1PodTemplateSpec | undefined): string {
  const labels = { ...(t?.metadata?.labels ?? {}) };
  delete labels[LABEL_POD_TEMPLATE_HASH];
  return JSON.stringify(canonical({ ...t, metadata: { ...t?.metadata, labels } }));
}

/** Drops null/undefined, empty maps and empty lists; sorts map keys so key order does not matter. */
function canonical(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) {
    const items = v.map(canonical).filter((x) => x !== undefined);
    return items.length ? items : undefined;
  }
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const c = canonical((v as Record<string, unknown>)[k]);
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v === null ? undefined : v;
}
