// Test harness for the simulated cluster's controllers: a store with controllers on a fast clock, object builders and waits.
import { ControllerManager } from '../../../../../sandbox/kube/controllers/controllerManager';
import { asPod, asReplicaSet, controllerOf, type Pod, type ReplicaSet } from '../../../../../sandbox/kube/controllers/kinds';
import { NodePool } from '../../../../../sandbox/kube/controllers/nodePool';
import { SimClock, SimTiming } from '../../../../../sandbox/kube/controllers/simTime';
import { ObjectStore } from '../../../../../sandbox/kube/store/objectStore';
import type { KubeObject } from '../../../../../sandbox/kube/store/types';

export const NS = 'team';

export interface Harness {
  store: ObjectStore;
  clock: SimClock;
  timing: SimTiming;
  nodes: NodePool;
  manager: ControllerManager;
  dispose(): void;
}

/** An empty cluster (namespace "team") with running controllers; timeScale 0.02 makes a pod Ready in ~30 ms. */
export function startCluster(timeScale = 0.02, prepare?: (h: Omit<Harness, 'manager' | 'dispose'>) => void): Harness {
  const clock = new SimClock();
  const store = new ObjectStore({ now: () => clock.now() });
  const timing = new SimTiming(timeScale);
  const nodes = new NodePool('test');
  store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  prepare?.({ store, clock, timing, nodes });
  const manager = new ControllerManager({ store, clock, timing, nodes });
  manager.start();
  return { store, clock, timing, nodes, manager, dispose: () => manager.dispose() };
}

export interface DeploymentOptions {
  replicas?: number;
  image?: string;
  images?: Record<string, string>;
  strategy?: 'RollingUpdate' | 'Recreate';
  maxSurge?: number | string;
  maxUnavailable?: number | string;
  paused?: boolean;
  progressDeadlineSeconds?: number;
  revisionHistoryLimit?: number;
  changeCause?: string;
  minReadySeconds?: number;
}

export function deployment(name: string, o: DeploymentOptions = {}): KubeObject {
  const labels = { app: name };
  const images = o.images ?? { [name]: o.image ?? `ghcr.io/phoenix/${name}:1.0.0` };
  const spec: Record<string, unknown> = {
    replicas: o.replicas ?? 3,
    selector: { matchLabels: labels },
    template: {
      metadata: { labels },
      spec: { containers: Object.entries(images).map(([n, image]) => ({ name: n, image, ports: [{ containerPort: 8080 }] })) },
    },
    strategy:
      o.strategy === 'Recreate'
        ? { type: 'Recreate' }
        : { type: 'RollingUpdate', rollingUpdate: { maxSurge: o.maxSurge ?? '25%', maxUnavailable: o.maxUnavailable ?? '25%' } },
  };
  if (o.paused !== undefined) spec.paused = o.paused;
  if (o.progressDeadlineSeconds !== undefined) spec.progressDeadlineSeconds = o.progressDeadlineSeconds;
  if (o.revisionHistoryLimit !== undefined) spec.revisionHistoryLimit = o.revisionHistoryLimit;
  if (o.minReadySeconds !== undefined) spec.minReadySeconds = o.minReadySeconds;
  const metadata: KubeObject['metadata'] = { name, namespace: NS, labels };
  if (o.changeCause) metadata.annotations = { 'kubernetes.io/change-cause': o.changeCause };
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec };
}

/** Changes a deployment like `kubectl set image` (plus an annotation, as `--record` or `kubectl annotate` would). */
export function setImage(store: ObjectStore, name: string, image: string, changeCause?: string): void {
  edit(store, name, (d) => {
    const containers = (d.spec?.template as { spec: { containers: { image: string }[] } }).spec.containers;
    for (const c of containers) c.image = image;
    if (changeCause) d.metadata.annotations = { ...(d.metadata.annotations ?? {}), 'kubernetes.io/change-cause': changeCause };
  });
}

export function edit(store: ObjectStore, name: string, fn: (d: KubeObject) => void): KubeObject {
  const current = store.get('deployments', NS, name);
  if (!current) throw new Error(`no deployment ${name}`);
  const d = structuredClone(current);
  fn(d);
  return store.update('deployments', d);
}

export function deploymentOf(store: ObjectStore, name: string): KubeObject {
  const d = store.get('deployments', NS, name);
  if (!d) throw new Error(`no deployment ${name}`);
  return d;
}

export function replicaSetsOf(store: ObjectStore, name: string): ReplicaSet[] {
  const uid = deploymentOf(store, name).metadata.uid;
  return store
    .list('replicasets', NS)
    .filter((rs) => controllerOf(rs)?.uid === uid)
    .map(asReplicaSet)
    .sort((a, b) => revision(a) - revision(b));
}

export function revision(o: KubeObject): number {
  return Number(o.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
}

export function podsOf(store: ObjectStore, app: string): Pod[] {
  return store
    .list('pods', NS)
    .filter((p) => p.metadata.labels?.app === app)
    .map(asPod);
}

export function condition(o: KubeObject, type: string): { status: string; reason?: string; message?: string; lastUpdateTime?: string } | undefined {
  const conditions = (o.status?.conditions ?? []) as { type: string; status: string; reason?: string; message?: string }[];
  return conditions.find((c) => c.type === type);
}

/** Settled: the controller observed the latest spec and every replica is updated and available. */
export function rolledOut(store: ObjectStore, name: string): boolean {
  const d = store.get('deployments', NS, name);
  if (!d) return false;
  const s = (d.status ?? {}) as Record<string, number | undefined>;
  const want = (d.spec?.replicas as number | undefined) ?? 1;
  return (
    (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 1) &&
    (s.updatedReplicas ?? 0) === want &&
    (s.replicas ?? 0) === want &&
    (s.availableReplicas ?? 0) === want &&
    podsOf(store, name).length === want &&
    condition(d, 'Progressing')?.reason === 'NewReplicaSetAvailable'
  );
}

export function eventsFor(store: ObjectStore, name: string, reason?: string): { reason: string; message: string; count: number; type: string }[] {
  return store
    .list('events', NS)
    .filter((e) => (e.involvedObject as { name: string }).name === name && (!reason || e.reason === reason))
    .map((e) => ({ reason: e.reason as string, message: e.message as string, count: e.count as number, type: e.type as string }));
}

/** What `kubectl rollout undo` sends: the ReplicaSet's template (hash label removed, Go zero values kept) and annotations. */
export function undoTo(store: ObjectStore, name: string, rs: ReplicaSet): void {
  const skip = new Set([
    'kubectl.kubernetes.io/last-applied-configuration',
    'deployment.kubernetes.io/revision',
    'deployment.kubernetes.io/revision-history',
    'deployment.kubernetes.io/desired-replicas',
    'deployment.kubernetes.io/max-replicas',
    'deprecated.deployment.rollback.to',
  ]);
  const template = structuredClone(rs.spec.template ?? {}) as { metadata: { labels: Record<string, string>; creationTimestamp?: null }; spec: { containers: Record<string, unknown>[] } };
  delete template.metadata.labels['pod-template-hash'];
  template.metadata.creationTimestamp = null;
  for (const c of template.spec.containers) c.resources = {};
  edit(store, name, (d) => {
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (skip.has(k)) annotations[k] = v;
    for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!skip.has(k)) annotations[k] = v;
    (d.spec as Record<string, unknown>).template = template;
    d.metadata.annotations = annotations;
  });
}
