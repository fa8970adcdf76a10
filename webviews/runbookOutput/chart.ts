// A PromQL range result as a uPlot time-series chart, one line per series, coloured from the theme.
import uPlot from 'uplot';
import type { PromqlSeries } from '../../src/shared/runbookOutput';

const THEME_COLOURS = ['--vscode-charts-blue', '--vscode-charts-red', '--vscode-charts-green', '--vscode-charts-orange', '--vscode-charts-purple', '--vscode-charts-yellow'];
const FALLBACK = ['#3794ff', '#f14c4c', '#89d185', '#d18616', '#b180d7', '#cca700'];

export function chart(container: HTMLElement, series: PromqlSeries[], names: string[]): uPlot {
  const xs = [...new Set(series.flatMap((s) => s.values.map((v) => v[0])))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const ys = series.map((s) => {
    const col: Array<number | null> = new Array<number | null>(xs.length).fill(null);
    for (const [t, v] of s.values) col[index.get(t) ?? 0] = v;
    return col;
  });
  const style = getComputedStyle(document.body);
  const colour = (i: number) => style.getPropertyValue(THEME_COLOURS[i % THEME_COLOURS.length]).trim() || FALLBACK[i % FALLBACK.length];
  const fg = style.getPropertyValue('--vscode-foreground').trim() || '#ccc';
  const grid = style.getPropertyValue('--vscode-panel-border').trim() || 'rgba(128,128,128,.25)';
  const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  const width = Math.max(320, Math.floor(container.getBoundingClientRect().width || 640) - 8);
  const plot = new uPlot(
    {
      width,
      height: 240,
      series: [{}, ...series.map((_, i) => ({ label: names[i], stroke: colour(i), width: 1.5, spanGaps: false, points: { show: false } }))],
      axes: [axis, { ...axis, size: 60 }],
      legend: { show: series.length <= 12, live: true },
      cursor: { drag: { x: true, y: false } },
    },
    [xs, ...ys] as uPlot.AlignedData,
    container,
  );
  // Keep the chart as wide as the output when the editor is resized.
  const observer = new ResizeObserver(() => {
    const w = Math.floor(container.getBoundingClientRect().width) - 8;
    if (w > 200 && Math.abs(w - plot.width) > 4) plot.setSize({ width: w, height: 240 });
  });
  observer.observe(container);
  const destroy = plot.destroy.bind(plot);
  plot.destroy = () => {
    observer.disconnect();
    destroy();
  };
  return plot;
}
