// Time charts over a query window: every chart of a panel shares the window's grid (start, start+step … end, the
// times Prometheus evaluates a range query at), so charts line up and a missing sample is a gap, not a shift.
import type { ChartQuery, TimeChartSpec, TimeSeries } from '../../shared/chart/chartSpec';
import type { PromqlSeries } from '../../shared/runbookOutput';
import { promDuration, type QueryWindow } from './rangeSeries';

export function windowGrid(w: QueryWindow): number[] {
  const out: number[] = [];
  if (!(w.stepSeconds > 0)) return out;
  for (let t = w.start; t <= w.end + 1e-9; t += w.stepSeconds) out.push(Math.round(t * 1000) / 1000);
  return out;
}

/** One series' values on the grid (samples at other times are dropped). */
export function onGrid(grid: readonly number[], s: PromqlSeries | undefined): Array<number | null> {
  const byTime = new Map((s?.values ?? []).map(([t, v]) => [Math.round(t * 1000) / 1000, v]));
  return grid.map((t) => byTime.get(t) ?? null);
}

export interface LineSource {
  label: string;
  series: PromqlSeries | undefined;
  style?: TimeSeries['style'];
  axis?: TimeSeries['axis'];
  unit?: TimeSeries['unit'];
  hidden?: boolean;
}

/** The runbook cell for a chart's query over the same window. */
export function windowQuery(expr: string, w: QueryWindow): ChartQuery {
  return { expr, range: promDuration(w.end - w.start), step: promDuration(w.stepSeconds) };
}

export function windowChart(spec: Omit<TimeChartSpec, 'kind' | 'x' | 'series'> & { window: QueryWindow; lines: LineSource[] }): TimeChartSpec {
  const { window, lines, ...rest } = spec;
  const x = windowGrid(window);
  const withData = lines.filter((l) => l.series?.values.length);
  return {
    kind: 'time',
    ...rest,
    x: withData.length ? x : [],
    series: withData.map((l) => ({
      label: l.label,
      values: onGrid(x, l.series),
      ...(l.style ? { style: l.style } : {}),
      ...(l.axis ? { axis: l.axis } : {}),
      ...(l.unit ? { unit: l.unit } : {}),
      ...(l.hidden ? { hidden: true } : {}),
    })),
  };
}
