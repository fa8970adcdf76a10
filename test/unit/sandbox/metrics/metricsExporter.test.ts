// Unit tests of the cluster-state gauges and the exporter's HTTP endpoint.
import assert from 'node:assert/strict';
import { KubeStateCollector } from '../../../../sandbox/metrics/kubeStateCollector';
import { startMetricsExporter } from '../../../../sandbox/metrics/metricsExporter';
import { renderTextFormat } from '../../../../sandbox/metrics/textFormat';
import { addDeployment, NS, newStore, podsOf, podStatus, seedPlatform } from './clusterFixture';
import { parseMetrics, sumOf } from './metricsText';

describe('kube-state gauges', () => {
  it('exports restart counts per container and available/desired replicas per deployment', () => {
    const store = newStore();
    addDeployment(store, { name: 'controller', replicas: 3, ready: 2 });
    const pod = structuredClone(podsOf(store, 'controller')[0]);
    pod.status = podStatus(false, 7);
    store.update('pods', pod);
    const text = renderTextFormat(new KubeStateCollector([{ name: 'phoenix-prod', store }]).collect());
    const s = parseMetrics(text).samples;
    assert.equal(sumOf(s, 'kube_pod_container_status_restarts_total', { cluster: 'phoenix-prod', namespace: NS, pod: pod.metadata.name, container: 'main' }), 7);
    assert.equal(sumOf(s, 'kube_deployment_status_replicas_available', { deployment: 'controller' }), 2);
    assert.equal(sumOf(s, 'kube_deployment_spec_replicas', { deployment: 'controller' }), 3);
  });
});

describe('metrics exporter', () => {
  it('serves /metrics on 127.0.0.1 and stops cleanly with a keep-alive client attached', async () => {
    const store = newStore();
    seedPlatform(store);
    let t = Date.now();
    const exporter = await startMetricsExporter({ clusters: [{ name: 'phoenix-dev', store }], now: () => (t += 1000) });
    try {
      assert.match(exporter.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${exporter.url}/metrics`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
      const s = parseMetrics(await res.text()).samples;
      assert.ok(sumOf(s, 'http_requests_total', { service: 'platform-api' }) > 0);
      assert.equal((await fetch(`${exporter.url}/nope`)).status, 404);
      assert.equal((await fetch(`${exporter.url}/metrics`, { method: 'POST' })).status, 405);
    } finally {
      await exporter.stop();
    }
    await assert.rejects(fetch(`${exporter.url}/metrics`));
  });
});
