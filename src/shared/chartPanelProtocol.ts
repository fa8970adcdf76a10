// The messages every chart panel shares (webview → extension). A panel's own protocol extends these:
//   export interface FromCostView extends FromChartView { setRange: { range: string } }
// so one handler table on each side covers both, and the chart component works the same in every panel.
import type { ChartLink, ChartQuery } from './chart/chartSpec';

export interface FromChartView {
  /** The page is loaded (again, after being hidden): send the whole state. */
  ready: Record<string, never>;
  /** Put text on the clipboard. */
  copy: { text: string; description: string };
  /** Save a chart as CSV (text) or PNG (base64) where the person chooses. */
  export: { fileName: string; kind: 'csv' | 'png'; data: string };
  /** Open queries as PromQL cells of an untitled runbook notebook (and run them). */
  openQueries: { title: string; queries: ChartQuery[] };
  /** Open a runbook link (a workspace runbook by name, else the URL). */
  openLink: ChartLink;
}

/** Time ranges the panels offer, as Prometheus durations, and their step (≈ 240 points a chart). */
export const TIME_RANGES = [
  { id: '15m', label: 'Last 15 minutes', seconds: 900 },
  { id: '1h', label: 'Last hour', seconds: 3600 },
  { id: '3h', label: 'Last 3 hours', seconds: 3 * 3600 },
  { id: '6h', label: 'Last 6 hours', seconds: 6 * 3600 },
  { id: '24h', label: 'Last 24 hours', seconds: 86_400 },
  { id: '7d', label: 'Last 7 days', seconds: 7 * 86_400 },
] as const;

export type TimeRangeId = (typeof TIME_RANGES)[number]['id'];

export function timeRange(id: string | undefined): (typeof TIME_RANGES)[number] {
  return TIME_RANGES.find((r) => r.id === id) ?? TIME_RANGES[1];
}

/** A step giving about `points` samples over the range, rounded to a whole number of seconds (at least 1 s). */
export function stepFor(seconds: number, points = 240): number {
  const raw = Math.max(1, Math.ceil(seconds / points));
  const nice = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
  return nice.find((n) => n >= raw) ?? raw;
}
