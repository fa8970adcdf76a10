// What uPlot does not draw by itself, drawn on its canvas in its hooks: shaded bands (alert firing intervals) under
// the data, vertical markers with labels, threshold labels, values on bars, and bar fill patterns (so bars differ by
// more than colour). Each kind of event carries a glyph as well as a colour.
import type uPlot from 'uplot';
import type { ChartColumn } from '../../../src/shared/chart/chartColumns';
import { compact, formatValue } from '../../../src/shared/chart/chartFormat';
import type { EventKind, TimeChartSpec } from '../../../src/shared/chart/chartSpec';
import type { SeriesStyle } from '../../../src/shared/chart/seriesStyle';
import type { ChartTheme } from './chartTheme';
import { labelBox, place, type Rect, thresholdCandidates } from './labelLayout';

export interface BarGeometry {
  series: number;
  index: number;
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface OverlayState {
  /** Bars by "series:index", as last laid out (canvas pixels), for value labels. uPlot lays bars out only when it
   *  rebuilds paths, not on every paint (a theme change repaints with the cached paths), so they are kept here. */
  bars: Map<string, BarGeometry>;
  patterns: Map<string, CanvasPattern | string>;
}

export const EVENT_GLYPH: Record<EventKind, string> = { info: '●', success: '✓', warning: '▲', failure: '✗' };

const EVENT_COLOUR: Record<EventKind, SeriesStyle> = {
  info: { colourVariable: '--vscode-charts-blue', fallbackColour: '#3794ff', dash: [], dashName: '' },
  success: { colourVariable: '--vscode-charts-green', fallbackColour: '#89d185', dash: [], dashName: '' },
  warning: { colourVariable: '--vscode-charts-orange', fallbackColour: '#d18616', dash: [], dashName: '' },
  failure: { colourVariable: '--vscode-charts-red', fallbackColour: '#f14c4c', dash: [], dashName: '' },
};

export function eventColour(theme: ChartTheme, kind: EventKind | undefined): string {
  return theme.colour(EVENT_COLOUR[kind ?? 'info']);
}

const px = () => window.devicePixelRatio || 1;

function font(theme: ChartTheme, scale = 1): string {
  const size = parseFloat(theme.font) || 12;
  return `${Math.round(size * scale * px())}px ${theme.fontFamily}`;
}

const LABEL_HEIGHT = 15;
const LABEL_PAD = 3;

/** A label's text width in canvas pixels (in the labels' font). */
function labelWidth(ctx: CanvasRenderingContext2D, theme: ChartTheme, text: string): number {
  ctx.font = font(theme, 0.92);
  return ctx.measureText(text).width;
}

/** A label with a backdrop in the page's background, so it stays readable over lines and bands, in the box laid out for it. */
function drawLabel(ctx: CanvasRenderingContext2D, theme: ChartTheme, text: string, box: Rect, colour: string): void {
  ctx.font = font(theme, 0.92);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillStyle = theme.tint(theme.background, 0.85);
  ctx.fillRect(box.left, box.top, box.right - box.left, box.bottom - box.top);
  ctx.fillStyle = colour;
  ctx.fillText(text, box.left + LABEL_PAD * px(), box.top + 1);
}

/** Bands under the series (drawClear hook): a light wash over the plot's height and a solid strip along its top. */
export function drawBands(u: uPlot, spec: TimeChartSpec, theme: ChartTheme): void {
  if (!spec.bands?.length) return;
  const { ctx, bbox } = u;
  const xMax = u.scales.x?.max ?? 0;
  ctx.save();
  for (const b of spec.bands) {
    const l = Math.max(bbox.left, u.valToPos(b.from, 'x', true));
    const r = Math.min(bbox.left + bbox.width, u.valToPos(b.to ?? xMax, 'x', true));
    if (r <= l) continue;
    const colour = eventColour(theme, b.kind ?? 'failure');
    ctx.fillStyle = theme.tint(colour, theme.kind.startsWith('high-contrast') ? 0.22 : 0.13);
    ctx.fillRect(l, bbox.top, r - l, bbox.height);
    ctx.fillStyle = colour;
    ctx.fillRect(l, bbox.top, r - l, Math.round(3 * px()));
  }
  ctx.restore();
}

/**
 * Band labels, markers and threshold labels above the series (draw hook). Every label is laid out against those
 * placed before it (labelLayout.ts): a marker takes the lowest free row, a threshold's value goes above its line,
 * else below, else further away — so a phase marker never covers the threshold value that ends at it.
 */
export function drawTimeOverlays(u: uPlot, spec: TimeChartSpec, columns: ChartColumn[], theme: ChartTheme): void {
  const { ctx, bbox } = u;
  const xMin = u.scales.x?.min ?? 0;
  const xMax = u.scales.x?.max ?? 0;
  const h = Math.round(LABEL_HEIGHT * px());
  const pad = LABEL_PAD * px();
  const bounds: Rect = { left: bbox.left, top: bbox.top, right: bbox.left + bbox.width, bottom: bbox.top + bbox.height };
  const placed: Rect[] = [];
  ctx.save();
  for (const b of spec.bands ?? []) {
    if ((b.to ?? xMax) < xMin || b.from > xMax) continue;
    const l = Math.max(bbox.left, u.valToPos(b.from, 'x', true));
    const text = `${EVENT_GLYPH[b.kind ?? 'failure']} ${b.label}`;
    const box = place([labelBox(l + 4 * px(), bbox.top + 5 * px(), labelWidth(ctx, theme, text), h, 'left', pad)], placed, bounds);
    if (box) drawLabel(ctx, theme, text, box, theme.foreground);
  }
  // Markers: a dashed vertical line each; labels on the lowest row (from the plot's bottom up) where they fit.
  for (const m of [...(spec.markers ?? [])].sort((a, b) => a.at - b.at)) {
    if (m.at < xMin || m.at > xMax) continue;
    const x = Math.round(u.valToPos(m.at, 'x', true));
    const colour = eventColour(theme, m.kind);
    ctx.strokeStyle = colour;
    ctx.lineWidth = Math.max(1, theme.lineWidth * px() * 0.8);
    ctx.setLineDash([4 * px(), 3 * px()]);
    ctx.beginPath();
    ctx.moveTo(x + 0.5, bbox.top);
    ctx.lineTo(x + 0.5, bbox.top + bbox.height);
    ctx.stroke();
    ctx.setLineDash([]);
    const text = `${EVENT_GLYPH[m.kind ?? 'info']} ${m.label}`;
    const w = labelWidth(ctx, theme, text);
    const rightAligned = x + w + 8 * px() > bbox.left + bbox.width;
    const rows = [0, 1, 2, 3].map((row) => labelBox(rightAligned ? x - 4 * px() : x + 4 * px(), bbox.top + bbox.height - (18 + row * 16) * px(), w, h, rightAligned ? 'right' : 'left', pad));
    const box = place(rows, placed, bounds);
    if (box) drawLabel(ctx, theme, text, box, theme.foreground);
  }
  // Each threshold: its value written where it ends (a threshold per phase gets one label per phase).
  columns.forEach((c, ci) => {
    if (c.role !== 'threshold' || !u.series[ci + 1]?.show) return;
    const scale = c.axis === 'right' ? 'y2' : 'y';
    let labels = 0;
    for (let i = 0; i < c.values.length && labels < 8; i++) {
      const v = c.values[i];
      if (v === null || v === undefined) continue;
      const next = c.values[i + 1];
      if (next === v) continue;
      const t = spec.x[i];
      if (t < xMin || t > xMax) continue;
      // Its backdrop's right edge stays inside the plot, so the layout can keep it there.
      const x = Math.min(bbox.left + bbox.width - pad - 1, u.valToPos(t, 'x', true));
      const y = u.valToPos(v, scale, true);
      if (y < bbox.top || y > bbox.top + bbox.height) continue;
      const text = `${c.label} ${formatValue(v, c.unit)}`;
      const box = place(thresholdCandidates(x, y, labelWidth(ctx, theme, text), h, pad), placed, bounds);
      if (box) drawLabel(ctx, theme, text, box, theme.colour(c.style));
      labels++;
    }
  });
  ctx.restore();
}

/** Values above bars (draw hook), when the bar is wide enough to carry one. */
export function drawBarLabels(u: uPlot, state: OverlayState, columns: ChartColumn[], theme: ChartTheme): void {
  const { ctx } = u;
  ctx.save();
  ctx.font = font(theme, 0.85);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillStyle = theme.foreground;
  for (const b of state.bars.values()) {
    if (!u.series[b.series + 1]?.show || b.index >= (u.data[0]?.length ?? 0)) continue;
    const c = columns[b.series];
    const v = c?.values[b.index];
    if (!c || v === null || v === undefined) continue;
    const text = c.unit === 'dollars' ? `$${compact(v)}` : c.unit === 'percent' ? `${compact(v)}%` : compact(v);
    if (ctx.measureText(text).width > b.width + 16 * px()) continue;
    ctx.fillText(text, b.left + b.width / 2, b.top - 2 * px());
  }
  ctx.restore();
}

/** Bar fills: solid for the first series, then hatching, dots and cross-hatching in the series' colour. */
export function barFill(state: OverlayState, theme: ChartTheme, style: SeriesStyle, index: number): CanvasPattern | string {
  const colour = theme.colour(style);
  const key = `${colour}|${index % 4}|${theme.kind}`;
  const cached = state.patterns.get(key);
  if (cached) return cached;
  const solid = theme.tint(colour, 0.8);
  if (index % 4 === 0) {
    state.patterns.set(key, solid);
    return solid;
  }
  const size = Math.round(8 * px());
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (!ctx) return solid;
  ctx.fillStyle = theme.tint(colour, 0.18);
  ctx.fillRect(0, 0, size, size);
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = Math.max(1, 1.5 * px());
  if (index % 4 === 1 || index % 4 === 3) {
    ctx.beginPath();
    ctx.moveTo(0, size);
    ctx.lineTo(size, 0);
    ctx.moveTo(-size / 2, size / 2);
    ctx.lineTo(size / 2, -size / 2);
    ctx.moveTo(size / 2, size * 1.5);
    ctx.lineTo(size * 1.5, size / 2);
    if (index % 4 === 3) {
      ctx.moveTo(0, 0);
      ctx.lineTo(size, size);
    }
    ctx.stroke();
  } else {
    ctx.beginPath();
    ctx.arc(size / 2, size / 2, 1.4 * px(), 0, Math.PI * 2);
    ctx.fill();
  }
  const pattern = ctx.createPattern(canvas, 'repeat') ?? solid;
  state.patterns.set(key, pattern);
  return pattern;
}
