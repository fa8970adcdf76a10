// The deployment controller: reacts to deployment/ReplicaSet/pod events per deployment and rolls it out as kube-controller-manager does.
import type { KubeObject, StoreEvent } from '../store/types';
import { type ControllerContext, tryWrite, WORK } from './controllerContext';
import {
  calculateStatus,
  deploymentComplete,
  omitZeroCounts,
  stuckRecheckAfter,
  updatePausedCondition,
  updateProgressing,
} from './deploymentStatus';
import { DeploymentSync } from './deploymentSync';
import {
  ANN_DESIRED_REPLICAS,
  type Deployment,
  type ReplicaSet,
  asDeployment,
  asReplicaSet,
  controllerOf,
  keyOf,
  splitKey,
} from './kinds';
import {
  annotationInt,
  isRollingUpdate,
  isSaturated,
  maxUnavailable,
  newRSNewReplicas,
  oldestFirst,
  proportionalSizes,
  sumSpecReplicas,
  sumStatus,
} from './rolloutMath';

export class DeploymentController {
  constructor(private readonly ctx: ControllerContext) {
    ctx.queue.register(WORK.deployment, (key) => this.sync(key));
  }

  /** Routes a store event to the deployment it concerns: O(1) per event. */
  onEvent(e: StoreEvent): void {
    if (e.resource === 'deployments') {
      if (e.type === 'DELETED') this.ctx.queue.cancel(WORK.deployment, keyOf(e.object));
      else this.ctx.queue.add(WORK.deployment, keyOf(e.object));
    } else if (e.resource === 'replicasets') {
      this.enqueueController(e.object);
    } else if (e.resource === 'pods' && e.type === 'DELETED') {
      // Recreate waits for the last old pod to be gone, which changes no ReplicaSet status.
      const rsRef = controllerOf(e.object);
      const rs = rsRef && this.ctx.index.lookup(rsRef.uid);
      const stored = rs && this.ctx.store.get('replicasets', rs.namespace, rs.name);
      if (stored) this.enqueueController(stored);
    }
  }

  /** At start-up only deployments whose status is not settled need a pass (a seeded cluster costs nothing). */
  static needsSync(o: KubeObject): boolean {
    const d = asDeployment(o);
    const s = d.status;
    if (!s || (s.observedGeneration ?? 0) < (d.metadata.generation ?? 1)) return true;
    return !!d.spec.paused || !deploymentComplete(d, s);
  }

  sync(key: string): void {
    const [namespace, name] = splitKey(key);
    const stored = this.ctx.store.get('deployments', namespace, name);
    if (!stored || stored.metadata.deletionTimestamp || !stored.metadata.uid) return;
    const d = asDeployment(stored);
    if (!d.spec.template) return;
    const pass = new DeploymentSync(this.ctx, d, this.replicaSetsOf(d));
    const w = pass.work;
    updatePausedCondition(w, w.status ?? {}, pass.now);
    let newRS: ReplicaSet | undefined;
    let rollout = true;
    if (w.spec.paused || this.isScalingEvent(pass)) {
      newRS = this.syncScale(pass);
      rollout = false;
    } else if (isRollingUpdate(w)) {
      newRS = this.rolloutRolling(pass);
    } else {
      newRS = this.rolloutRecreate(pass);
    }
    this.finish(pass, newRS, rollout);
  }

  private replicaSetsOf(d: Deployment): ReplicaSet[] {
    const out: ReplicaSet[] = [];
    for (const ref of this.ctx.index.childrenOf(d.metadata.uid ?? '', 'replicasets')) {
      const rs = this.ctx.store.get('replicasets', ref.namespace, ref.name);
      if (rs && !rs.metadata.deletionTimestamp && controllerOf(rs)?.uid === d.metadata.uid) out.push(asReplicaSet(rs));
    }
    return out;
  }

  private enqueueController(o: KubeObject): void {
    const ref = controllerOf(o);
    if (ref?.kind !== 'Deployment') return;
    const owner = this.ctx.index.lookup(ref.uid);
    if (owner) this.ctx.queue.add(WORK.deployment, `${owner.namespace}/${owner.name}`);
  }

  /** A scaling event: some active set was sized for another replica count (isScalingEvent). */
  private isScalingEvent(pass: DeploymentSync): boolean {
    const { newRS, oldRSs } = pass.split(false);
    for (const rs of [...oldRSs, ...(newRS ? [newRS] : [])]) {
      if ((rs.spec.replicas ?? 0) === 0) continue;
      const desired = annotationInt(rs, ANN_DESIRED_REPLICAS);
      if (desired !== undefined && desired !== pass.desired()) return true;
    }
    return false;
  }

  /** The real `sync`: for paused deployments and scaling events; never creates a new set. */
  private syncScale(pass: DeploymentSync): ReplicaSet | undefined {
    const w = pass.work;
    const { newRS, oldRSs } = pass.split(false);
    const newestOldFirst = oldestFirst(oldRSs).reverse();
    const all = [...(newRS ? [newRS] : []), ...newestOldFirst];
    const active = all.filter((rs) => (rs.spec.replicas ?? 0) > 0);
    const activeOrLatest = active.length === 1 ? active[0] : active.length === 0 ? all[0] : undefined;
    if (activeOrLatest) {
      pass.scaleAndRecord(activeOrLatest, pass.desired());
    } else if (isSaturated(w, newRS)) {
      for (const rs of active) if (rs !== newRS) pass.scaleAndRecord(rs, 0);
    } else if (isRollingUpdate(w)) {
      for (const { rs, size, operation } of proportionalSizes(w, active)) pass.scale(rs, size, operation);
    }
    if (w.spec.paused) pass.cleanup(oldRSs.map((rs) => pass.latest(rs) ?? rs));
    return pass.latest(newRS);
  }

