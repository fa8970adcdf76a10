// What each rollout command sends, decided before anything is sent: the patch, or why nothing is sent
// (already in that state, paused, bad input). Undo is `kubectl rollout undo [--to-revision]` exactly. Pure.
import type { V1Deployment, V1PodTemplateSpec, V1ReplicaSet } from '@kubernetes/client-node';
import { imageReferenceProblem } from './imageReference';
import { ANN_CHANGE_CAUSE, ANN_RESTARTED_AT, LABEL_POD_TEMPLATE_HASH, revisionOf } from './objectMeta';
import { equalIgnoringHash, ownedReplicaSets } from './revisionHistory';

export type JsonPatchOp = { op: 'replace' | 'add' | 'remove'; path: string; value?: unknown };

/** A change to send: to the deployment itself or its scale subresource, with the patch type the server must be told. */
export interface PatchPlan {
  kind: 'patch';
  target: 'deployment' | 'scale';
  patchType: 'json' | 'merge' | 'strategic';
  patch: unknown;
  /** For the audit log and the notification: "image platform-api → …:1.9.0". */
  summary: string;
  /** It takes a service down or replaces what runs (scale to 0, roll back): asked even off protected contexts, as the same runbook step is. */
  destructive?: boolean;
}

/** Nothing to send: the deployment is already so (reported, not applied). */
export interface SkippedPlan {
  kind: 'skipped';
  message: string;
}

/** Not allowed as things are (paused, no such revision, bad input): the message says why and what to do. */
export interface RefusedPlan {
  kind: 'refused';
  message: string;
}

export type RolloutPlan = PatchPlan | SkippedPlan | RefusedPlan;

export type UndoPlan = (PatchPlan & { toRevision: number; replicaSet: string }) | SkippedPlan | RefusedPlan;

/**
 * Who made a revision, at the head of its change-cause. A change that makes a new revision (set image, restart) writes
 * the deployment's kubernetes.io/change-cause in the same patch: the controller copies the deployment's annotations onto
 * the new ReplicaSet, so without it the new revision would carry the previous change's text.
 */
export const CAUSE_BY = 'Phoenix Ops:';

/** kubectl's annotationsToSkip: kept from the deployment, never copied from the ReplicaSet. */
const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

/**
 * `kubectl rollout undo [--to-revision=N]` (DeploymentRollbacker.Rollback): find the revision (0 = the
 * one before the newest), refuse a paused deployment, skip when the template already matches, else a
 * JSON patch replacing /spec/template (hash label removed) and /metadata/annotations.
 */
export function planUndo(deployment: V1Deployment, replicaSets: Iterable<V1ReplicaSet>, toRevision = 0): UndoPlan {
  const name = deployment.metadata?.name ?? '';
  if (!Number.isInteger(toRevision) || toRevision < 0) return { kind: 'refused', message: `unable to find specified revision ${toRevision} in history` };
  const found = revisionReplicaSet(ownedReplicaSets(deployment, replicaSets), toRevision);
  if (!found) {
    return { kind: 'refused', message: toRevision > 0 ? `unable to find specified revision ${toRevision} in history` : `no rollout history found for deployment "${name}"` };
  }
  const revision = revisionOf(found) ?? toRevision;
  if (deployment.spec?.paused) return { kind: 'refused', message: "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again" };
  if (equalIgnoringHash(found.spec?.template, deployment.spec?.template)) {
    return { kind: 'skipped', message: `skipped rollback (current template already matches revision ${revision})` };
  }
  const template: V1PodTemplateSpec = structuredClone(found.spec?.template ?? {});
  if (template.metadata?.labels) delete template.metadata.labels[LABEL_POD_TEMPLATE_HASH];
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(deployment.metadata?.annotations ?? {})) if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(found.metadata?.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  return {
    kind: 'patch',
    target: 'deployment',
    patchType: 'json',
    patch: [
      { op: 'replace', path: '/spec/template', value: template },
      { op: 'replace', path: '/metadata/annotations', value: annotations },
    ] satisfies JsonPatchOp[],
    toRevision: revision,
    replicaSet: found.metadata?.name ?? '',
    summary: `roll back to revision ${revision} (${imagesOf(template).join(', ')})`,
    destructive: true,
  };
}

