// A chart spec flattened into columns (data series, then thresholds aligned to x): what the plot draws, what the
// legend lists, what the table view and CSV hold and what the accessible description says — one source for all.
import { formatDuration, formatTime, formatValue, unitSuffix } from './chartFormat';
import type { BarChartSpec, ChartSpec, ChartUnit, DetailRow, Threshold } from './chartSpec';
import { type SeriesStyle, seriesStyle, thresholdStyle } from './seriesStyle';

export interface ChartColumn {
  label: string;
  unit: ChartUnit;
  values: Array<number | null>;
  role: 'data' | 'threshold';
  axis: 'left' | 'right';
  shape: 'line' | 'step' | 'area' | 'bar';
  style: SeriesStyle;
  /** Details by x value (unix seconds). */
  details: Map<number, DetailRow[]>;
  hidden: boolean;
}

/** The threshold's value at each x: the segment that holds there (the later one where two meet), null outside all. */
export function alignThreshold(x: readonly number[], t: Pick<Threshold, 'segments'>): Array<number | null> {
  const segments = [...t.segments].sort((a, b) => a.from - b.from);
  const out: Array<number | null> = new Array<number | null>(x.length).fill(null);
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    // Segments and x are both ascending: advance past segments that ended before xi.
    while (s < segments.length && segments[s].to < xi) s++;
    for (let k = s; k < segments.length && segments[k].from <= xi; k++) if (segments[k].to >= xi) out[i] = segments[k].value;
  }
  return out;
}

export function chartColumns(spec: ChartSpec): ChartColumn[] {
  if (spec.kind === 'bar') return barColumns(spec);
  const rightUnit = spec.series.find((s) => s.axis === 'right')?.unit ?? spec.unit;
  const data = spec.series.map(
    (s, i): ChartColumn => ({
      label: s.label,
      unit: s.axis === 'right' ? (s.unit ?? rightUnit) : (s.unit ?? spec.unit),
      values: s.values,
      role: 'data',
      axis: s.axis ?? 'left',
      shape: s.style ?? 'line',
      style: seriesStyle(i),
      details: new Map((s.details ?? []).map((d) => [d.at, d.rows])),
      hidden: s.hidden ?? false,
    }),
  );
  const thresholds = (spec.thresholds ?? []).map(
    (t): ChartColumn => ({
      label: t.label,
      unit: t.axis === 'right' ? rightUnit : spec.unit,
      values: alignThreshold(spec.x, t),
      role: 'threshold',
      axis: t.axis ?? 'left',
      shape: 'step',
      style: thresholdStyle(t.kind),
      details: new Map(),
      hidden: false,
    }),
  );
  return [...data, ...thresholds];
}

function barColumns(spec: BarChartSpec): ChartColumn[] {
  return spec.series.map((s, i) => ({
    label: s.label,
    unit: spec.unit,
    values: s.values,
    role: 'data',
    axis: 'left',
    shape: 'bar',
    style: seriesStyle(i),
    details: new Map(),
    hidden: false,
  }));
}

export interface ColumnStats {
  last: number | null;
  lastAt: number | null;
  min: number | null;
  max: number | null;
}

export function columnStats(values: ReadonlyArray<number | null>, x?: readonly number[]): ColumnStats {
  let min: number | null = null;
  let max: number | null = null;
  let last: number | null = null;
  let lastAt: number | null = null;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || !Number.isFinite(v)) continue;
    if (min === null || v < min) min = v;
    if (max === null || v > max) max = v;
    last = v;
    lastAt = x ? (x[i] ?? null) : i;
  }
  return { last, lastAt, min, max };
}

/** The x labels of a chart (times as written in its table, or bar categories). */
function rowKeys(spec: ChartSpec): string[] {
  if (spec.kind === 'bar') return spec.categories;
  const span = spec.x.length ? spec.x[spec.x.length - 1] - spec.x[0] : 0;
  return spec.x.map((t) => formatTime(t, span));
}

