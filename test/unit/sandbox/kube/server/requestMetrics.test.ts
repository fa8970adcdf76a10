// /metrics on the simulated API server: what clients asked for, counted as kube-apiserver counts it (the benchmark of
// issue 14 reads it to prove a collapsed kind costs no list and no watch).
import assert from 'node:assert/strict';
import { parseMetrics, type MetricSample } from '../../../../../sandbox/kube/server/requestMetrics';
import { eventually } from '../../../../shared/waitFor';
import { startHarness, type Harness } from './serverHarness';

function value(samples: MetricSample[], name: string, labels: Record<string, string>): number {
  return samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((n, s) => n + s.value, 0);
}

describe('API server: request metrics on /metrics', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  const metrics = async () => {
    const r = await h.request('GET', '/metrics', { accept: 'text/plain' });
    assert.equal(r.status, 200);
    return parseMetrics(r.text);
  };

  it('counts lists and gets by verb, resource, scope and code; nothing for a kind nobody asked for', async () => {
    await h.request('GET', '/api/v1/namespaces/phoenix-system/configmaps');
    await h.request('GET', '/api/v1/namespaces/phoenix-system/configmaps?limit=1');
    await h.request('GET', '/apis/apps/v1/deployments');
    await h.request('GET', '/apis/apps/v1/namespaces/phoenix-system/deployments/no-such-deployment');
    const m = await metrics();
    assert.equal(value(m, 'apiserver_request_total', { verb: 'LIST', resource: 'configmaps', scope: 'namespace', code: '200', group: '', version: 'v1' }), 2);
    assert.equal(value(m, 'apiserver_request_total', { verb: 'LIST', resource: 'deployments', scope: 'cluster', group: 'apps' }), 1);
    assert.equal(value(m, 'apiserver_request_total', { verb: 'GET', resource: 'deployments', scope: 'resource', code: '404' }), 1);
    assert.equal(value(m, 'apiserver_request_total', { resource: 'secrets' }), 0);
    // Discovery, health and /metrics itself are not resource requests.
    assert.equal(value(m, 'apiserver_request_total', { resource: '' }), 0);
  });

  it('shows an open watch as a long-running request, and counts it once it is closed', async () => {
    const w = await h.watch('/api/v1/namespaces/phoenix-system/configmaps?watch=true');
    await eventually('the watch counted as open', async () => assert.equal(value(await metrics(), 'apiserver_longrunning_requests', { verb: 'WATCH', resource: 'configmaps' }), 1));
    assert.equal(value(await metrics(), 'apiserver_request_total', { verb: 'WATCH', resource: 'configmaps' }), 0);
    w.close();
    await eventually('the closed watch counted', async () => {
      const m = await metrics();
      assert.equal(value(m, 'apiserver_longrunning_requests', { verb: 'WATCH', resource: 'configmaps' }), 0);
      assert.equal(value(m, 'apiserver_request_total', { verb: 'WATCH', resource: 'configmaps' }), 1);
    });
  });
});
