// The cockpit's alert model: one alert as the user sees it, merged from every Alertmanager (and pending ones from Prometheus), and the silences.

export type Labels = Record<string, string>;

export type Severity = 'critical' | 'warning' | 'info' | 'none';
export type Priority = 'P1' | 'P2' | 'P3' | 'P4';
/** firing: active in at least one Alertmanager; silenced/inhibited: suppressed everywhere it is known; pending: Prometheus waits out `for`. */
export type AlertState = 'firing' | 'pending' | 'silenced' | 'inhibited';

export interface CockpitAlert {
  /** Alertmanager's fingerprint (the same label set has the same one everywhere), else a key of the labels. */
  key: string;
  name: string;
  severity: Severity;
  priority?: Priority;
  state: AlertState;
  labels: Labels;
  annotations: Labels;
  /** The summary annotation, else the description, else the alert name. */
  summary: string;
  /** When it started firing (pending: since when Prometheus has seen it). */
  startsAt: Date;
  /** Base URLs of the Alertmanagers (or the Prometheus, for pending alerts) that know it. */
  sources: string[];
  /** Silences suppressing it, per Alertmanager. */
  silencedBy: { source: string; id: string }[];
  inhibitedBy: string[];
  generatorURL?: string;
  /**
   * Set when no source that knows the alert answered the last round: this is the last known state, from this time
   * (the last answer of the sources that reported it). Such an alert may have resolved meanwhile, or not.
   */
  staleSince?: Date;
}

export interface SilenceMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual: boolean;
}

export interface CockpitSilence {
  id: string;
  sources: string[];
  matchers: SilenceMatcher[];
  createdBy: string;
  comment: string;
  startsAt: Date;
  endsAt: Date;
  state: 'active' | 'pending' | 'expired';
}

/** An alerting rule as Prometheus' rules API has it: what Show Query runs. */
export interface AlertRuleInfo {
  name: string;
  query: string;
  labels: Labels;
  durationSeconds: number;
}

export interface SourceError {
  /** The base URL of the service that failed. */
  source: string;
  service: string;
  message: string;
  hint: string;
  /** When this source stopped answering (the first failed round of the current streak). */
  since?: Date;
}
