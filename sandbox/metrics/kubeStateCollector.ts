// Cluster-state gauges in kube-state-metrics' names (restarts, available/desired replicas), read from each store at
// scrape time and rendered incrementally: a load sandbox has ~40,000 of these series, and a scrape re-renders only
// the objects that changed since the last one (an unchanged cluster costs nothing at all).
import type { KubeObject } from '../kube/store/types';
import type { MetricFamily, MetricsCollector, Sample } from './metricsRegistry';
import { containerRestarts, numberField } from './kubeShapes';
import { renderSampleLines } from './textFormat';
import type { ClusterSource } from './trafficCollector';

const RESTARTS = { name: 'kube_pod_container_status_restarts_total', help: 'The number of container restarts per container.', type: 'counter' } as const;
const AVAILABLE = { name: 'kube_deployment_status_replicas_available', help: 'The number of available replicas per deployment.', type: 'gauge' } as const;
const DESIRED = { name: 'kube_deployment_spec_replicas', help: 'Number of desired pods for a deployment.', type: 'gauge' } as const;
const FAMILIES = [RESTARTS, AVAILABLE, DESIRED] as const;

/** The samples of one object, per family (in FAMILIES' order): the single definition both render paths use. */
function podSamples(cluster: string, pod: KubeObject): Sample[][] {
  const base = { cluster, namespace: pod.metadata.namespace ?? '', pod: pod.metadata.name };
  return [containerRestarts(pod).map((c) => ({ labels: { ...base, container: c.container }, value: c.restarts })), [], []];
}

function deploymentSamples(cluster: string, d: KubeObject): Sample[][] {
  const labels = { cluster, namespace: d.metadata.namespace ?? '', deployment: d.metadata.name };
  // A missing spec.replicas means 1, as the API server defaults it.
  return [[], [{ labels, value: numberField(d.status, 'availableReplicas') }], [{ labels, value: typeof d.spec?.replicas === 'number' ? d.spec.replicas : 1 }]];
}

/** One object's lines per family ('' when it has none there), valid for this cluster name and resourceVersion. */
interface ObjectText {
  cluster: string;
  resourceVersion: string | undefined;
  text: string[];
}

/** One cluster's text per family, valid while its store's resourceVersion is the same. */
interface ClusterText {
  resourceVersion: number;
  text: string[];
}

export class KubeStateCollector implements MetricsCollector {
  readonly id = 'kube-state';
  /**
   * Keyed by the stored object: the store replaces an object on every change (stored instances are read-only), and
   * the resourceVersion is checked too. Entries of deleted objects go with them.
   */
  private readonly objectText = new WeakMap<KubeObject, ObjectText>();
  private readonly clusterText = new WeakMap<ClusterSource, ClusterText>();

  /** A fixed list, or a getter so clusters added to the exporter later are included. */
  constructor(private readonly clusters: readonly ClusterSource[] | (() => readonly ClusterSource[])) {}

  collect(): MetricFamily[] {
    const parts: string[][] = FAMILIES.map(() => []);
    for (const source of this.sources()) {
      const text = this.textOf(source);
      text.forEach((t, i) => t && parts[i].push(t));
    }
    return FAMILIES.map((f, i) => ({ ...f, samples: [], rendered: parts[i].join('\n') }));
  }

  /** Every sample built afresh (what `collect` serves, as text): the reference the incremental path is tested against. */
  collectFull(): MetricFamily[] {
    const samples: Sample[][] = FAMILIES.map(() => []);
    for (const { name: cluster, store } of this.sources()) {
      for (const pod of store.list('pods')) podSamples(cluster, pod).forEach((s, i) => samples[i].push(...s));
      for (const d of store.list('deployments')) deploymentSamples(cluster, d).forEach((s, i) => samples[i].push(...s));
    }
    return FAMILIES.map((f, i) => ({ ...f, samples: samples[i] }));
  }

  private sources(): readonly ClusterSource[] {
    return typeof this.clusters === 'function' ? this.clusters() : this.clusters;
  }

  private textOf(source: ClusterSource): string[] {
    const cached = this.clusterText.get(source);
    const rv = source.store.resourceVersion;
    if (cached?.resourceVersion === rv) return cached.text;
    // Pods then deployments, per family in store order: exactly the order collectFull() yields.
    const lines: string[][] = FAMILIES.map(() => []);
    for (const pod of source.store.list('pods')) this.objectLines(source.name, pod, podSamples).forEach((t, i) => t && lines[i].push(t));
    for (const d of source.store.list('deployments')) this.objectLines(source.name, d, deploymentSamples).forEach((t, i) => t && lines[i].push(t));
    const text = lines.map((l) => l.join('\n'));
    this.clusterText.set(source, { resourceVersion: rv, text });
    return text;
  }

  private objectLines(cluster: string, o: KubeObject, samplesOf: (cluster: string, o: KubeObject) => Sample[][]): string[] {
    const cached = this.objectText.get(o);
    if (cached && cached.cluster === cluster && cached.resourceVersion === o.metadata.resourceVersion) return cached.text;
    const text = samplesOf(cluster, o).map((samples, i) => {
      const lines = renderSampleLines({ ...FAMILIES[i], samples });
      // Fixed metric and label names: only a broken edit of this file gets here (the collector then fails, named in the scrape).
      if (typeof lines === 'string') throw new Error(lines);
      return lines.join('\n');
    });
    this.objectText.set(o, { cluster, resourceVersion: o.metadata.resourceVersion, text });
    return text;
  }
}
