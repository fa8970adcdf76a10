// Keeps the traffic model in step with each cluster's store: integrates up to every change and every scrape, re-reading the topology only when it changed.
import type { ObjectStore } from '../kube/store/objectStore';
import type { ResourceName } from '../kube/store/types';
import type { MetricFamily, MetricsCollector } from './metricsRegistry';
import { TrafficModel, type TrafficModelOptions } from './trafficModel';
import { readTopology, steadyTopology, type TrafficGroup } from './trafficTopology';

/** What the exporter needs of a cluster; `SimCluster` from sandbox/kube/simCluster.ts fits. */
export interface ClusterSource {
  readonly name: string;
  readonly store: ObjectStore;
}

export interface TrafficCollectorOptions extends TrafficModelOptions {
  /** Milliseconds since the epoch; tests pass a fake clock. */
  now?: () => number;
}

const TOPOLOGY_RESOURCES: ReadonlySet<ResourceName> = new Set(['deployments', 'replicasets', 'pods', 'services', 'ingresses']);
/** During a burst of store events, re-read the topology at most this often. */
const BURST_RESOLUTION_MS = 250;

interface ClusterState {
  source: ClusterSource;
  /** undefined = changed since last read. */
  topology: TrafficGroup[] | undefined;
  lastMs: number;
  unsubscribe: () => void;
}

export class TrafficCollector implements MetricsCollector {
  readonly id = 'traffic';
  readonly model: TrafficModel;
  private readonly clusters: ClusterState[] = [];
  private readonly now: () => number;

  constructor(
    clusters: readonly ClusterSource[],
    private readonly opts: TrafficCollectorOptions = {},
  ) {
    this.model = new TrafficModel(opts);
    this.now = opts.now ?? Date.now;
    for (const c of clusters) this.addCluster(c);
  }

  /** Starts counting traffic for another cluster (from now on). Returns how to stop. */
  addCluster(source: ClusterSource): () => void {
    const state: ClusterState = { source, topology: undefined, lastMs: this.now(), unsubscribe: () => undefined };
    state.unsubscribe = source.store.subscribe((e) => {
      if (!TOPOLOGY_RESOURCES.has(e.resource)) return;
      // Account the time up to this change with the topology that held during it, then mark it stale.
      if (state.topology !== undefined || this.now() - state.lastMs > BURST_RESOLUTION_MS) this.advance(state);
      state.topology = undefined;
    });
    this.clusters.push(state);
    return () => {
      state.unsubscribe();
      this.clusters.splice(this.clusters.indexOf(state), 1);
    };
  }

  /** The clusters counted now. */
  get sources(): ClusterSource[] {
    return this.clusters.map((c) => c.source);
  }

  /** Brings every counter up to now. */
  advanceAll(): void {
    for (const c of this.clusters) this.advance(c);
  }

  /** The current topology of a cluster (for tests and debugging). */
  topology(clusterName: string): TrafficGroup[] {
    const c = this.clusters.find((s) => s.source.name === clusterName);
    if (!c) return [];
    return (c.topology ??= readTopology(c.source.name, c.source.store));
  }

  /**
   * Runs the traffic of the current workloads (steady: every replica ready) for `seconds` before counting started,
   * calling `onStep` with the families at each step; the live counters then continue from the history's totals.
   * Call once, before anything scrapes.
   */
  runAhead(seconds: number, stepSeconds: number, onStep: (tMs: number, families: MetricFamily[]) => void): void {
    if (!this.clusters.length) return;
    const end = Math.min(...this.clusters.map((c) => c.lastMs));
    const history = new TrafficModel(this.opts);
    const groups = this.clusters.map((c) => steadyTopology(c.source.name, c.source.store));
    const stepMs = stepSeconds * 1000;
    for (let t = end - Math.floor(seconds / stepSeconds) * stepMs; t <= end; t += stepMs) {
      for (const g of groups) history.advance(g, stepSeconds, t);
      onStep(t, history.families());
    }
    this.model.absorb(history);
  }

  collect(): MetricFamily[] {
    this.advanceAll();
    return this.model.families();
  }

  dispose(): void {
    for (const c of this.clusters) c.unsubscribe();
    this.clusters.length = 0;
  }

  private advance(c: ClusterState): void {
    const now = this.now();
    const groups = (c.topology ??= readTopology(c.source.name, c.source.store));
    this.model.advance(groups, (now - c.lastMs) / 1000, now);
    c.lastMs = now;
  }
}
