// Writes a deployment with its revision history directly in the shape the controllers would have left it (no controller steps, no events).
import { type Deployment, type PodTemplateSpec, ANN_CHANGE_CAUSE, ANN_REVISION, asDeployment, asPod, asReplicaSet } from '../controllers/kinds';
import type { NodePool } from '../controllers/nodePool';
import { podForReplicaSet, runningReadyStatus } from '../controllers/podShape';
import { replicaSetFor } from '../controllers/replicaSetBuilder';
import { isoSeconds, type SimClock } from '../controllers/simTime';
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../store/types';

export interface SeedRevision {
  template: PodTemplateSpec;
  changeCause: string;
  /** When this revision was rolled out (epoch ms). */
  at: number;
}

export interface SeedDeploymentSpec {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  replicas: number;
  selector: Record<string, string>;
  /** Oldest first; the last one is what runs now. */
  revisions: SeedRevision[];
  strategy?: Record<string, unknown>;
  annotations?: Record<string, string>;
}

export interface SeedContext {
  store: ObjectStore;
  clock: SimClock;
  nodes: NodePool;
}

const SECOND = 1000;

/**
 * Creates the deployment at its first revision and updates it through the later ones (so its
 * generation counts the changes), writes one ReplicaSet per revision with the controller's own
 * builder (hash, revision, change-cause, owner), and the running pods of the current one.
 * Timestamps are in the past: the store's clock is pinned to each revision's time while writing.
 */
export function writeDeployment(ctx: SeedContext, spec: SeedDeploymentSpec): KubeObject {
  const { store, clock } = ctx;
  const revisions = spec.revisions;
  const first = revisions[0];
  const last = revisions[revisions.length - 1];
  if (!first || !last) throw new Error(`seed ${spec.name}: no revisions`);

  const shape = (rev: SeedRevision, n: number): Deployment =>
    asDeployment({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: spec.name,
        namespace: spec.namespace,
        labels: spec.labels,
        annotations: { ...(spec.annotations ?? {}), [ANN_REVISION]: String(n), [ANN_CHANGE_CAUSE]: rev.changeCause },
      },
      spec: {
        replicas: spec.replicas,
        selector: { matchLabels: spec.selector },
        template: rev.template,
        strategy: spec.strategy ?? { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
      },
    });

  clock.pin(first.at);
  let stored = asDeployment(store.create('deployments', shape(first, 1)));
  let active: KubeObject | undefined;
  revisions.forEach((rev, i) => {
    clock.pin(rev.at);
    if (i > 0) {
      const next = shape(rev, i + 1);
      next.metadata = { ...stored.metadata, annotations: next.metadata.annotations };
      stored = asDeployment(store.update('deployments', next));
    }
    const isCurrent = i === revisions.length - 1;
    const rs = asReplicaSet(replicaSetFor(stored, i + 1, isCurrent ? spec.replicas : 0));
    const n = isCurrent ? spec.replicas : 0;
    rs.status = n ? { replicas: n, fullyLabeledReplicas: n, readyReplicas: n, availableReplicas: n, observedGeneration: 1 } : { replicas: 0, observedGeneration: 1 };
    const created = store.create('replicasets', rs);
    if (isCurrent) active = created;
  });
  if (!active) throw new Error(`seed ${spec.name}: no active ReplicaSet`);

  clock.pin(last.at + 2 * SECOND);
  for (let i = 0; i < spec.replicas; i++) writeRunningPod(ctx, active, last.at);

  clock.pin(last.at + 30 * SECOND);
  const done = structuredClone(stored);
  done.status = settledStatus(done, active.metadata.name, first.at, last.at);
  const result = store.update('deployments', done);
  clock.pin(undefined);
  return result;
}

/** A pod of `rs` that was scheduled, started and became ready a few seconds after `since`. */
export function writeRunningPod(ctx: SeedContext, rs: KubeObject, since: number): KubeObject {
  const pod = asPod(podForReplicaSet(asReplicaSet(rs)));
  pod.metadata.name = `${rs.metadata.name}-${randomSuffix()}`;
  delete pod.metadata.generateName;
  // The seed runs before anything can be cordoned: every node is open.
  const node = ctx.nodes.pick(pod.metadata.name) ?? ctx.nodes.nodes[0];
  pod.spec.nodeName = node.name;
  runningReadyStatus(pod, node, ctx.nodes.allocatePodIP(), {
    scheduled: isoSeconds(since + 1 * SECOND),
    started: isoSeconds(since + 4 * SECOND),
    ready: isoSeconds(since + 7 * SECOND),
  });
  return ctx.store.create('pods', pod);
}

/** The status the deployment controller leaves on a finished rollout. */
export function settledStatus(d: Deployment, activeName: string, firstAt: number, lastAt: number): Record<string, unknown> {
  const n = d.spec.replicas ?? 1;
  const status: Record<string, unknown> = { observedGeneration: (d.metadata.generation ?? 1) };
  if (n) Object.assign(status, { replicas: n, updatedReplicas: n, readyReplicas: n, availableReplicas: n });
  status.conditions = [
    {
      type: 'Available',
      status: 'True',
      lastUpdateTime: isoSeconds(firstAt + 40 * SECOND),
      lastTransitionTime: isoSeconds(firstAt + 40 * SECOND),
      reason: 'MinimumReplicasAvailable',
      message: 'Deployment has minimum availability.',
    },
    {
      type: 'Progressing',
      status: 'True',
      lastUpdateTime: isoSeconds(lastAt + 30 * SECOND),
      lastTransitionTime: isoSeconds(firstAt + 5 * SECOND),
      reason: 'NewReplicaSetAvailable',
      message: `ReplicaSet "${activeName}" has successfully progressed.`,
    },
  ];
  return status;
}

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  return s;
}