/** The table view: a header and rows of formatted cells (the first column is the time or the category). */
export function chartTable(spec: ChartSpec): { header: string[]; rows: string[][] } {
  const cols = chartColumns(spec);
  const keys = rowKeys(spec);
  return {
    header: [spec.kind === 'bar' ? 'category' : 'time', ...cols.map((c) => c.label)],
    rows: keys.map((k, i) => [k, ...cols.map((c) => (c.values[i] === null || c.values[i] === undefined ? '' : formatValue(c.values[i], c.unit)))]),
  };
}

function csvCell(s: string): string {
  return /[",\n\r\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * CSV of everything the chart holds, for a spreadsheet: times in ISO 8601 (UTC), raw numbers (seconds, ratios),
 * the unit in each header, empty cells for gaps. `separator` "\t" gives the same as tab-separated text (Copy).
 */
export function chartCsv(spec: ChartSpec, separator = ','): string {
  const cols = chartColumns(spec);
  const cell = separator === ',' ? csvCell : (s: string) => s.replace(/[\t\r\n]+/g, ' ');
  const header = [spec.kind === 'bar' ? 'category' : 'time', ...cols.map((c) => `${c.label}${unitSuffix(c.unit)}`)];
  const keys = spec.kind === 'bar' ? spec.categories : spec.x.map((t) => new Date(t * 1000).toISOString());
  const lines = [header.map(cell).join(separator)];
  keys.forEach((k, i) => {
    lines.push([k, ...cols.map((c) => (c.values[i] === null || c.values[i] === undefined || !Number.isFinite(c.values[i]) ? '' : String(c.values[i])))].map(cell).join(separator));
  });
  return `${lines.join('\n')}\n`;
}

/** A file name for an export: "error-ratio-2025-01-05T10-42.csv". */
export function exportFileName(spec: ChartSpec, extension: 'csv' | 'png', now = new Date()): string {
  const slug = spec.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'chart';
  return `${slug}-${now.toISOString().slice(0, 16).replace(/:/g, '-')}.${extension}`;
}

/**
 * What a screen reader says for the chart (its accessible description): the span, each series' last/min/max,
 * thresholds, markers and bands in words. The table view has every value.
 */
export function describeChart(spec: ChartSpec): string {
  if (spec.kind === 'bar') {
    const parts = spec.categories.map((c, i) => `${c}: ${spec.series.map((s) => `${s.label} ${formatValue(s.values[i] ?? null, spec.unit)}`).join(', ')}`);
    return `Bar chart, ${spec.categories.length} ${spec.categories.length === 1 ? 'group' : 'groups'}. ${parts.join('; ')}.`;
  }
  const n = spec.x.length;
  if (!n || !spec.series.length) return spec.emptyText ?? 'No data.';
  const span = spec.x[n - 1] - spec.x[0];
  const head = `Time chart over ${formatDuration(span)}, from ${formatTime(spec.x[0], span)} to ${formatTime(spec.x[n - 1], span)}.`;
  const cols = chartColumns(spec);
  const series = cols
    .filter((c) => c.role === 'data')
    .map((c) => {
      const st = columnStats(c.values);
      return st.last === null ? `${c.label}: no data` : `${c.label}: last ${formatValue(st.last, c.unit)}, min ${formatValue(st.min, c.unit)}, max ${formatValue(st.max, c.unit)}`;
    });
  const limits = (spec.thresholds ?? []).map((t) => {
    const values = [...new Set(t.segments.map((s) => s.value))];
    return `${t.label}: ${values.map((v) => formatValue(v, t.axis === 'right' ? (cols.find((c) => c.axis === 'right')?.unit ?? spec.unit) : spec.unit)).join(', then ')}`;
  });
  const events = [
    ...(spec.markers ?? []).map((m) => `${formatTime(m.at, span)} ${m.label}`),
    ...(spec.bands ?? []).map((b) => `${b.label} from ${formatTime(b.from, span)}${b.to === undefined ? ', still going' : ` to ${formatTime(b.to, span)}`}`),
  ];
  return [head, `${series.join('; ')}.`, limits.length ? `Limits: ${limits.join('; ')}.` : '', events.length ? `Events: ${events.join('; ')}.` : ''].filter(Boolean).join(' ');
}
