// The ReplicaSet a deployment owns for a template, and its revision annotations (shared by the deployment controller and the seed).
import type { KubeObject } from '../store/types';
import {
  ANN_REVISION,
  ANN_REVISION_HISTORY,
  ANNOTATIONS_NOT_COPIED,
  type Deployment,
  LABEL_POD_TEMPLATE_HASH,
  type ReplicaSet,
  controllerRefTo,
} from './kinds';
import { podTemplateHash, withHashLabel } from './podTemplate';
import { replicasAnnotations } from './rolloutMath';

/** The real controller keeps revision-history under this many characters. */
const REVISION_HISTORY_MAX_CHARS = 2000;

/** `<deployment>-<pod-template-hash>` with the hash in its labels, selector and template, owned by the deployment. */
export function replicaSetFor(d: Deployment, revision: number, replicas: number): KubeObject {
  const hash = podTemplateHash(d.spec.template, d.status?.collisionCount ?? 0);
  const template = withHashLabel(d.spec.template, hash);
  const selector = structuredClone(d.spec.selector ?? {});
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [LABEL_POD_TEMPLATE_HASH]: hash };
  const annotations: Record<string, string> = {};
  copyDeploymentAnnotations(d, annotations);
  Object.assign(annotations, replicasAnnotations(d), { [ANN_REVISION]: String(revision) });
  const rs: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace ?? 'default',
      labels: { ...(template.metadata?.labels ?? {}) },
      annotations,
      ownerReferences: [controllerRefTo(d)],
    },
    spec: { replicas, minReadySeconds: d.spec.minReadySeconds ?? 0, selector, template },
    status: { replicas: 0 },
  };
  return rs;
}

/** Copies the deployment's own annotations (change-cause and the like) onto a ReplicaSet's; true if anything changed. */
export function copyDeploymentAnnotations(d: Deployment, target: Record<string, string>): boolean {
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (ANNOTATIONS_NOT_COPIED.has(k) || target[k] === v) continue;
    target[k] = v;
    changed = true;
  }
  return changed;
}

/**
 * Makes `rs` (a clone) the deployment's current ReplicaSet: copies the deployment's annotations and,
 * when its revision is not the newest, gives it `newRevision` and keeps the old number in
 * revision-history, as a rollback does (SetNewReplicaSetAnnotations). True if anything changed.
 */
export function promoteReplicaSet(d: Deployment, rs: ReplicaSet, newRevision: number): boolean {
  const annotations = (rs.metadata.annotations ??= {});
  let changed = copyDeploymentAnnotations(d, annotations);
  const oldRevision = annotations[ANN_REVISION];
  const oldNumber = Number(oldRevision ?? 0) || 0;
  if (oldNumber < newRevision) {
    annotations[ANN_REVISION] = String(newRevision);
    changed = true;
    if (oldRevision !== undefined) {
      const history = (annotations[ANN_REVISION_HISTORY] ?? '').split(',').filter(Boolean);
      history.push(oldRevision);
      while (history.join(',').length > REVISION_HISTORY_MAX_CHARS) history.shift();
      annotations[ANN_REVISION_HISTORY] = history.join(',');
    }
  }
  return changed;
}
