// How series are told apart: a theme colour AND a dash pattern each, so no two of the first seven series differ by
// colour alone, and no (colour, dash) pair repeats within 42 series. Thresholds have a style of their own.

/** VS Code's chart colours (defined by every theme, high contrast included), with fallbacks for a page without them. */
export const SERIES_COLOURS: ReadonlyArray<{ variable: string; fallback: string }> = [
  { variable: '--vscode-charts-blue', fallback: '#3794ff' },
  { variable: '--vscode-charts-green', fallback: '#89d185' },
  { variable: '--vscode-charts-orange', fallback: '#d18616' },
  { variable: '--vscode-charts-purple', fallback: '#b180d7' },
  { variable: '--vscode-charts-yellow', fallback: '#cca700' },
  { variable: '--vscode-charts-foreground', fallback: '#cccccc' },
];

/** Seven patterns (coprime with six colours); the name is what the legend and table say. */
export const DASHES: ReadonlyArray<{ name: string; dash: number[] }> = [
  { name: 'solid', dash: [] },
  { name: 'dashed', dash: [8, 4] },
  { name: 'dotted', dash: [2, 3] },
  { name: 'dash-dot', dash: [10, 3, 2, 3] },
  { name: 'long dash', dash: [16, 5] },
  { name: 'dash-dot-dot', dash: [8, 3, 2, 3, 2, 3] },
  { name: 'sparse dots', dash: [2, 7] },
];

export interface SeriesStyle {
  colourVariable: string;
  fallbackColour: string;
  dash: number[];
  dashName: string;
}

export function seriesStyle(index: number): SeriesStyle {
  const c = SERIES_COLOURS[index % SERIES_COLOURS.length];
  const d = DASHES[index % DASHES.length];
  return { colourVariable: c.variable, fallbackColour: c.fallback, dash: d.dash, dashName: d.name };
}

/** Thresholds are drawn above the data: critical ones in the theme's red with long dashes, warnings in yellow with short ones. */
export function thresholdStyle(kind: 'critical' | 'warning' = 'critical'): SeriesStyle {
  return kind === 'critical'
    ? { colourVariable: '--vscode-charts-red', fallbackColour: '#f14c4c', dash: [12, 4], dashName: 'long dash (limit)' }
    : { colourVariable: '--vscode-charts-yellow', fallbackColour: '#cca700', dash: [5, 4], dashName: 'short dash (limit)' };
}
