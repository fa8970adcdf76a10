import assert from 'node:assert/strict';
import { alignThreshold, chartColumns, chartCsv, chartTable, columnStats, describeChart, exportFileName } from '../../../src/shared/chart/chartColumns';
import { compact, formatDuration, formatTick, formatValue, significant } from '../../../src/shared/chart/chartFormat';
import type { TimeChartSpec } from '../../../src/shared/chart/chartSpec';
import { alignSeries, promqlChart, seriesNames } from '../../../src/shared/chart/promqlChart';
import { seriesStyle } from '../../../src/shared/chart/seriesStyle';
import { stepPoints } from '../../../src/shared/chart/stepPoints';
import { stepFor, timeRange } from '../../../src/shared/chartPanelProtocol';

const T = 1_736_070_000; // 2025-01-05T09:40:00Z

function canarySpec(): TimeChartSpec {
  return {
    kind: 'time',
    id: 'err',
    title: 'Error ratio',
    unit: 'ratio',
    x: [T, T + 60, T + 120, T + 180],
    series: [
      { label: 'canary', values: [0.0004, null, 0.0061, 0.0002], details: [{ at: T + 120, rows: [['verdict', 'failed']] }] },
      { label: 'weight', values: [5, 5, 20, 0], style: 'step', axis: 'right', unit: 'percent' },
    ],
    thresholds: [{ label: 'max error', segments: [{ from: T, to: T + 60, value: 0.001 }, { from: T + 120, to: T + 180, value: 0.005 }] }],
    markers: [{ at: T + 120, label: 'phase 2', kind: 'info' }],
    bands: [{ from: T + 120, label: 'HighErrorRate', kind: 'failure' }],
  };
}

describe('chart values for people', () => {
  it('writes each unit as an SRE reads it', () => {
    assert.equal(formatValue(0.0712, 'seconds'), '71.2 ms');
    assert.equal(formatValue(2.5, 'seconds'), '2.5 s');
    assert.equal(formatValue(0.00052, 'ratio'), '0.052 %');
    assert.equal(formatValue(99.95, 'percent'), '100 %');
    assert.equal(formatValue(15000, 'dollars'), '$15,000');
    assert.equal(formatValue(-4.5, 'dollars'), '−$4.50');
    assert.equal(formatValue(14.4, 'multiple'), '14.4×');
    assert.equal(formatValue(268_435_456, 'bytes'), '256 MiB');
    assert.equal(formatValue(20.123, 'requestsPerSecond'), '20.1 req/s');
    assert.equal(formatValue(123456, 'count'), '123,456');
    assert.equal(formatValue(null, 'seconds'), 'no data');
    assert.equal(formatValue(Number.POSITIVE_INFINITY, 'none'), '+Inf');
    assert.equal(formatValue(Number.NaN, 'none'), 'no data');
  });

  it('keeps axis ticks short and numbers to three significant digits', () => {
    assert.equal(formatTick(0.25, 'ratio'), '25%');
    assert.equal(formatTick(45000, 'dollars'), '$45k');
    assert.equal(formatTick(0.1, 'seconds'), '100ms');
    assert.equal(compact(4_560_000), '4.56M');
    assert.equal(compact(999), '999');
    assert.equal(significant(0.012345), '0.0123');
    assert.equal(significant(1234567), '1,230,000');
    assert.equal(formatDuration(3600), '1 h');
    assert.equal(formatDuration(5400), '1 h 30 min');
    assert.equal(formatDuration(3 * 86_400 + 7200), '3 d 2 h');
  });
});

