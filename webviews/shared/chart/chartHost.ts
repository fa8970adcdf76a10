// What a chart needs from the page it lives in: a panel posts these to the extension, the notebook renderer to its
// renderer messaging. The chart itself never talks to VS Code.
import type { ChartLink, ChartQuery } from '../../../src/shared/chart/chartSpec';

/** Per-chart choices a person made, kept when the panel is hidden and shown again. */
export interface ChartUiState {
  /** Labels of the series switched off in the legend. */
  hidden: string[];
  /** The data table is open. */
  table: boolean;
}

export interface ChartExport {
  fileName: string;
  kind: 'csv' | 'png';
  /** CSV text, or a PNG as base64. */
  data: string;
}

export interface ChartHost {
  /** Puts text on the clipboard (through the extension: a webview's own clipboard access is not reliable everywhere). */
  copyText(text: string, description: string): void;
  /** Saves a file the person picks (a save dialog in the extension). */
  exportFile(file: ChartExport): void;
  /** Opens the chart's queries as PromQL runbook cells; absent: no "Open query" button. */
  openQueries?(queries: ChartQuery[], title: string): void;
  /** Opens a band's or marker's link (a runbook); absent: links are shown as text. */
  openLink?(link: ChartLink): void;
  loadState?(chartId: string): ChartUiState | undefined;
  saveState?(chartId: string, state: ChartUiState): void;
}
