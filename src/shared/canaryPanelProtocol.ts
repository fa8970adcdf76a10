// The canary panel's messages. Extension → page: the whole view (header, controls, charts, check table),
// replaced on every refresh. Page → extension: the shared chart messages plus the manual controls.
import type { TimeChartSpec } from './chart/chartSpec';
import type { FromChartView } from './chartPanelProtocol';

export type CanaryControl = 'pause' | 'resume' | 'promote' | 'abort' | 'setWeight';

export interface CheckRow {
  time: string;
  phase: string;
  weight: string;
  /** pass, fail, inconclusive, event */
  kind: string;
  requests: string;
  /** One cell per gate: "0.12 % < 0.5 % ✓". */
  gates: { text: string; kind: string; detail: string }[];
  action: string;
}

export interface CanaryViewState {
  title: string;
  /** starting, running, paused, promoting, rollingBack, promoted, rolledBack, failed — or "unknown". */
  status: string;
  /** "canary 20 % · phase 2/5 · 7:12 left" */
  headline: string;
  /** After a failure or the end: the reason in plain words and figures. */
  reason?: string;
  details: string[];
  /** Which controls apply now. */
  controls: Record<CanaryControl, boolean>;
  charts: TimeChartSpec[];
  gateNames: string[];
  /** Newest first. */
  checks: CheckRow[];
  /** The cluster or Prometheus could not be read; the last known state is shown. */
  error?: string;
}

export interface ToCanaryView {
  state: CanaryViewState;
}

export interface FromCanaryView extends FromChartView {
  control: { control: CanaryControl };
}
