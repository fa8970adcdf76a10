// Starts the simulated kube-controller-manager, scheduler and kubelet on a store: one subscription, an owner index, one work queue.
import type { ObjectStore } from '../store/objectStore';
import type { ResourceName, StoreEvent } from '../store/types';
import { type ControllerContext, WORK } from './controllerContext';
import { DeploymentController } from './deploymentController';
import { DisruptionController } from './disruptionController';
import { EventRecorder } from './eventRecorder';
import { GarbageCollector } from './garbageCollector';
import { imageBehaviour } from './imageBehaviour';
import { JobController } from './jobController';
import { type Pod, asPod, containersOf } from './kinds';
import type { NodePool } from './nodePool';
import { OwnerIndex } from './ownerIndex';
import { PodLifecycle } from './podLifecycle';
import { restartPolicyOf } from './podShape';
import { ReplicaSetController } from './replicaSetController';
import type { SimClock, SimTiming } from './simTime';
import { WorkQueue } from './workQueue';

export interface ControllerManagerOptions {
  store: ObjectStore;
  clock: SimClock;
  timing: SimTiming;
  nodes: NodePool;
  /** Events kept in the store (oldest dropped first). */
  maxEvents?: number;
}

// Every kind that can own or be owned, seeded ones included: a Job made from a seeded CronJob (`kubectl create job
// --from=cronjob/…`) must find its owner here, or the collector takes it for a dangling dependent and deletes it.
const INDEXED: readonly ResourceName[] = [
  'namespaces', 'deployments', 'replicasets', 'pods', 'services', 'ingresses', 'configmaps', 'secrets',
  'statefulsets', 'daemonsets', 'cronjobs', 'jobs', 'horizontalpodautoscalers', 'poddisruptionbudgets', 'persistentvolumeclaims', 'serviceaccounts', 'roles', 'rolebindings',
  // Node Leases are owned by their Node.
  'nodes', 'leases',
];

export class ControllerManager {
  readonly index = new OwnerIndex();
  readonly queue = new WorkQueue();
  readonly events: EventRecorder;
  readonly pods: PodLifecycle;
  private readonly deployments: DeploymentController;
  private readonly replicaSets: ReplicaSetController;
  private readonly jobs: JobController;
  private readonly gc: GarbageCollector;
  private readonly disruption: DisruptionController;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly opts: ControllerManagerOptions) {
    this.events = new EventRecorder(opts.store, opts.clock, { maxEvents: opts.maxEvents });
    const ctx: ControllerContext = {
      store: opts.store,
      index: this.index,
      queue: this.queue,
      events: this.events,
      clock: opts.clock,
      timing: opts.timing,
      nodes: opts.nodes,
      terminatePod: (pod) => this.pods.terminate(pod),
      syncReplicaSet: (key) => this.replicaSets.sync(key),
    };
    this.pods = new PodLifecycle(ctx);
    this.deployments = new DeploymentController(ctx);
    this.replicaSets = new ReplicaSetController(ctx);
    this.jobs = new JobController(ctx);
    this.gc = new GarbageCollector(ctx);
    this.disruption = new DisruptionController(ctx);
  }

  /**
   * Indexes what the store already holds and subscribes. Only objects that are not settled get work:
   * a seeded cluster of 10,000 settled deployments starts with an empty queue and no timers.
   */
  start(): void {
    if (this.unsubscribe) return;
    const { store } = this.opts;
    for (const r of INDEXED) for (const o of store.list(r)) this.index.put(r, o);
    this.unsubscribe = store.subscribe((e) => this.onEvent(e));
    for (const d of store.list('deployments')) {
      if (DeploymentController.needsSync(d)) this.queue.add(WORK.deployment, `${d.metadata.namespace ?? ''}/${d.metadata.name}`);
    }
    for (const rs of store.list('replicasets')) {
      if (ReplicaSetController.needsSync(rs)) this.queue.add(WORK.replicaSet, `${rs.metadata.namespace ?? ''}/${rs.metadata.name}`);
    }
    for (const job of store.list('jobs')) {
      if (JobController.needsSync(job)) this.queue.add(WORK.job, `${job.metadata.namespace ?? ''}/${job.metadata.name}`);
    }
    for (const o of store.list('pods')) {
      const pod = asPod(o);
      if (!isSettled(pod)) this.pods.resume(pod);
    }
    this.disruption.start();
  }

  /** Nothing queued, no timer set, no pod with a step to come: the cluster will not change by itself. */
  get idle(): boolean {
    return this.queue.size === 0 && this.queue.timers === 0 && this.pods.activePods === 0;
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.queue.dispose();
    this.pods.dispose();
  }

  private onEvent(e: StoreEvent): void {
    // The index first: the controllers and the collector look owners and children up in it.
    this.index.apply(e);
    this.deployments.onEvent(e);
    this.replicaSets.onEvent(e);
    this.jobs.onEvent(e);
    this.pods.onEvent(e);
    this.gc.onEvent(e);
    this.disruption.onEvent(e);
  }
}

/** Running and ready with an image that stays up: nothing left for the kubelet to do. */
function isSettled(pod: Pod): boolean {
  if (pod.metadata.deletionTimestamp || !pod.spec.nodeName) return false;
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return true;
  // A running Job pod has its exit still to come.
  if (restartPolicyOf(pod) !== 'Always') return false;
  const statuses = pod.status?.containerStatuses ?? [];
  return containersOf(pod).every((c) => {
    const s = statuses.find((x) => x.name === c.name);
    return !!s && !!s.state.running && s.ready && imageBehaviour(c.image ?? '') !== 'crash';
  });
}
