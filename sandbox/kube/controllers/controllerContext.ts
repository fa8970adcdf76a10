// What every simulated controller shares: the store, the owner index, the work queue, the event recorder, clock, timing and nodes.
import { type ObjectStore, StoreError } from '../store/objectStore';
import type { KubeObject } from '../store/types';
import type { EventRecorder } from './eventRecorder';
import type { NodePool } from './nodePool';
import type { OwnerIndex } from './ownerIndex';
import type { SimClock, SimTiming } from './simTime';
import type { WorkQueue } from './workQueue';

/** Starts a pod's graceful deletion (deletionTimestamp now, gone after the grace period). */
export type PodTerminator = (pod: KubeObject) => void;

export interface ControllerContext {
  readonly store: ObjectStore;
  readonly index: OwnerIndex;
  readonly queue: WorkQueue;
  readonly events: EventRecorder;
  readonly clock: SimClock;
  readonly timing: SimTiming;
  readonly nodes: NodePool;
  readonly terminatePod: PodTerminator;
  /**
   * Runs the ReplicaSet controller on one set now. The deployment controller calls it right after
   * shrinking a set, so surplus pods are terminating before any new pod can be created: a faster
   * ReplicaSet controller than the real one, which keeps maxSurge true of actual pods, not only of specs.
   */
  readonly syncReplicaSet: (key: string) => void;
}

/** Queue kinds. */
export const WORK = {
  deployment: 'deployment',
  replicaSet: 'replicaset',
  job: 'job',
  collect: 'gc',
} as const;

/**
 * Runs a store write that may lose a race with a client (the object was deleted or changed under us):
 * like a real controller, give up on this pass; the event that caused the race requeues the work.
 */
export function tryWrite<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    if (err instanceof StoreError && (err.reason === 'NotFound' || err.reason === 'Conflict' || err.reason === 'AlreadyExists')) return undefined;
    throw err;
  }
}
