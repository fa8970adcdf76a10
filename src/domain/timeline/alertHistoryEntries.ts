// Prometheus' own alert history as timeline entries: the ALERTS{alertstate="firing"} series over the window, read
// at a fixed step. A series appearing is the alert firing; a gap (Prometheus writes a stale marker when an alert
// resolves, so a range query shows the gap at once) is it resolving. Times are exact to one step.
import type { SamplePair } from '../../clients/prometheus/prometheusClient';
import { alertWhat } from './alertmanagerEntries';
import { alertKey } from './eventKeys';
import type { TimelineEntry, TimelineWindow } from './timelineEntry';

export const ALERT_HISTORY_QUERY = 'ALERTS{alertstate="firing"}';

/** A step that keeps a range query small (≤ 1,000 points a series) but never coarser than needed: at least 15 s. */
export function historyStepSeconds(w: TimelineWindow): number {
  return Math.max(15, Math.ceil((w.end - w.start) / 1000 / 1000));
}

export function alertHistoryEntries(series: readonly { metric: Record<string, string>; values: SamplePair[] }[], w: TimelineWindow, stepSeconds: number): TimelineEntry[] {
  const step = stepSeconds * 1000;
  const out: TimelineEntry[] = [];
  for (const s of series) {
    const firing = (at: number, already: boolean): TimelineEntry => ({
      at,
      source: 'Prometheus',
      kind: 'alert',
      actor: 'Prometheus',
      what: alertWhat(s.metric, already ? 'already firing when the window opens' : 'firing'),
      outcome: 'firing',
      keys: already ? [] : [alertKey(s.metric, 'firing')],
      matchWithinMs: step * 2,
    });
    const times = s.values.map(([t]) => Math.round(t * 1000)).sort((a, b) => a - b);
    let prev: number | undefined;
    for (const t of times) {
      if (prev === undefined) out.push(firing(t, t - w.start < step));
      else if (t - prev > step * 1.5) {
        out.push(resolved(s.metric, prev + step, step));
        out.push(firing(t, false));
      }
      prev = t;
    }
    // Absent at the last step before the end: it resolved after its last sample.
    if (prev !== undefined && w.end - prev >= step * 1.5) out.push(resolved(s.metric, prev + step, step));
  }
  return out;
}

function resolved(labels: Record<string, string>, at: number, step: number): TimelineEntry {
  return { at, source: 'Prometheus', kind: 'alert', actor: 'Prometheus', what: alertWhat(labels, 'resolved'), outcome: 'resolved', keys: [alertKey(labels, 'resolved')], matchWithinMs: step * 2 };
}
