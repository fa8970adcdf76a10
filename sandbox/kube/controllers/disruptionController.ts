// The simulated disruption controller: keeps each PodDisruptionBudget's status (expected, healthy and desired pods,
// disruptions allowed, the DisruptionAllowed condition) true of the pods its selector matches, as kube-controller-
// manager's disruption controller does. The eviction subresource reads this status to allow or refuse an eviction.
import { selectorObjectMatches, type LabelSelectorObject } from '../server/selectors/labelSelector';
import type { KubeObject, StoreEvent } from '../store/types';
import { type ControllerContext, tryWrite } from './controllerContext';
import { asPod, isPodReady } from './kinds';
import { isoSeconds } from './simTime';

const WORK_PDB = 'disruption';

export interface PdbSpec {
  minAvailable?: number | string;
  maxUnavailable?: number | string;
  selector?: LabelSelectorObject;
}

export interface PdbStatus {
  observedGeneration: number;
  expectedPods: number;
  currentHealthy: number;
  desiredHealthy: number;
  disruptionsAllowed: number;
  conditions: Array<{ type: 'DisruptionAllowed'; status: 'True' | 'False'; reason: string; message: string; observedGeneration: number; lastTransitionTime: string }>;
}

/** An int-or-percent of `total`, rounded up (the disruption controller's GetScaledValueFromIntOrPercent(roundUp=true)). */
export function scaled(v: number | string | undefined, total: number): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (m) return Math.ceil((Number(m[1]) * total) / 100);
  const n = Number(v);
  return Number.isInteger(n) ? n : undefined;
}

/** Whether a pod counts as healthy for a budget: Ready and not being deleted. */
export const healthyForBudget = (pod: KubeObject): boolean => isPodReady(asPod(pod));

/**
 * A budget's status from the pods its selector matches. The expected count is the number of matching pods (the real
 * controller asks their controllers' scale for percentages; with ReplicaSets at their size the two agree). With
 * neither field set a budget asks nothing (maxUnavailable = expected).
 */
export function pdbStatus(spec: PdbSpec, generation: number, pods: readonly KubeObject[], previous: PdbStatus | undefined, now: string): PdbStatus {
  const expectedPods = pods.length;
  const currentHealthy = pods.filter(healthyForBudget).length;
  let desiredHealthy: number;
  if (spec.minAvailable !== undefined) desiredHealthy = scaled(spec.minAvailable, expectedPods) ?? 0;
  else if (spec.maxUnavailable !== undefined) desiredHealthy = Math.max(0, expectedPods - (scaled(spec.maxUnavailable, expectedPods) ?? 0));
  else desiredHealthy = 0;
  const disruptionsAllowed = Math.max(0, currentHealthy - desiredHealthy);
  const allowed = disruptionsAllowed > 0;
  const before = previous?.conditions?.find((c) => c.type === 'DisruptionAllowed');
  const status = allowed ? 'True' : 'False';
  return {
    observedGeneration: generation,
    expectedPods,
    currentHealthy,
    desiredHealthy,
    disruptionsAllowed,
    conditions: [
      {
        type: 'DisruptionAllowed',
        status,
        reason: allowed ? 'SufficientPods' : 'InsufficientPods',
        message: '',
        observedGeneration: generation,
        // The transition time moves only when the status flips (metav1 condition semantics).
        lastTransitionTime: before && before.status === status ? before.lastTransitionTime : now,
      },
    ],
  };
}

/** The pods of the namespace a budget's selector matches (a nil selector matches none, as in policy/v1). */
export function podsOfBudget(pdb: KubeObject, pods: readonly KubeObject[]): KubeObject[] {
  const sel = (pdb.spec as PdbSpec | undefined)?.selector;
  return pods.filter((p) => selectorObjectMatches(sel, p.metadata.labels));
}

export class DisruptionController {
  /** namespace → names of its budgets, kept from events so pod churn never lists the store. */
  private readonly budgets = new Map<string, Set<string>>();

  constructor(private readonly ctx: ControllerContext) {
    ctx.queue.register(WORK_PDB, (ns) => this.sync(ns));
  }

  /** Budgets of seeded clusters start with the status of their pods as they are. */
  start(): void {
    for (const b of this.ctx.store.list('poddisruptionbudgets')) this.track(b.metadata.namespace ?? '', b.metadata.name, true);
    for (const ns of this.budgets.keys()) this.ctx.queue.add(WORK_PDB, ns);
  }

  onEvent(e: StoreEvent): void {
    if (e.resource !== 'pods' && e.resource !== 'poddisruptionbudgets') return;
    const ns = e.object.metadata.namespace ?? '';
    if (e.resource === 'poddisruptionbudgets') this.track(ns, e.object.metadata.name, e.type !== 'DELETED');
    // Pod churn in a namespace without budgets costs a map lookup, not a sync.
    else if (!this.budgets.has(ns)) return;
    this.ctx.queue.add(WORK_PDB, ns);
  }

  private track(ns: string, name: string, present: boolean): void {
    const names = this.budgets.get(ns) ?? new Set<string>();
    if (present) names.add(name);
    else names.delete(name);
    if (names.size) this.budgets.set(ns, names);
    else this.budgets.delete(ns);
  }

  private sync(ns: string): void {
    const names = this.budgets.get(ns);
    if (!names) return;
    const pods = this.ctx.store.list('pods', ns);
    const now = isoSeconds(this.ctx.clock.nowMs());
    for (const name of names) {
      const pdb = this.ctx.store.get('poddisruptionbudgets', ns, name);
      if (!pdb) continue;
      const previous = pdb.status as PdbStatus | undefined;
      const status = pdbStatus((pdb.spec ?? {}) as PdbSpec, pdb.metadata.generation ?? 1, podsOfBudget(pdb, pods), previous, now);
      // A no-op write is dropped by the store (no event), so this settles.
      tryWrite(() => this.ctx.store.update('poddisruptionbudgets', { ...structuredClone(pdb), status: { ...status } }));
    }
  }
}
