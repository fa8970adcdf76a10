// uPlot options for a chart spec: time series (lines, steps, areas, thresholds, a right axis) or grouped bars.
// Colours are functions of the current theme, so a redraw after a theme change repaints in the new colours.
import uPlot from 'uplot';
import type { ChartColumn } from '../../../src/shared/chart/chartColumns';
import { formatTick, formatValue } from '../../../src/shared/chart/chartFormat';
import type { ChartSpec, ChartUnit } from '../../../src/shared/chart/chartSpec';
import { stepPoints } from '../../../src/shared/chart/stepPoints';
import { type ChartTheme, chartTheme } from './chartTheme';
import { barFill, type OverlayState } from './chartOverlays';

export interface PlotCallbacks {
  onCursor(u: uPlot): void;
  drawClear(u: uPlot): void;
  draw(u: uPlot): void;
  ready(u: uPlot): void;
}

/** Units whose axis should start at zero (rates, ratios, counts, money): a line near the floor means little, not nothing. */
const FROM_ZERO: ReadonlySet<ChartUnit> = new Set(['count', 'percent', 'ratio', 'requestsPerSecond', 'bytes', 'cores', 'dollars', 'multiple', 'seconds']);

/** Tick steps for bytes: powers of two of each binary unit, so a memory axis reads 256MiB, 512MiB, 768MiB, 1GiB (uPlot's decimal steps gave 477MiB, 954MiB). */
const BYTE_INCRS: number[] = [0, 1, 2, 3, 4].flatMap((p) => [1, 2, 4, 8, 16, 32, 64, 128, 256, 512].map((m) => m * 1024 ** p));

/** Axis options that depend on the unit: binary steps for bytes, uPlot's decimal ones otherwise. */
function unitTicks(unit: ChartUnit): Partial<uPlot.Axis> {
  return unit === 'bytes' ? { incrs: BYTE_INCRS } : {};
}

function yRangeFn(unit: ChartUnit, fixed: [number, number] | undefined): uPlot.Range.Function {
  return (_u, min, max) => {
    let lo = min ?? 0;
    let hi = max ?? 1;
    if (FROM_ZERO.has(unit)) lo = Math.min(0, lo);
    if (fixed) {
      lo = Math.min(lo, fixed[0]);
      hi = Math.max(hi, fixed[1]);
    }
    if (hi === lo) hi = lo === 0 ? 1 : lo + Math.abs(lo) * 0.1;
    else if (!fixed || hi > fixed[1]) hi += (hi - lo) * 0.08; // headroom so the top line is not on the frame
    return [lo, hi];
  };
}

/** The axis as wide as its longest label (uPlot's recommended size function). */
function axisSize(self: uPlot, values: string[] | null, axisIdx: number, cycleNum: number): number {
  const axis = self.axes[axisIdx];
  if (cycleNum > 1 && axis) return (axis as uPlot.Axis & { _size: number })._size;
  let size = 14;
  const longest = (values ?? []).reduce((a, v) => (v.length > a.length ? v : a), '');
  if (longest) {
    self.ctx.font = chartTheme().font;
    size += self.ctx.measureText(longest).width / devicePixelRatio;
  }
  return Math.ceil(size);
}

function axisBase(theme: () => ChartTheme): Partial<uPlot.Axis> {
  return {
    stroke: () => theme().foreground,
    font: theme().font,
    grid: { stroke: () => theme().grid, width: 1 },
    ticks: { stroke: () => theme().axisLine, width: 1, size: 4 },
  };
}

