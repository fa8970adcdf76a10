// One line of the incident timeline, whatever told us about it (a runbook step, the audit log, Alertmanager,
// Prometheus' alert history, the platform API), and what a source answers: its entries or why it could not.

export type TimelineKind = 'step' | 'change' | 'silence' | 'alert' | 'experiment';

export interface TimelineEntry {
  /** When it happened (epoch ms). */
  at: number;
  /** Who told us: "runbook", "audit log", "Alertmanager", "Prometheus", "platform API". */
  source: string;
  kind: TimelineKind;
  /** Who did it: a user, a silence's creator, or the system that decided it ("Prometheus"). */
  actor: string;
  /** What happened, one line of markdown (server text already in code spans). */
  what: string;
  /** How it ended: succeeded, FAILED, firing, resolved, expired… */
  outcome: string;
  /**
   * Names of the event this entry records, shared by every source that can see it (a silence's id, an alert's
   * labels): two entries from different sources sharing one within `matchWithinMs` are one event.
   */
  keys?: string[];
  matchWithinMs?: number;
}

export type SourceAnswer = { source: string; entries: TimelineEntry[] } | { source: string; error: string };

export interface TimelineWindow {
  start: number;
  end: number;
}
