// A PromQL range result as a chart spec: series aligned on the union of their timestamps (a series without a
// sample at a time gets a gap there), named by the labels that tell them apart.
import type { PromqlSeries } from '../runbookOutput';
import type { ChartQuery, ChartUnit, TimeChartSpec } from './chartSpec';

/** The labels worth showing: every label key, __name__ first (as "metric"). */
export function labelKeys(series: readonly PromqlSeries[]): string[] {
  return [...new Set(series.flatMap((s) => Object.keys(s.labels)))].sort((a, b) => (a === '__name__' ? -1 : b === '__name__' ? 1 : a.localeCompare(b)));
}

/**
 * "service=platform-api, status=500" — only labels whose values differ between the series, when there are several;
 * the metric name first when that is what differs (`up or process_open_fds`). A legend never repeats one label: series
 * still alike (`sum(a) or sum(b)`) are numbered.
 */
export function seriesNames(series: readonly PromqlSeries[], fallback: string): string[] {
  const all = labelKeys(series);
  const keys = all.filter((k) => k !== '__name__');
  const differs = (k: string) => new Set(series.map((s) => s.labels[k])).size > 1;
  const varying = series.length > 1 ? all.filter(differs) : keys;
  const shown = varying.length ? varying : keys;
  const names = series.map((s) => shown.filter((k) => s.labels[k] !== undefined).map((k) => (k === '__name__' ? s.labels[k] : `${k}=${s.labels[k]}`)).join(', ') || s.labels.__name__ || fallback);
  const seen = new Map<string, number>();
  const total = new Map<string, number>();
  for (const n of names) total.set(n, (total.get(n) ?? 0) + 1);
  return names.map((n) => {
    if ((total.get(n) ?? 0) < 2) return n;
    const i = (seen.get(n) ?? 0) + 1;
    seen.set(n, i);
    return `${n} (${i})`;
  });
}

export function alignSeries(series: readonly PromqlSeries[]): { x: number[]; values: Array<Array<number | null>> } {
  const x = [...new Set(series.flatMap((s) => s.values.map((v) => v[0])))].sort((a, b) => a - b);
  const index = new Map(x.map((t, i) => [t, i]));
  const values = series.map((s) => {
    const col: Array<number | null> = new Array<number | null>(x.length).fill(null);
    for (const [t, v] of s.values) {
      const i = index.get(t);
      if (i !== undefined) col[i] = v;
    }
    return col;
  });
  return { x, values };
}

export function promqlChart(opts: { id: string; title: string; expr: string; series: readonly PromqlSeries[]; unit?: ChartUnit; query?: ChartQuery; summary?: string }): TimeChartSpec {
  const { x, values } = alignSeries(opts.series);
  const names = seriesNames(opts.series, opts.expr);
  return {
    kind: 'time',
    id: opts.id,
    title: opts.title,
    ...(opts.summary ? { summary: opts.summary } : {}),
    unit: opts.unit ?? 'none',
    x,
    series: values.map((v, i) => ({ label: names[i] ?? opts.expr, values: v })),
    ...(opts.query ? { queries: [opts.query] } : {}),
    emptyText: 'No data: the query matched no series in this range.',
  };
}