export function plotOptions(spec: ChartSpec, columns: ChartColumn[], size: { width: number; height: number }, cb: PlotCallbacks, overlay: OverlayState): uPlot.Options {
  const theme = chartTheme;
  const hooks: uPlot.Hooks.Arrays = {
    setCursor: [(u) => cb.onCursor(u)],
    drawClear: [(u) => cb.drawClear(u)],
    draw: [(u) => cb.draw(u)],
    ready: [(u) => cb.ready(u)],
  };
  const common = {
    ...size,
    legend: { show: false },
    focus: { alpha: 0.3 },
    hooks,
  };
  if (spec.kind === 'bar') {
    const n = spec.categories.length;
    const k = Math.max(1, columns.length);
    const group = 0.76;
    const w = group / k;
    return {
      ...common,
      scales: { x: { time: false, range: () => [-0.5, n - 0.5] }, y: { range: yRangeFn(spec.unit, spec.yRange) } },
      axes: [
        { ...axisBase(theme), grid: { show: false }, splits: () => spec.categories.map((_, i) => i), values: (_u, splits) => splits.map((i) => spec.categories[i] ?? '') },
        { ...axisBase(theme), ...unitTicks(spec.unit), size: axisSize, values: (_u, ticks) => ticks.map((t) => formatTick(t, spec.unit)) },
      ],
      cursor: { drag: { x: false, y: false }, points: { show: false }, focus: { prox: 1e6 } },
      series: [
        { label: 'category' },
        ...columns.map(
          (c, j): uPlot.Series => ({
            label: c.label,
            stroke: () => theme().colour(c.style),
            width: 1,
            fill: () => barFill(overlay, theme(), c.style, j),
            paths: uPlot.paths.bars!({
              disp: {
                x0: { unit: 1, values: (u) => (u.data[0] as number[]).map((x) => x - group / 2 + j * w) },
                size: { unit: 1, values: () => [w * 0.9] },
              },
              each: (_u, _si, i, left, top, width, height) => overlay.bars.set(`${j}:${i}`, { series: j, index: i, left, top, width, height }),
            }),
            points: { show: false },
            value: (_u, v) => formatValue(v, c.unit),
            show: !c.hidden,
          }),
        ),
      ],
    };
  }

  const rightUnit = columns.find((c) => c.axis === 'right')?.unit;
  const hasRight = rightUnit !== undefined;
  return {
    ...common,
    scales: {
      x: { time: true },
      y: { range: yRangeFn(spec.unit, spec.yRange) },
      ...(hasRight ? { y2: { range: yRangeFn(rightUnit, rightUnit === 'percent' ? [0, 100] : undefined) } } : {}),
    },
    axes: [
      { ...axisBase(theme), space: 70 },
      { ...axisBase(theme), ...unitTicks(spec.unit), scale: 'y', size: axisSize, values: (_u, ticks) => ticks.map((t) => formatTick(t, spec.unit)) },
      ...(hasRight ? [{ ...axisBase(theme), ...unitTicks(rightUnit), scale: 'y2', side: 1 as const, grid: { show: false }, size: axisSize, values: (_u: uPlot, ticks: number[]) => ticks.map((t) => formatTick(t, rightUnit)) }] : []),
    ],
    cursor: { drag: { x: true, y: false, setScale: true }, focus: { prox: 24 }, points: { size: 7, width: 2, fill: () => theme().background } },
    series: [
      { label: 'time' },
      ...columns.map(
        (c): uPlot.Series => ({
          label: c.label,
          scale: c.axis === 'right' ? 'y2' : 'y',
          stroke: () => theme().colour(c.style),
          width: c.role === 'threshold' ? Math.max(1.5, theme().lineWidth) : theme().lineWidth,
          dash: c.style.dash,
          ...(c.shape === 'step' ? { paths: uPlot.paths.stepped!({ align: 1 }) } : {}),
          ...(c.shape === 'area' ? { fill: () => theme().tint(c.style, 0.14) } : {}),
          spanGaps: false,
          ...(c.role === 'threshold' ? { points: { show: false } } : {}),
          value: (_u, v) => formatValue(v, c.unit),
          show: !c.hidden,
        }),
      ),
    ],
  };
}

/** uPlot's data: x (unix seconds, or bar indices) and one array per column (step lines thinned, see stepPoints). */
export function plotData(spec: ChartSpec, columns: ChartColumn[]): uPlot.AlignedData {
  const x = spec.kind === 'bar' ? spec.categories.map((_, i) => i) : spec.x;
  return [x, ...columns.map((c) => (c.shape === 'step' ? stepPoints(c.values) : c.values))] as uPlot.AlignedData;
}