  private rolloutRolling(pass: DeploymentSync): ReplicaSet | undefined {
    const { newRS, oldRSs } = pass.split(true);
    if (!newRS) return undefined;
    if (this.reconcileNewReplicaSet(pass, newRS)) return pass.latest(newRS);
    if (this.reconcileOldReplicaSets(pass, newRS)) return pass.latest(newRS);
    if (deploymentComplete(pass.work, pass.work.status ?? {})) pass.cleanup(oldRSs.map((rs) => pass.latest(rs) ?? rs));
    return pass.latest(newRS);
  }

  /** Grow the new set as far as maxSurge allows, or shrink it to the desired count. */
  private reconcileNewReplicaSet(pass: DeploymentSync, newRS: ReplicaSet): boolean {
    const desired = pass.desired();
    const current = newRS.spec.replicas ?? 0;
    if (current === desired) return false;
    if (current > desired) return pass.scaleAndRecord(newRS, desired).scaled;
    return pass.scaleAndRecord(newRS, newRSNewReplicas(pass.work, pass.all(), newRS)).scaled;
  }

  /** Shrink old sets while at least replicas − maxUnavailable pods stay available; unhealthy pods go first. */
  private reconcileOldReplicaSets(pass: DeploymentSync, newRS: ReplicaSet): boolean {
    const all = pass.all();
    const oldActive = all.filter((rs) => rs.metadata.uid !== newRS.metadata.uid && (rs.spec.replicas ?? 0) > 0);
    if (sumSpecReplicas(oldActive) === 0) return false;
    const minAvailable = pass.desired() - maxUnavailable(pass.work);
    const newUnavailable = (newRS.spec.replicas ?? 0) - (newRS.status?.availableReplicas ?? 0);
    const maxScaledDown = sumSpecReplicas(all) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return false;

    let cleaned = 0;
    for (const rs of oldestFirst(oldActive)) {
      if (cleaned >= maxScaledDown) break;
      const replicas = rs.spec.replicas ?? 0;
      const unhealthy = replicas - (rs.status?.availableReplicas ?? 0);
      if (replicas === 0 || unhealthy <= 0) continue;
      const n = Math.min(maxScaledDown - cleaned, unhealthy);
      pass.scaleAndRecord(rs, replicas - n);
      cleaned += n;
    }

    let scaledDown = 0;
    const available = sumStatus(pass.all(), 'availableReplicas');
    const budget = available - minAvailable;
    if (budget > 0) {
      for (const stale of oldestFirst(oldActive)) {
        if (scaledDown >= budget) break;
        const rs = pass.latest(stale) ?? stale;
        const replicas = rs.spec.replicas ?? 0;
        if (replicas === 0) continue;
        const n = Math.min(replicas, budget - scaledDown);
        pass.scaleAndRecord(rs, replicas - n);
        scaledDown += n;
      }
    }
    return cleaned + scaledDown > 0;
  }

  /** Recreate: scale every old set to 0, wait until their pods are gone, then create and scale up the new one. */
  private rolloutRecreate(pass: DeploymentSync): ReplicaSet | undefined {
    let { newRS, oldRSs } = pass.split(false);
    let scaledDown = false;
    for (const rs of oldRSs) if ((rs.spec.replicas ?? 0) > 0 && pass.scaleAndRecord(rs, 0).scaled) scaledDown = true;
    if (scaledDown) return pass.latest(newRS);
    if (pass.oldPodsRunning(newRS, oldRSs.map((rs) => pass.latest(rs) ?? rs))) return pass.latest(newRS);
    if (!newRS) ({ newRS, oldRSs } = pass.split(true));
    if (!newRS) return undefined;
    pass.scaleAndRecord(newRS, pass.desired());
    if (deploymentComplete(pass.work, pass.work.status ?? {})) pass.cleanup(oldRSs.map((rs) => pass.latest(rs) ?? rs));
    return pass.latest(newRS);
  }

  /** syncRolloutStatus / syncDeploymentStatus, then the deadline recheck for a rollout that stands still. */
  private finish(pass: DeploymentSync, newRS: ReplicaSet | undefined, rollout: boolean): void {
    const w = pass.work;
    const now = pass.now;
    const status = calculateStatus(w, pass.all(), pass.latest(newRS), now);
    if (rollout) updateProgressing(w, status, pass.latest(newRS), now);
    w.status = omitZeroCounts(status);
    tryWrite(() => this.ctx.store.update('deployments', w));
    const after = stuckRecheckAfter(w, status, now);
    // A rollout that completed (or was paused) no longer needs the deadline recheck set while it progressed.
    if (after !== undefined) this.ctx.queue.addAfter(WORK.deployment, keyOf(w), after);
    else this.ctx.queue.cancelAfter(WORK.deployment, keyOf(w));
  }
}
