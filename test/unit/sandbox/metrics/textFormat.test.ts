// Unit tests of the text exposition format and the collector registry (the hook later metric families plug into).
import assert from 'node:assert/strict';
import { KubeStateCollector } from '../../../../sandbox/metrics/kubeStateCollector';
import { MetricsRegistry, ValueFamily } from '../../../../sandbox/metrics/metricsRegistry';
import { renderTextFormat } from '../../../../sandbox/metrics/textFormat';
import { TrafficCollector } from '../../../../sandbox/metrics/trafficCollector';
import { newStore, seedPlatform } from './clusterFixture';
import { parseMetrics, sumOf } from './metricsText';

describe('metrics text format', () => {
  it('writes HELP and TYPE once per family, escapes labels and help, and formats special values', () => {
    const text = renderTextFormat([
      { name: 'a_total', help: 'line one\nback\\slash', type: 'counter', samples: [{ labels: { path: 'say "hi"\\\n' }, value: 3 }] },
      { name: 'g', help: 'gauge', type: 'gauge', samples: [{ labels: {}, value: Infinity }, { labels: { x: '1' }, value: NaN }, { labels: { x: '2' }, value: -0.5 }] },
      { name: 'a_total', help: 'again', type: 'counter', samples: [{ labels: { path: '/' }, value: 1e21 }] },
    ]);
    assert.equal(
      text,
      [
        '# HELP a_total line one\\nback\\\\slash',
        '# TYPE a_total counter',
        'a_total{path="say \\"hi\\"\\\\\\n"} 3',
        'a_total{path="/"} 1e+21',
        '# HELP g gauge',
        '# TYPE g gauge',
        'g +Inf',
        'g{x="1"} NaN',
        'g{x="2"} -0.5',
        '',
      ].join('\n'),
    );
    const parsed = parseMetrics(text);
    assert.equal(parsed.samples[0].labels.path, 'say "hi"\\\n');
    assert.equal(parsed.types.get('a_total'), 'counter');
  });

  it('drops an invalid family with an ERROR comment instead of breaking the scrape', () => {
    const text = renderTextFormat([
      { name: 'bad-name', help: '', type: 'gauge', samples: [{ labels: {}, value: 1 }] },
      { name: 'ok', help: 'fine', type: 'gauge', samples: [{ labels: { __reserved: 'x' }, value: 1 }] },
      { name: 'ok2', help: 'fine', type: 'gauge', samples: [{ labels: { good: 'x' }, value: 2 }] },
      { name: 'ok2', help: 'clash', type: 'counter', samples: [{ labels: {}, value: 2 }] },
    ]);
    assert.match(text, /^# ERROR invalid metric name "bad-name"$/m);
    assert.match(text, /^# ERROR invalid label name "__reserved" in ok$/m);
    assert.match(text, /^# ERROR family ok2 declared as both gauge and counter/m);
    assert.deepEqual(parseMetrics(text).samples.map((s) => s.name), ['ok2']);
  });

  it('renders the exporter families as a valid exposition (contiguous families, cumulative histograms)', async () => {
    const store = newStore();
    seedPlatform(store);
    const registry = new MetricsRegistry();
    let t = 0;
    registry.register(new TrafficCollector([{ name: 'phoenix-dev', store }], { now: () => (t += 1500) }));
    registry.register(new KubeStateCollector([{ name: 'phoenix-dev', store }]));
    const parsed = parseMetrics(await registry.render());
    assert.equal(parsed.types.get('http_requests_total'), 'counter');
    assert.equal(parsed.types.get('request_duration_seconds'), 'histogram');
    const buckets = parsed.samples.filter((s) => s.name === 'request_duration_seconds_bucket' && s.labels.service === 'platform-api' && s.labels.track === 'primary');
    assert.deepEqual(
      buckets.map((b) => b.labels.le),
      ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '+Inf'],
    );
    assert.deepEqual(Object.keys(parsed.samples.find((s) => s.name === 'http_requests_total')!.labels), ['cluster', 'namespace', 'service', 'track', 'status']);
  });
});

describe('metrics registry', () => {
  it('keeps a scrape working when a collector throws or hangs', async () => {
    const registry = new MetricsRegistry();
    const depth = new ValueFamily('phoenix_task_queue_depth', 'Tasks by status.');
    depth.set({ status: 'pending' }, 4);
    depth.set({ status: 'running' }, 1);
    depth.set({ status: 'pending' }, 5);
    registry.register(depth);
    registry.register({ id: 'broken', collect: () => { throw new Error('db down'); } });
    const hang = registry.register({ id: 'slow', collect: (signal) => new Promise((resolve) => signal.addEventListener('abort', () => resolve([]))) });
    const text = await registry.render(100);
    assert.match(text, /# ERROR collector broken failed: db down/);
    assert.match(text, /# ERROR collector slow failed: timed out after 100 ms/);
    assert.equal(sumOf(parseMetrics(text).samples, 'phoenix_task_queue_depth', { status: 'pending' }), 5);
    hang.dispose();
    assert.doesNotMatch(await registry.render(100), /slow/);
  });

  it('ValueFamily counters only add', () => {
    const c = new ValueFamily('phoenix_tasks_completed_total', 'Completed tasks.', 'counter');
    c.inc({ type: 'health' });
    c.inc({ type: 'health' }, 2);
    assert.deepEqual(c.collect()[0].samples, [{ labels: { type: 'health' }, value: 3 }]);
  });
});
