// Cluster-state gauges in kube-state-metrics' names (restarts, available/desired replicas), read from each store at scrape time.
import type { MetricFamily, MetricsCollector, Sample } from './metricsRegistry';
import { containerRestarts, numberField } from './kubeShapes';
import type { ClusterSource } from './trafficCollector';

export class KubeStateCollector implements MetricsCollector {
  readonly id = 'kube-state';

  /** A fixed list, or a getter so clusters added to the exporter later are included. */
  constructor(private readonly clusters: readonly ClusterSource[] | (() => readonly ClusterSource[])) {}

  collect(): MetricFamily[] {
    const restarts: Sample[] = [];
    const available: Sample[] = [];
    const desired: Sample[] = [];
    const clusters = typeof this.clusters === 'function' ? this.clusters() : this.clusters;
    for (const { name: cluster, store } of clusters) {
      for (const pod of store.list('pods')) {
        const base = { cluster, namespace: pod.metadata.namespace ?? '', pod: pod.metadata.name };
        for (const c of containerRestarts(pod)) restarts.push({ labels: { ...base, container: c.container }, value: c.restarts });
      }
      for (const d of store.list('deployments')) {
        const labels = { cluster, namespace: d.metadata.namespace ?? '', deployment: d.metadata.name };
        available.push({ labels, value: numberField(d.status, 'availableReplicas') });
        // A missing spec.replicas means 1, as the API server defaults it.
        desired.push({ labels, value: typeof d.spec?.replicas === 'number' ? d.spec.replicas : 1 });
      }
    }
    return [
      { name: 'kube_pod_container_status_restarts_total', help: 'The number of container restarts per container.', type: 'counter', samples: restarts },
      { name: 'kube_deployment_status_replicas_available', help: 'The number of available replicas per deployment.', type: 'gauge', samples: available },
      { name: 'kube_deployment_spec_replicas', help: 'Number of desired pods for a deployment.', type: 'gauge', samples: desired },
    ];
  }
}