describe('chart columns', () => {
  it('aligns a threshold that changes per phase to the chart times, with no threshold between phases', () => {
    assert.deepEqual(alignThreshold([T, T + 60, T + 90, T + 120, T + 200], canarySpec().thresholds![0]), [0.001, 0.001, null, 0.005, null]);
    // Where two segments meet, the later one holds from its start.
    assert.deepEqual(alignThreshold([0, 10, 20], { segments: [{ from: 10, to: 20, value: 2 }, { from: 0, to: 10, value: 1 }] }), [1, 2, 2]);
    assert.deepEqual(alignThreshold([], { segments: [{ from: 0, to: 1, value: 1 }] }), []);
  });

  it('flattens series and thresholds with their units, axes and details', () => {
    const cols = chartColumns(canarySpec());
    assert.deepEqual(cols.map((c) => [c.label, c.role, c.axis, c.unit, c.shape]), [
      ['canary', 'data', 'left', 'ratio', 'line'],
      ['weight', 'data', 'right', 'percent', 'step'],
      ['max error', 'threshold', 'left', 'ratio', 'step'],
    ]);
    assert.deepEqual(cols[0]?.details.get(T + 120), [['verdict', 'failed']]);
    assert.deepEqual(columnStats(cols[0].values, canarySpec().x), { last: 0.0002, lastAt: T + 180, min: 0.0002, max: 0.0061 });
    assert.deepEqual(columnStats([null, null]), { last: null, lastAt: null, min: null, max: null });
  });

  it('exports CSV with ISO times, raw numbers, units in headers and empty gaps; Copy is the same tab-separated', () => {
    const csv = chartCsv(canarySpec());
    assert.equal(
      csv,
      [
        'time,canary (ratio),weight (%),max error (ratio)',
        '2025-01-05T09:40:00.000Z,0.0004,5,0.001',
        '2025-01-05T09:41:00.000Z,,5,0.001',
        '2025-01-05T09:42:00.000Z,0.0061,20,0.005',
        '2025-01-05T09:43:00.000Z,0.0002,0,0.005',
        '',
      ].join('\n'),
    );
    assert.match(chartCsv(canarySpec(), '\t'), /^time\tcanary \(ratio\)\tweight \(%\)/);
    const quoted = chartCsv({ kind: 'bar', id: 'b', title: 'x', unit: 'dollars', categories: ['a,b', 'say "hi"'], series: [{ label: 'before', values: [1, null] }] });
    assert.equal(quoted, 'category,before ($)\n"a,b",1\n"say ""hi""",\n');
  });

  it('tables format values with units; bar tables are by category', () => {
    const t = chartTable(canarySpec());
    assert.deepEqual(t.header, ['time', 'canary', 'weight', 'max error']);
    assert.deepEqual(t.rows[2]?.slice(1), ['0.61 %', '20 %', '0.5 %']);
    assert.equal(t.rows[1]?.[1], '');
    const bars = chartTable({ kind: 'bar', id: 'b', title: 'Cost', unit: 'dollars', categories: ['phase-5'], series: [{ label: 'before', values: [21000] }, { label: 'after', values: [6300] }] });
    assert.deepEqual(bars, { header: ['category', 'before', 'after'], rows: [['phase-5', '$21,000', '$6,300']] });
  });

  it('describes the chart in words for screen readers: span, each series, limits and events', () => {
    const d = describeChart(canarySpec());
    assert.match(d, /^Time chart over 3 min, from \d\d:\d\d:\d\d to \d\d:\d\d:\d\d\./);
    assert.match(d, /canary: last 0\.02 %, min 0\.02 %, max 0\.61 %/);
    assert.match(d, /Limits: max error: 0\.1 %, then 0\.5 %\./);
    assert.match(d, /phase 2; HighErrorRate from \d\d:\d\d:\d\d, still going\./);
    assert.equal(describeChart({ ...canarySpec(), x: [], emptyText: 'Prometheus has no data' }), 'Prometheus has no data');
    assert.match(describeChart({ kind: 'bar', id: 'b', title: 'Cost', unit: 'dollars', categories: ['a'], series: [{ label: 'before', values: [10] }] }), /^Bar chart, 1 group\. a: before \$10\.00\.$/);
  });

  it('names export files after the chart title and time', () => {
    assert.equal(exportFileName(canarySpec(), 'png', new Date('2025-01-05T09:42:31Z')), 'error-ratio-2025-01-05T09-42.png');
  });
});

describe('series styles', () => {
  it('gives the first seven series different dash patterns, and no colour+dash pair repeats within 42', () => {
    const styles = Array.from({ length: 42 }, (_, i) => seriesStyle(i));
    assert.equal(new Set(styles.slice(0, 7).map((s) => s.dashName)).size, 7);
    assert.equal(new Set(styles.map((s) => `${s.colourVariable}|${s.dashName}`)).size, 42);
    // Series 0 and 6 share a colour: they must differ in dash.
    assert.equal(styles[0]?.colourVariable, styles[6]?.colourVariable);
    assert.notEqual(styles[0]?.dashName, styles[6]?.dashName);
  });
});

