// Per-namespace counts for the namespace rows ("12 deployments · 1 degraded"), kept by deltas: a
// deployment event changes its namespace's counts in O(1) instead of recounting the namespace.
import type { DeploymentState } from './deploymentSummary';
import type { NamespaceNode } from './workloadNodes';

export type Counts = NamespaceNode['counts'];

export class NamespaceCounts {
  private readonly stateByKey = new Map<string, DeploymentState>();
  private readonly byNamespace = new Map<string, Counts>();
  /** Namespaces whose counts changed since `takeChanged()`. */
  private readonly changed = new Set<string>();

  /** The namespace's counts, computed once from `states` (key → state of each of its deployments). */
  of(ns: string, states: () => Iterable<[string, DeploymentState]>): Counts {
    let counts = this.byNamespace.get(ns);
    if (counts) return counts;
    counts = { deployments: 0, degraded: 0, progressing: 0, paused: 0 };
    this.byNamespace.set(ns, counts);
    for (const [key, state] of states()) {
      this.stateByKey.set(key, state);
      add(counts, state, 1);
    }
    return counts;
  }

  /** Records a deployment's state (undefined: deleted). Only namespaces already counted are tracked. */
  track(ns: string, key: string, state: DeploymentState | undefined): void {
    const counts = this.byNamespace.get(ns);
    if (!counts) return;
    const old = this.stateByKey.get(key);
    if (old === state) return;
    if (old) add(counts, old, -1);
    if (state) {
      add(counts, state, 1);
      this.stateByKey.set(key, state);
    } else this.stateByKey.delete(key);
    this.changed.add(ns);
  }

  /** Drops a namespace's counts so the next `of()` counts it afresh (its membership changed wholesale, e.g. a page arrived). */
  forget(ns: string): void {
    this.byNamespace.delete(ns);
  }

  takeChanged(): string[] {
    const out = [...this.changed];
    this.changed.clear();
    return out;
  }

  clear(): void {
    this.stateByKey.clear();
    this.byNamespace.clear();
    this.changed.clear();
  }
}

function add(c: Counts, state: DeploymentState, delta: number): void {
  c.deployments += delta;
  if (state === 'degraded') c.degraded += delta;
  else if (state === 'progressing') c.progressing += delta;
  else if (state === 'paused') c.paused += delta;
}
