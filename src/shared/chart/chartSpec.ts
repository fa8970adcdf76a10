// What a chart shows, as plain data the extension sends to a webview (or the notebook renderer builds from a
// result): time series with thresholds, a step line on a second axis, markers, shaded bands and per-point
// details, or grouped bars. The chart component in webviews/shared/chart draws any of these the same way.

/** How values are written on axes, in hovers, tables and CSV headers. */
export type ChartUnit =
  | 'none'
  | 'count'
  /** 0–100 */
  | 'percent'
  /** 0–1, shown as a percentage (an error ratio) */
  | 'ratio'
  | 'seconds'
  | 'requestsPerSecond'
  | 'bytes'
  | 'cores'
  | 'dollars'
  /** a multiple, e.g. a burn rate "14.4×" */
  | 'multiple';

/** One [label, value] line of a point's hover, e.g. ["verdict", "failed"]. */
export type DetailRow = [label: string, value: string];

export interface PointDetails {
  /** The x (unix seconds) the details belong to; shown when the cursor is on that x. */
  at: number;
  rows: DetailRow[];
}

export interface TimeSeries {
  label: string;
  /** Aligned with the chart's x; null where there is no sample (drawn as a gap). */
  values: Array<number | null>;
  /** line (default); step: holds each value until the next one (a canary weight); area: a line filled to zero. */
  style?: 'line' | 'step' | 'area';
  /** right: its own axis on the right (e.g. canary weight % beside an error ratio). */
  axis?: 'left' | 'right';
  /** The unit of its axis when it differs from the chart's (right-axis series). */
  unit?: ChartUnit;
  /** Extra lines for the hover at some x (query, request count, verdict …). */
  details?: PointDetails[];
  /** Starts hidden (the legend shows it again). */
  hidden?: boolean;
}

/** A limit that may change over time (e.g. per canary phase): drawn as a dashed step line, listed in the legend and table. */
export interface Threshold {
  label: string;
  /** Each segment holds its value from `from` to `to` (unix seconds, inclusive); x outside every segment has no threshold. */
  segments: Array<{ from: number; to: number; value: number }>;
  axis?: 'left' | 'right';
  /** critical (default, red) or warning (yellow): e.g. a burn rate's 14.4× page level and 6× ticket level. */
  kind?: 'critical' | 'warning';
}

export type EventKind = 'info' | 'success' | 'warning' | 'failure';

/** A vertical line at one time with a label (a phase change, a verdict, a deploy). */
export interface Marker {
  at: number;
  label: string;
  kind?: EventKind;
}

/** A link a band or marker offers: a runbook, a URL; the panel decides how to open it. */
export interface ChartLink {
  title: string;
  target: string;
}

/** A shaded interval (an alert firing from … to …). */
export interface Band {
  from: number;
  /** Undefined: still going (shaded to the end of the chart). */
  to?: number;
  label: string;
  kind?: EventKind;
  link?: ChartLink;
}

/** The query behind a chart, so it can be opened as a PromQL runbook cell. */
export interface ChartQuery {
  expr: string;
  /** Runbook range attribute, e.g. "6h". */
  range?: string;
  /** Runbook step attribute, e.g. "60s". */
  step?: string;
}

interface ChartBase {
  /** Stable within a panel (keeps per-chart state such as hidden series and the table toggle). */
  id: string;
  /** The heading and the accessible name. */
  title: string;
  /** One line under the title (e.g. "p95 now 71 ms, SLO 100 ms"). */
  summary?: string;
  unit: ChartUnit;
  /** Left-axis range to always include (e.g. [0, 100] for percentages); the data may widen it. */
  yRange?: [number, number];
  queries?: ChartQuery[];
  /** Shown instead of the plot when there is nothing to draw (and said to screen readers). */
  emptyText?: string;
}

export interface TimeChartSpec extends ChartBase {
  kind: 'time';
  /** Unix seconds, ascending. */
  x: number[];
  series: TimeSeries[];
  thresholds?: Threshold[];
  markers?: Marker[];
  bands?: Band[];
  /** false: no list of markers and bands under the chart (the panel lists them itself, e.g. a timeline table). */
  listEvents?: boolean;
}

export interface BarChartSpec extends ChartBase {
  kind: 'bar';
  /** One group of bars per category (e.g. namespaces). */
  categories: string[];
  /** One bar per series in each group (e.g. before / after). */
  series: Array<{ label: string; values: Array<number | null> }>;
}

export type ChartSpec = TimeChartSpec | BarChartSpec;
