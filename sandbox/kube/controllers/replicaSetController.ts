// The ReplicaSet controller: keeps each set's pod count at spec.replicas (creating `<rs>-<5 random>` pods, deleting the least useful) and its status current.
import type { KubeObject, StoreEvent } from '../store/types';
import { type ControllerContext, tryWrite, WORK } from './controllerContext';
import {
  type Pod,
  type ReplicaSet,
  type ReplicaSetStatus,
  asPod,
  asReplicaSet,
  controllerOf,
  findCondition,
  isPodActive,
  isPodAvailable,
  isPodReady,
  keyOf,
  splitKey,
} from './kinds';
import { podForReplicaSet } from './podShape';

const SOURCE = { component: 'replicaset-controller' };

export class ReplicaSetController {
  constructor(private readonly ctx: ControllerContext) {
    ctx.queue.register(WORK.replicaSet, (key) => this.sync(key));
  }

  onEvent(e: StoreEvent): void {
    if (e.resource === 'replicasets') {
      if (e.type === 'DELETED') this.ctx.queue.cancel(WORK.replicaSet, keyOf(e.object));
      else this.ctx.queue.add(WORK.replicaSet, keyOf(e.object));
    } else if (e.resource === 'pods') {
      const ref = controllerOf(e.object);
      if (ref?.kind !== 'ReplicaSet') return;
      const owner = this.ctx.index.lookup(ref.uid);
      if (owner) this.ctx.queue.add(WORK.replicaSet, `${owner.namespace}/${owner.name}`);
    }
  }

  /** At start-up only sets whose status disagrees with their spec need a pass. */
  static needsSync(o: KubeObject): boolean {
    const rs = asReplicaSet(o);
    const s = rs.status;
    return !s || (s.observedGeneration ?? 0) < (rs.metadata.generation ?? 1) || s.replicas !== (rs.spec.replicas ?? 1) || (s.readyReplicas ?? 0) !== s.replicas;
  }

  sync(key: string): void {
    const [namespace, name] = splitKey(key);
    const stored = this.ctx.store.get('replicasets', namespace, name);
    if (!stored || stored.metadata.deletionTimestamp || !stored.metadata.uid) return;
    const rs = asReplicaSet(stored);
    const pods = this.podsOf(rs);
    const active = pods.filter(isPodActive);
    const want = rs.spec.replicas ?? 1;
    if (active.length < want) {
      for (let i = active.length; i < want; i++) {
        const pod = this.createPod(rs);
        if (pod) active.push(pod);
      }
    } else if (active.length > want) {
      const doomed = rankForDeletion(active).slice(0, active.length - want);
      for (const pod of doomed) {
        this.ctx.terminatePod(pod);
        this.ctx.events.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, SOURCE);
      }
      const gone = new Set(doomed);
      active.splice(0, active.length, ...active.filter((p) => !gone.has(p)));
    }
    this.updateStatus(rs, active);
  }

  private podsOf(rs: ReplicaSet): Pod[] {
    const out: Pod[] = [];
    for (const ref of this.ctx.index.childrenOf(rs.metadata.uid ?? '', 'pods')) {
      const pod = this.ctx.store.get('pods', ref.namespace, ref.name);
      if (pod && controllerOf(pod)?.uid === rs.metadata.uid) out.push(asPod(pod));
    }
    return out;
  }

  private createPod(rs: ReplicaSet): Pod | undefined {
    // generateName can collide (27⁵ names); the API server then answers AlreadyExists and the controller tries again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const pod = tryWrite(() => this.ctx.store.create('pods', podForReplicaSet(rs)));
      if (pod) {
        this.ctx.events.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, SOURCE);
        return asPod(pod);
      }
    }
    return undefined;
  }

  private updateStatus(rs: ReplicaSet, active: Pod[]): void {
    const now = this.ctx.clock.nowMs();
    const minReady = rs.spec.minReadySeconds ?? 0;
    const ready = active.filter(isPodReady).length;
    const available = active.filter((p) => isPodAvailable(p, minReady, now)).length;
    const status: ReplicaSetStatus = { replicas: active.length };
    if (active.length) status.fullyLabeledReplicas = active.length;
    if (ready) status.readyReplicas = ready;
    if (available) status.availableReplicas = available;
    status.observedGeneration = rs.metadata.generation ?? 1;
    const before: Partial<ReplicaSetStatus> = rs.status ?? {};
    const fields = ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration'] as const;
    if (fields.some((f) => before[f] !== status[f])) {
      const copy = structuredClone(rs);
      copy.status = status;
      tryWrite(() => this.ctx.store.update('replicasets', copy));
    }
    // A ready pod becomes available only after minReadySeconds: look again then.
    if (minReady > 0 && ready > available) {
      const nextAt = Math.min(
        ...active
          .filter((p) => isPodReady(p) && !isPodAvailable(p, minReady, now))
          .map((p) => Date.parse(findCondition(p.status?.conditions, 'Ready')?.lastTransitionTime ?? '') + minReady * 1000),
      );
      if (Number.isFinite(nextAt)) this.ctx.queue.addAfter(WORK.replicaSet, keyOf(rs), Math.max(0, nextAt - now) + 50);
    }
  }
}

/**
 * The order in which surplus pods go (ActivePodsWithRanks): unscheduled before scheduled, pending
 * before running, not ready before ready, ready for less time before longer, more restarts before
 * fewer, newer before older.
 */
export function rankForDeletion(pods: readonly Pod[]): Pod[] {
  const phaseRank = (p: Pod): number => (p.status?.phase === 'Pending' ? 0 : p.status?.phase === 'Running' ? 2 : 1);
  const readySince = (p: Pod): number => Date.parse(findCondition(p.status?.conditions, 'Ready')?.lastTransitionTime ?? '') || 0;
  const restarts = (p: Pod): number => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount));
  return [...pods].sort((a, b) => {
    const sa = a.spec.nodeName ? 1 : 0;
    const sb = b.spec.nodeName ? 1 : 0;
    if (sa !== sb) return sa - sb;
    if (phaseRank(a) !== phaseRank(b)) return phaseRank(a) - phaseRank(b);
    const ra = isPodReady(a) ? 1 : 0;
    const rb = isPodReady(b) ? 1 : 0;
    if (ra !== rb) return ra - rb;
    if (ra && rb && readySince(a) !== readySince(b)) return readySince(b) - readySince(a);
    if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
    return (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') || b.metadata.name.localeCompare(a.metadata.name);
  });
}
