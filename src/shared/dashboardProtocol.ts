// Messages of the dashboard-style panels (Cost Reduction, Cost Overview, Service Health): a header of key figures,
// sections of charts and tables, notices, and a time range picker. The extension builds the whole state; the page
// only draws it and reports what the person did.
import type { ChartSpec } from './chart/chartSpec';
import type { FromChartView } from './chartPanelProtocol';

export type Tone = 'good' | 'warning' | 'bad' | 'neutral';

/** A key figure: "$35,000 / month saved". */
export interface Figure {
  id: string;
  label: string;
  value: string;
  /** A second line: "of $50,000 before", "70 % goal met". */
  detail?: string;
  tone?: Tone;
}

/** A table cell: text, optionally a button that asks the extension to do something (open a runbook, a panel). */
export type Cell = string | { text: string; tone?: Tone; action?: { id: string; title: string } };

export interface DashboardTable {
  id: string;
  caption: string;
  header: string[];
  rows: Cell[][];
  /** Right-align these columns (numbers). */
  numeric?: number[];
}

export interface Notice {
  tone: Tone;
  text: string;
}

export interface DashboardSection {
  id: string;
  title: string;
  description?: string;
  /** Extra facts in words (a recommendation, a stop reason). */
  callout?: Notice;
  charts: ChartSpec[];
  tables?: DashboardTable[];
  /** Lay charts out two by two when there is room (default one per row). */
  grid?: boolean;
  /** Buttons under the section (e.g. "Show Cost Reduction" of an experiment). */
  actions?: Array<{ id: string; title: string }>;
}

export interface DashboardState {
  title: string;
  subtitle: string;
  figures: Figure[];
  sections: DashboardSection[];
  notices: Notice[];
  range: { id: string; options: Array<{ id: string; label: string }> };
  /** Unix ms of the data. */
  updatedAt: number;
  /** Refreshed while visible, every this many seconds (0: not live). */
  liveEverySeconds: number;
}

/** Extension → page. */
export interface ToDashboardView {
  state: DashboardState;
  /** A fetch is under way (the page shows it without clearing what it has). */
  busy: { busy: boolean };
}

/** Page → extension: the chart requests, plus the panel's own. */
export interface FromDashboardView extends FromChartView {
  setRange: { range: string };
  refresh: Record<string, never>;
  /** A table cell's or section's button. */
  action: { id: string };
}
