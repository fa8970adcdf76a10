// Pod usage is read only while the view is visible, with one request per poll for the whole scope (a namespace, or
// all namespaces), and a cluster without the metrics API becomes a state said once, not an error.
import assert from 'node:assert/strict';
import { err, ok } from '../../../../src/core/result';
import { PodUsageModel, type PodMetricsLikeItem, type UsageFetchError } from '../../../../src/domain/usage/podUsageModel';
import { waitFor } from '../../../shared/waitFor';

function model(answer: () => ReturnType<typeof ok<PodMetricsLikeItem[]>> | ReturnType<typeof err<UsageFetchError>>) {
  const calls: Array<[string, string | undefined]> = [];
  const m = new PodUsageModel({
    fetch: (context, namespace) => {
      calls.push([context, namespace]);
      return Promise.resolve(answer());
    },
    intervalMs: () => 60_000,
  });
  return { m, calls };
}

const item = (namespace: string, name: string): PodMetricsLikeItem => ({ metadata: { namespace, name }, containers: [{ name: 'c', usage: { cpu: '1m', memory: '1Mi' } }] });

describe('pod usage model', () => {
  it('asks nothing while the view is hidden, once per scope when shown, and all namespaces in one request', async () => {
    const { m, calls } = model(() => ok([item('ns', 'p1'), item('ns', 'p2')]));
    m.setScope({ context: 'dev', namespace: 'ns' });
    assert.deepEqual(calls, []);
    m.setActive(true);
    await waitFor('the first poll', () => m.state.kind === 'ok');
    assert.deepEqual(calls, [['dev', 'ns']]);
    assert.ok(m.metricsOf('ns', 'p2'));
    assert.equal(m.metricsOf('other', 'p2'), undefined);
    m.setScope({ context: 'dev', namespace: undefined });
    await waitFor('the all-namespaces poll', () => calls.length === 2);
    assert.deepEqual(calls[1], ['dev', undefined]);
    m.setActive(false);
    await m.refresh();
    assert.equal(calls.length, 2, 'a hidden view asks nothing');
    m.dispose();
  });

  it('says "metrics API not available" for 404/503 and forgets old figures; other errors say their message', async () => {
    let answer: () => ReturnType<typeof ok<PodMetricsLikeItem[]>> | ReturnType<typeof err<UsageFetchError>> = () => ok([item('ns', 'p1')]);
    const { m } = model(() => answer());
    m.setScope({ context: 'dev', namespace: 'ns' });
    m.setActive(true);
    await waitFor('ok', () => m.state.kind === 'ok');
    answer = () => err({ kind: 'unavailable', message: 'metrics API not available' });
    await m.refresh();
    assert.deepEqual(m.state, { kind: 'unavailable', message: 'usage: metrics API not available' });
    assert.equal(m.metricsOf('ns', 'p1'), undefined);
    answer = () => err({ kind: 'forbidden', message: 'pods.metrics.k8s.io is forbidden' });
    await m.refresh();
    assert.deepEqual(m.state, { kind: 'error', message: 'usage: pods.metrics.k8s.io is forbidden' });
    m.dispose();
  });

  it('drops an answer that arrives after the scope changed', async () => {
    let release: (() => void) | undefined;
    const calls: string[] = [];
    const m = new PodUsageModel({
      fetch: async (_c, ns) => {
        calls.push(ns ?? '*');
        if (ns === 'old') await new Promise<void>((r) => (release = r));
        return ok([item(ns ?? '', 'p')]);
      },
      intervalMs: () => 60_000,
    });
    m.setActive(true);
    m.setScope({ context: 'dev', namespace: 'old' });
    await waitFor('the slow poll to start', () => release !== undefined);
    m.setScope({ context: 'dev', namespace: 'new' });
    release?.();
    await waitFor('the new scope read', () => m.metricsOf('new', 'p') !== undefined);
    assert.equal(m.metricsOf('old', 'p'), undefined);
    m.dispose();
  });
});
