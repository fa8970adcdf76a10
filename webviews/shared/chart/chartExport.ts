// PNG export: the plot's canvas on the theme's background, with the title above and the legend below, so the
// image explains itself when pasted into an incident report.
import type uPlot from 'uplot';
import type { ChartColumn } from '../../../src/shared/chart/chartColumns';
import type { ChartTheme } from './chartTheme';

export function chartPng(u: uPlot, title: string, summary: string | undefined, columns: ChartColumn[], shown: boolean[], theme: ChartTheme): string {
  const ratio = window.devicePixelRatio || 1;
  const plot = u.ctx.canvas;
  const pad = Math.round(12 * ratio);
  const line = Math.round(18 * ratio);
  const visible = columns.filter((_, i) => shown[i]);
  const perRow = Math.max(1, Math.floor(plot.width / Math.round(220 * ratio)));
  const legendRows = Math.ceil(visible.length / perRow);
  const out = document.createElement('canvas');
  out.width = plot.width + pad * 2;
  out.height = pad + line * (summary ? 2 : 1) + plot.height + pad / 2 + legendRows * line + pad;
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas for the PNG export');
  const size = parseFloat(theme.font) || 12;
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.textBaseline = 'top';
  ctx.fillStyle = theme.foreground;
  ctx.font = `600 ${Math.round(size * 1.1 * ratio)}px ${theme.fontFamily}`;
  ctx.fillText(title, pad, pad);
  let y = pad + line;
  if (summary) {
    ctx.font = `${Math.round(size * ratio)}px ${theme.fontFamily}`;
    ctx.fillStyle = theme.muted;
    ctx.fillText(summary, pad, y);
    y += line;
  }
  ctx.drawImage(plot, pad, y);
  y += plot.height + pad / 2;
  ctx.font = `${Math.round(size * ratio)}px ${theme.fontFamily}`;
  const cell = Math.floor(plot.width / perRow);
  visible.forEach((c, i) => {
    const x = pad + (i % perRow) * cell;
    const ly = y + Math.floor(i / perRow) * line;
    ctx.strokeStyle = theme.colour(c.style);
    ctx.fillStyle = theme.colour(c.style);
    ctx.lineWidth = 2 * ratio;
    ctx.setLineDash(c.style.dash.map((d) => d * ratio));
    if (c.shape === 'bar') ctx.fillRect(x, ly + 4 * ratio, 20 * ratio, 8 * ratio);
    else {
      ctx.beginPath();
      ctx.moveTo(x, ly + 8 * ratio);
      ctx.lineTo(x + 24 * ratio, ly + 8 * ratio);
      ctx.stroke();
    }
    ctx.setLineDash([]);
    ctx.fillStyle = theme.foreground;
    ctx.fillText(c.label, x + 30 * ratio, ly + 1 * ratio, cell - 36 * ratio);
  });
  return out.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
}
