// One pass of the deployment controller over one deployment: finds or creates its new ReplicaSet, scales sets, prunes old revisions.
import {
  ANN_REVISION,
  type Deployment,
  type ReplicaSet,
  asReplicaSet,
  findCondition,
  keyOf,
  revisionOf,
  specReplicas,
} from './kinds';
import { type ControllerContext, tryWrite } from './controllerContext';
import { newCondition, progressDeadlineSeconds, REASON, setDeploymentCondition } from './deploymentStatus';
import { equalIgnoringHash } from './podTemplate';
import { promoteReplicaSet, replicaSetFor } from './replicaSetBuilder';
import { newRSNewReplicas, oldestFirst, replicasAnnotations } from './rolloutMath';

const SOURCE = { component: 'deployment-controller' };

export interface SplitReplicaSets {
  newRS: ReplicaSet | undefined;
  oldRSs: ReplicaSet[];
}

export class DeploymentSync {
  /** The deployment as this pass will write it back (annotations and status change; spec never does). */
  readonly work: Deployment;
  /** The deployment's ReplicaSets as last written by this pass. */
  private rsList: ReplicaSet[];

  constructor(
    private readonly ctx: ControllerContext,
    stored: Deployment,
    replicaSets: ReplicaSet[],
  ) {
    this.work = structuredClone(stored);
    this.work.status ??= {};
    this.rsList = replicaSets;
  }

  get now(): number {
    return this.ctx.clock.nowMs();
  }