/** deploymentRevision: revision N, or (N = 0) the second-newest revision. */
function revisionReplicaSet(owned: readonly V1ReplicaSet[], toRevision: number): V1ReplicaSet | undefined {
  let latest: { rev: number; rs: V1ReplicaSet } | undefined;
  let previous: { rev: number; rs: V1ReplicaSet } | undefined;
  for (const rs of owned) {
    const rev = revisionOf(rs);
    if (rev === undefined) continue;
    if (toRevision > 0) {
      if (rev === toRevision) return rs;
      continue;
    }
    if (!latest || latest.rev < rev) {
      previous = latest;
      latest = { rev, rs };
    } else if (!previous || previous.rev < rev) {
      previous = { rev, rs };
    }
  }
  // Stryker disable next-line ConditionalExpression: equivalent — with a revision asked for, the loop never sets `previous`.
  return toRevision > 0 ? undefined : previous?.rs;
}

/** `kubectl rollout restart`: a restartedAt annotation on the pod template; refused while paused. */
export function planRestart(deployment: V1Deployment, now: Date): RolloutPlan {
  if (deployment.spec?.paused) return { kind: 'refused', message: "can't restart a paused deployment: resume it first" };
  // Stryker disable next-line Regex: equivalent — toISOString() always ends in the milliseconds and Z, so the anchor never matters.
  const at = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    kind: 'patch',
    target: 'deployment',
    patchType: 'strategic',
    patch: { metadata: { annotations: { [ANN_CHANGE_CAUSE]: `${CAUSE_BY} rollout restart (restartedAt ${at})` } }, spec: { template: { metadata: { annotations: { [ANN_RESTARTED_AT]: at } } } } },
    summary: `restart (restartedAt ${at})`,
  };
}

/** The most replicas Scale… sets in one go. */
export const MAX_SCALE = 10_000;

/** `kubectl scale --replicas=N`: a merge patch of the scale subresource. */
export function planScale(deployment: V1Deployment, input: string | number): RolloutPlan {
  const text = String(input).trim();
  if (!/^\d+$/.test(text)) return { kind: 'refused', message: `"${text}" is not a replica count: enter a whole number, 0 or more.` };
  const replicas = Number(text);
  // A guard against a typo (an extra digit), not a cluster limit: say so, with the numbers readable.
  if (replicas > MAX_SCALE) {
    return { kind: 'refused', message: `${replicas.toLocaleString('en-US')} replicas is more than the ${MAX_SCALE.toLocaleString('en-US')} this command scales to (a guard against a mistyped digit); use kubectl scale for more.` };
  }
  const current = deployment.spec?.replicas ?? 1;
  if (replicas === current) return { kind: 'skipped', message: `already scaled to ${replicas} replica${replicas === 1 ? '' : 's'}` };
  return { kind: 'patch', target: 'scale', patchType: 'merge', patch: { spec: { replicas } }, summary: `scale ${current} → ${replicas} replicas`, ...(replicas === 0 ? { destructive: true } : {}) };
}

/** `kubectl rollout pause` / `resume`. */
export function planPause(deployment: V1Deployment, paused: boolean): RolloutPlan {
  if (!!deployment.spec?.paused === paused) return { kind: 'skipped', message: paused ? 'already paused' : 'is not paused' };
  return { kind: 'patch', target: 'deployment', patchType: 'strategic', patch: { spec: { paused } }, summary: paused ? 'pause rollout' : 'resume rollout' };
}

/** `kubectl set image deployment/X container=image`: a strategic merge patch keyed by container name. */
export function planSetImage(deployment: V1Deployment, container: string, image: string): RolloutPlan {
  const containers = deployment.spec?.template?.spec?.containers ?? [];
  const c = containers.find((x) => x.name === container);
  if (!c) return { kind: 'refused', message: `container "${container}" is not in deployment ${deployment.metadata?.name ?? ''} (it has: ${containers.map((x) => x.name).join(', ')})` };
  const wanted = image.trim();
  // What a kubelet would answer with InvalidImageName is refused before anything is sent.
  const problem = imageReferenceProblem(wanted);
  if (problem) return { kind: 'refused', message: problem };
  if (c.image === wanted) return { kind: 'skipped', message: `container ${container} already runs ${wanted}` };
  return {
    kind: 'patch',
    target: 'deployment',
    patchType: 'strategic',
    patch: { metadata: { annotations: { [ANN_CHANGE_CAUSE]: `${CAUSE_BY} set image ${container}=${wanted}` } }, spec: { template: { spec: { containers: [{ name: container, image: wanted }] } } } },
    summary: `image ${container}: ${c.image ?? '?'} → ${wanted}`,
  };
}

function imagesOf(t: V1PodTemplateSpec): string[] {
  return (t.spec?.containers ?? []).map((c) => c.image ?? '');
}
