// An experiment's phase timeline (created, started, ended and why) as rows and as chart markers, and the window
// of its life that its charts cover.
import type { Experiment } from '../../clients/platform/platformTypes';
import type { EventKind, Marker } from '../../shared/chart/chartSpec';

export interface TimelineEntry {
  /** Unix ms. */
  at: number;
  event: string;
  detail: string;
  kind: EventKind;
}

const ms = (iso: string | undefined): number | undefined => {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : undefined;
};

const ACTIVE = new Set(['pending', 'deploying', 'running', 'analyzing']);

export function isActive(e: Experiment): boolean {
  return ACTIVE.has(e.phase);
}

export function experimentTimeline(e: Experiment): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const created = ms(e.createdAt);
  const started = ms(e.startedAt);
  const ended = ms(e.endedAt);
  if (created !== undefined) out.push({ at: created, event: 'created', detail: `${e.baselinePipeline} → ${e.candidatePipeline} on ${e.targetNamespaces.join(', ') || 'no namespace'}`, kind: 'info' });
  if (started !== undefined) out.push({ at: started, event: 'started', detail: 'both pipelines deployed; the candidate runs beside the baseline', kind: 'info' });
  if (ended !== undefined) {
    const kind: EventKind = e.phase === 'completed' ? 'success' : e.phase === 'failed' ? 'failure' : 'warning';
    out.push({ at: ended, event: e.phase === 'completed' ? 'completed' : e.phase, detail: e.stopReason ?? (e.phase === 'completed' ? 'analysis finished' : ''), kind });
  }
  return out.sort((a, b) => a.at - b.at);
}

export function timelineMarkers(entries: readonly TimelineEntry[]): Marker[] {
  return entries.map((t) => ({ at: Math.round(t.at / 1000), label: t.event, kind: t.kind }));
}

/** The experiment's life in unix seconds: from a little before it was created to its end (or now), at least 10 minutes. */
export function lifeWindow(e: Experiment, nowMs: number): { start: number; end: number } {
  const end = isActive(e) ? nowMs : Math.min(nowMs, ms(e.endedAt) ?? nowMs);
  // A young experiment still gets ten minutes of context (its charts would be a few points otherwise).
  const start = Math.min(ms(e.createdAt) ?? ms(e.startedAt) ?? nowMs - 3_600_000, end - 600_000);
  const pad = (end - start) * 0.04;
  return { start: Math.floor((start - pad) / 1000), end: Math.ceil(Math.min(nowMs, end + pad) / 1000) };
}

/** "running for 12 min", "completed after 23 h 56 min", "stopped after 47 min". */
export function phaseSummary(e: Experiment, nowMs: number, duration: (seconds: number) => string): string {
  const started = ms(e.startedAt);
  const ended = ms(e.endedAt);
  if (started === undefined) return e.phase;
  if (isActive(e)) return `${e.phase} for ${duration((nowMs - started) / 1000)}`;
  return `${e.phase} after ${duration(((ended ?? nowMs) - started) / 1000)}`;
}