  /**
   * getAllReplicaSetsAndSyncRevision: the set whose template is the deployment's (oldest first if several)
   * is the new one and gets the next revision if it is not the newest (a rollback renumbers it);
   * with `create`, a missing new set is created.
   */
  split(create: boolean): SplitReplicaSets {
    const d = this.work;
    let newRS = oldestFirst(this.rsList.filter((rs) => equalIgnoringHash(rs.spec.template, d.spec.template)))[0];
    const oldRSs = this.rsList.filter((rs) => rs !== newRS);
    const newRevision = Math.max(0, ...oldRSs.map(revisionOf)) + 1;
    if (newRS) {
      const copy = structuredClone(newRS);
      let changed = promoteReplicaSet(d, copy, newRevision);
      if ((copy.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0)) {
        copy.spec.minReadySeconds = d.spec.minReadySeconds ?? 0;
        changed = true;
      }
      if (changed) newRS = this.replace(newRS, tryWrite(() => asReplicaSet(this.ctx.store.update('replicasets', copy))));
      this.setRevision(newRS.metadata.annotations?.[ANN_REVISION]);
      if (progressDeadlineSeconds(d) !== undefined && !findCondition(d.status?.conditions, 'Progressing')) {
        setDeploymentCondition(d.status ?? {}, newCondition('Progressing', 'True', REASON.foundNewRS, `Found new replica set "${newRS.metadata.name}"`, this.now));
      }
      return { newRS, oldRSs };
    }
    if (!create) return { newRS: undefined, oldRSs };

    const replicas = newRSNewReplicas(d, oldRSs, asReplicaSet({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: '' }, spec: { replicas: 0 } }));
    const desired = asReplicaSet(replicaSetFor(d, newRevision, replicas));
    let created = tryWrite(() => asReplicaSet(this.ctx.store.create('replicasets', desired)));
    if (!created) {
      // A set of that name exists but is not ours or has another template: a hash collision. Bump
      // collisionCount so the next pass hashes differently (the real controller does the same).
      const clash = this.ctx.store.get('replicasets', d.metadata.namespace, desired.metadata.name);
      if (clash && clash.metadata.ownerReferences?.some((r) => r.uid === d.metadata.uid) && equalIgnoringHash(asReplicaSet(clash).spec.template, d.spec.template)) {
        created = asReplicaSet(clash);
      } else {
        (d.status ?? {}).collisionCount = (d.status?.collisionCount ?? 0) + 1;
        return { newRS: undefined, oldRSs };
      }
    }
    this.rsList.push(created);
    if (replicas > 0) this.ctx.events.record(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} to ${replicas} from 0`, SOURCE);
    this.setRevision(String(newRevision));
    if (progressDeadlineSeconds(d) !== undefined) {
      setDeploymentCondition(d.status ?? {}, newCondition('Progressing', 'True', REASON.newRSCreated, `Created new replica set "${created.metadata.name}"`, this.now));
    }
    return { newRS: created, oldRSs };
  }

  /** scaleReplicaSetAndRecordEvent: nothing to do at the same size. */
  scaleAndRecord(rs: ReplicaSet, size: number): { scaled: boolean; rs: ReplicaSet } {
    const current = rs.spec.replicas ?? 0;
    if (current === size) return { scaled: false, rs };
    return this.scale(rs, size, current < size ? 'up' : 'down');
  }

  /** Sets a set's size and its desired/max-replicas annotations; records ScalingReplicaSet when the size changes. */
  scale(rs: ReplicaSet, size: number, operation: string): { scaled: boolean; rs: ReplicaSet } {
    const from = rs.spec.replicas ?? 0;
    const wanted = replicasAnnotations(this.work);
    const annotations = rs.metadata.annotations ?? {};
    const sizeChanged = from !== size;
    const annotationsChanged = Object.entries(wanted).some(([k, v]) => annotations[k] !== v);
    if (!sizeChanged && !annotationsChanged) return { scaled: false, rs };
    const copy = structuredClone(rs);
    copy.spec.replicas = size;
    copy.metadata.annotations = { ...annotations, ...wanted };
    let written = tryWrite(() => asReplicaSet(this.ctx.store.update('replicasets', copy)));
    if (!written) return { scaled: false, rs };
    if (size < from) {
      this.ctx.syncReplicaSet(keyOf(written));
      const after = this.ctx.store.get('replicasets', written.metadata.namespace, written.metadata.name);
      if (after) written = asReplicaSet(after);
    }
    this.replace(rs, written);
    if (sizeChanged) {
      this.ctx.events.record(this.work, 'Normal', 'ScalingReplicaSet', `Scaled ${operation} replica set ${rs.metadata.name} to ${size} from ${from}`, SOURCE);
    }
    return { scaled: sizeChanged, rs: written };
  }

  /** cleanupDeployment: delete the oldest fully scaled-down sets beyond revisionHistoryLimit. */
  cleanup(oldRSs: readonly ReplicaSet[]): void {
    const limit = this.work.spec.revisionHistoryLimit ?? 10;
    const alive = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
    let extra = alive.length - limit;
    if (extra <= 0) return;
    const byRevision = [...alive].sort((a, b) => revisionOf(a) - revisionOf(b) || (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''));
    for (const rs of byRevision) {
      if (extra <= 0) break;
      const idle = (rs.status?.replicas ?? 0) === 0 && (rs.spec.replicas ?? 0) === 0 && (rs.metadata.generation ?? 1) <= (rs.status?.observedGeneration ?? 0);
      if (!idle) continue;
      tryWrite(() => this.ctx.store.delete('replicasets', rs.metadata.namespace, rs.metadata.name));
      this.rsList = this.rsList.filter((x) => x !== rs);
      extra--;
    }
  }

  /** Any pod of an old set still around, running or terminating (oldPodsRunning, for Recreate). */
  oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): boolean {
    if (oldRSs.some((rs) => (rs.status?.replicas ?? 0) > 0)) return true;
    for (const rs of this.rsList) {
      if (rs === newRS || !rs.metadata.uid) continue;
      for (const ref of this.ctx.index.childrenOf(rs.metadata.uid, 'pods')) {
        const pod = this.ctx.store.get('pods', ref.namespace, ref.name);
        const phase = pod?.status?.phase;
        if (pod && phase !== 'Failed' && phase !== 'Succeeded') return true;
      }
    }
    return false;
  }

  desired(): number {
    return specReplicas(this.work);
  }

  /** Every set of the deployment, as last written. */
  all(): ReplicaSet[] {
    return this.rsList;
  }

  /** The latest written version of a set this pass has seen. */
  latest(rs: ReplicaSet | undefined): ReplicaSet | undefined {
    if (!rs) return undefined;
    return this.rsList.find((x) => x.metadata.uid === rs.metadata.uid) ?? rs;
  }

  private setRevision(revision: string | undefined): void {
    if (revision === undefined) return;
    const annotations = (this.work.metadata.annotations ??= {});
    annotations[ANN_REVISION] = revision;
  }

  private replace(old: ReplicaSet, next: ReplicaSet | undefined): ReplicaSet {
    if (!next) return old;
    this.rsList = this.rsList.map((rs) => (rs === old ? next : rs));
    return next;
  }
}
