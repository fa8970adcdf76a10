// The incremental kube-state exporter serves exactly the text a full re-render of the same stores gives, whatever
// changed between scrapes: Prometheus must parse the same series as before the exporter kept text across scrapes.
import assert from 'node:assert/strict';
import type { ObjectStore } from '../../../../sandbox/kube/store/objectStore';
import { KubeStateCollector } from '../../../../sandbox/metrics/kubeStateCollector';
import type { MetricFamily } from '../../../../sandbox/metrics/metricTypes';
import { renderTextFormat } from '../../../../sandbox/metrics/textFormat';
import type { ClusterSource } from '../../../../sandbox/metrics/trafficCollector';
import { addDeployment, NS, newStore, podsOf, podStatus } from './clusterFixture';
import { parseMetrics, sumOf } from './metricsText';

/** Scrapes the incremental path and checks it against a full re-render of the same state. */
function scrape(collector: KubeStateCollector): string {
  const text = renderTextFormat(collector.collect());
  assert.equal(text, renderTextFormat(collector.collectFull()), 'the incremental scrape differs from a full re-render');
  parseMetrics(text); // and a strict scraper accepts it
  return text;
}

function restartPod(store: ObjectStore, deployment: string, restarts: number, ns = NS): string {
  const pod = structuredClone(podsOf(store, deployment, ns)[0]);
  pod.status = podStatus(true, restarts);
  store.update('pods', pod);
  return pod.metadata.name;
}

describe('kube-state gauges, rendered incrementally', () => {
  it('serves the full re-render after pods and deployments are added, changed and deleted, and namespaces come and go', () => {
    const dev = newStore(NS, 'load-0001', 'load-0002');
    const prod = newStore(NS);
    for (let i = 0; i < 5; i++) addDeployment(dev, { namespace: i % 2 ? 'load-0001' : 'load-0002', name: `svc-${i}`, replicas: 2 });
    addDeployment(prod, { name: 'api', replicas: 3 });
    const clusters: ClusterSource[] = [{ name: 'phoenix-dev', store: dev }];
    const collector = new KubeStateCollector(() => clusters);
    const first = scrape(collector);
    assert.equal(parseMetrics(first).samples.filter((s) => s.name === 'kube_pod_container_status_restarts_total').length, 10);

    // A container restarts: its counter moves, nothing else does.
    const pod = restartPod(dev, 'svc-1', 4, 'load-0001');
    const s = parseMetrics(scrape(collector)).samples;
    assert.equal(sumOf(s, 'kube_pod_container_status_restarts_total', { pod }), 4);

    // Scaled up: a pod in the middle of the store's order (its namespace's bucket), and the deployment's gauges.
    const d = structuredClone(dev.get('deployments', 'load-0001', 'svc-1'));
    assert.ok(d);
    d.spec = { ...d.spec, replicas: 3 };
    d.status = { ...d.status, availableReplicas: 2 };
    dev.update('deployments', d);
    const extra = structuredClone(podsOf(dev, 'svc-1', 'load-0001')[0]);
    extra.metadata = { ...extra.metadata, name: `${extra.metadata.name}-new`, uid: undefined, resourceVersion: undefined };
    dev.create('pods', extra);
    const scaled = parseMetrics(scrape(collector)).samples;
    assert.equal(sumOf(scaled, 'kube_deployment_spec_replicas', { namespace: 'load-0001', deployment: 'svc-1' }), 3);
    assert.equal(sumOf(scaled, 'kube_deployment_status_replicas_available', { namespace: 'load-0001', deployment: 'svc-1' }), 2);

    // A pod deleted, a deployment deleted, a whole namespace deleted (its objects go with it), a new one created.
    const deleted = structuredClone(podsOf(dev, 'svc-0', 'load-0002')[0]);
    dev.delete('pods', 'load-0002', deleted.metadata.name);
    scrape(collector);
    dev.delete('deployments', 'load-0002', 'svc-2');
    scrape(collector);
    dev.delete('namespaces', undefined, 'load-0001');
    const gone = parseMetrics(scrape(collector)).samples;
    assert.equal(gone.filter((x) => x.labels.namespace === 'load-0001').length, 0);
    dev.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'load-0003' } });
    addDeployment(dev, { namespace: 'load-0003', name: 'svc-9', replicas: 1 });
    // The same pod name again after its deletion (a new object, at the end of its namespace's bucket).
    deleted.metadata = { ...deleted.metadata, uid: undefined, resourceVersion: undefined };
    deleted.status = podStatus(true, 9);
    dev.create('pods', deleted);
    scrape(collector);

    // A second cluster joins, changes while the first stays still, and a scrape of nothing new is the same text.
    clusters.push({ name: 'phoenix-prod', store: prod });
    scrape(collector);
    restartPod(prod, 'api', 1);
    const both = scrape(collector);
    assert.equal(renderTextFormat(collector.collect()), both);
    assert.ok(parseMetrics(both).samples.some((x) => x.labels.cluster === 'phoenix-prod'));
  });

  it('keeps the text of an unchanged cluster from one scrape to the next and re-renders one that changed', () => {
    const dev = newStore();
    const prod = newStore();
    addDeployment(dev, { name: 'a' });
    addDeployment(prod, { name: 'b' });
    const collector = new KubeStateCollector([
      { name: 'phoenix-dev', store: dev },
      { name: 'phoenix-prod', store: prod },
    ]);
    const restarts = (fs: MetricFamily[]) => fs.find((f) => f.name === 'kube_pod_container_status_restarts_total')?.rendered ?? '';
    const before = restarts(collector.collect());
    assert.equal(restarts(collector.collect()), before);
    const pod = restartPod(prod, 'b', 2);
    const after = restarts(collector.collect());
    assert.notEqual(after, before);
    assert.match(after, new RegExp(`pod="${pod}",container="main"} 2$`, 'm'));
    // The unchanged cluster's lines are the same, at the same place.
    assert.equal(after.split('\n').slice(0, 2).join('\n'), before.split('\n').slice(0, 2).join('\n'));
  });
});