describe('PromQL results as charts', () => {
  const series = [
    { labels: { __name__: 'up', job: 'api', instance: 'a' }, values: [[10, 1], [20, 1]] as Array<[number, number | null]> },
    { labels: { __name__: 'up', job: 'api', instance: 'b' }, values: [[20, 0], [30, null]] as Array<[number, number | null]> },
  ];

  it('aligns series on the union of their timestamps, with gaps where one has no sample', () => {
    assert.deepEqual(alignSeries(series), { x: [10, 20, 30], values: [[1, 1, null], [null, 0, null]] });
  });

  it('names series by the labels that differ between them', () => {
    assert.deepEqual(seriesNames(series, 'up'), ['instance=a', 'instance=b']);
    assert.deepEqual(seriesNames([series[0]], 'up'), ['instance=a, job=api']);
    assert.deepEqual(seriesNames([{ labels: {}, values: [] }], 'sum(x)'), ['sum(x)']);
    // A legend never repeats one label: the metric name when that is what differs, else a number.
    assert.deepEqual(seriesNames([{ labels: { __name__: 'up', job: 'api' }, values: [] }, { labels: { __name__: 'process_open_fds', job: 'api' }, values: [] }], 'q'), ['up', 'process_open_fds']);
    assert.deepEqual(seriesNames([{ labels: { __name__: 'up', job: 'api', instance: 'a' }, values: [] }, { labels: { __name__: 'scrape_samples', job: 'api', instance: 'b' }, values: [] }], 'q'), ['up, instance=a', 'scrape_samples, instance=b']);
    assert.deepEqual(seriesNames([{ labels: {}, values: [] }, { labels: {}, values: [] }], 'sum(a) or sum(b)'), ['sum(a) or sum(b) (1)', 'sum(a) or sum(b) (2)']);
    assert.deepEqual(seriesNames([{ labels: { job: 'x' }, values: [] }, { labels: { job: 'x' }, values: [] }, { labels: { job: 'y' }, values: [] }], 'q'), ['job=x (1)', 'job=x (2)', 'job=y']);
    const spec = promqlChart({ id: 'c', title: 'Range query', expr: 'up', series });
    assert.equal(spec.series.length, 2);
    assert.equal(spec.unit, 'none');
  });
});

describe('panel time ranges', () => {
  it('offers Prometheus durations with a step of about 240 points, defaulting to the last hour', () => {
    assert.equal(timeRange('6h').seconds, 21_600);
    assert.equal(timeRange('bogus').id, '1h');
    assert.equal(stepFor(3600), 15);
    assert.equal(stepFor(21_600), 120);
    assert.equal(stepFor(7 * 86_400), 3600);
    assert.equal(stepFor(60), 1);
  });
});

describe('step lines thinned for drawing', () => {
  it('keeps only the ends of each run, so a flat weight over 100,000 samples is two points', () => {
    const flat = stepPoints(Array.from({ length: 100_000 }, () => 5));
    assert.equal(flat.filter((v) => v !== undefined).length, 2);
    assert.equal(flat[0], 5);
    assert.equal(flat[99_999], 5);
    assert.deepEqual(stepPoints([5, 5, 5, 20, 20, 20, 40]), [5, undefined, 5, 20, undefined, 20, 40]);
  });

  it('keeps every change, every gap and the points beside a gap, so the line still breaks where data is missing', () => {
    assert.deepEqual(stepPoints([]), []);
    assert.deepEqual(stepPoints([7]), [7]);
    assert.deepEqual(stepPoints([1, 2, 1, 2]), [1, 2, 1, 2]);
    assert.deepEqual(stepPoints([5, 5, null, null, 5, 5, 5]), [5, 5, null, null, 5, undefined, 5]);
    assert.deepEqual(stepPoints([null, 0, 0, 0, null]), [null, 0, undefined, 0, null]);
    assert.deepEqual(stepPoints([0, 0, 0]), [0, undefined, 0]);
  });
});
