// Chart colours from the editor's theme (--vscode-* variables), re-read when the theme changes: VS Code swaps the
// body's class (vscode-light / vscode-dark / vscode-high-contrast[-light]) and rewrites the variables on <html>.
import type { SeriesStyle } from '../../../src/shared/chart/seriesStyle';

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export interface ChartTheme {
  kind: ThemeKind;
  foreground: string;
  /** Axis labels and secondary text. */
  muted: string;
  background: string;
  /** Grid lines: the foreground at low alpha, so they stay subdued in every theme (never a series' hue). */
  grid: string;
  /** Ticks and the plot's frame: a little stronger than the grid. */
  axisLine: string;
  font: string;
  fontFamily: string;
  lineWidth: number;
  colour(style: SeriesStyle): string;
  /** The style's colour at `alpha` (fills, band shading). */
  tint(style: SeriesStyle | string, alpha: number): string;
}

let probe: HTMLSpanElement | undefined;

/** Any CSS colour as [r, g, b, a] (via the browser's own parser), or undefined. */
export function rgba(colour: string): [number, number, number, number] | undefined {
  if (!colour) return undefined;
  if (!probe) {
    probe = document.createElement('span');
    probe.style.display = 'none';
    document.body.append(probe);
  }
  probe.style.color = '';
  probe.style.color = colour;
  if (!probe.style.color) return undefined;
  const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(getComputedStyle(probe).color);
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
}

function withAlpha(colour: string, alpha: number): string {
  const c = rgba(colour);
  return c ? `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${(c[3] * alpha).toFixed(3)})` : colour;
}

export function themeKind(): ThemeKind {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  if (c.contains('vscode-light')) return 'light';
  return 'dark';
}

export function readTheme(): ChartTheme {
  const css = getComputedStyle(document.documentElement);
  const bodyCss = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || bodyCss.getPropertyValue(name).trim() || fallback;
  const kind = themeKind();
  const light = kind === 'light' || kind === 'high-contrast-light';
  const highContrast = kind.startsWith('high-contrast');
  const foreground = v('--vscode-foreground', light ? '#3b3b3b' : '#cccccc');
  const fontFamily = v('--vscode-font-family', 'system-ui, sans-serif');
  const fontSize = Math.min(13, Math.max(11, parseFloat(v('--vscode-font-size', '12')) || 12));
  return {
    kind,
    foreground,
    muted: v('--vscode-descriptionForeground', foreground),
    background: v('--vscode-editor-background', light ? '#ffffff' : '#1e1e1e'),
    grid: withAlpha(foreground, highContrast ? 0.22 : 0.12),
    axisLine: withAlpha(foreground, highContrast ? 0.6 : 0.35),
    font: `${fontSize}px ${fontFamily}`,
    fontFamily,
    lineWidth: highContrast ? 2 : 1.5,
    colour: (style) => v(style.colourVariable, style.fallbackColour),
    tint: (style, alpha) => withAlpha(typeof style === 'string' ? style : v(style.colourVariable, style.fallbackColour), alpha),
  };
}

type Listener = (theme: ChartTheme) => void;
const listeners = new Set<Listener>();
let current: ChartTheme | undefined;
let observer: MutationObserver | undefined;

/** The theme now (read once, then kept current by the observer). */
export function chartTheme(): ChartTheme {
  return (current ??= readTheme());
}

/** Calls `listener` with the new theme after every theme change; returns how to stop. */
export function onThemeChange(listener: Listener): () => void {
  listeners.add(listener);
  if (!observer) {
    let scheduled = false;
    observer = new MutationObserver(() => {
      // Class and variables change in one task: read once, after both.
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(() => {
        scheduled = false;
        current = readTheme();
        for (const l of [...listeners]) l(current);
      });
    });
    observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind', 'data-vscode-theme-id'] });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  }
  return () => {
    listeners.delete(listener);
  };
}
