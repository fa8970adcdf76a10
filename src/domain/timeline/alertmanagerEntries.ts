// What Alertmanager knows as timeline entries: silences created and ended (by hand or by running out), and the
// alerts it holds firing now (since when). Resolved alerts are gone from Alertmanager: Prometheus' history has them.
import type { AmAlert, AmSilence } from '../../clients/alertmanager/alertmanagerTypes';
import { markdownCode } from '../../core/markdown';
import { keyLabelsText, matchersText } from '../alerts/alertText';
import { oneLine } from './auditEntries';
import { alertKey, silenceKey } from './eventKeys';
import type { TimelineEntry } from './timelineEntry';

const SOURCE = 'Alertmanager';

export function silenceEntries(silences: readonly AmSilence[]): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const s of silences) {
    const start = Date.parse(s.startsAt);
    const end = Date.parse(s.endsAt);
    const matchers = markdownCode(matchersText(s.matchers.map((m) => ({ ...m, isEqual: m.isEqual ?? true }))));
    const comment = s.comment ? `: ${markdownCode(oneLine(s.comment, 120))}` : '';
    const actor = s.createdBy || 'unknown';
    if (Number.isFinite(start)) {
      const minutes = Number.isFinite(end) ? Math.round((end - start) / 60_000) : undefined;
      out.push({ at: start, source: SOURCE, kind: 'silence', actor, what: `silence ${matchers} created${minutes !== undefined ? ` for ${minutes} min` : ''}${comment}`, outcome: s.status.state, keys: [silenceKey(s.id, 'created')], matchWithinMs: 60_000 });
    }
    // An expired silence's end is when it was expired by hand or ran out; a pending or active one has not ended yet.
    if (s.status.state === 'expired' && Number.isFinite(end)) {
      out.push({ at: end, source: SOURCE, kind: 'silence', actor, what: `silence ${matchers} ended`, outcome: 'expired', keys: [silenceKey(s.id, 'expired')], matchWithinMs: 60_000 });
    }
  }
  return out;
}

export function firingAlertEntries(alerts: readonly AmAlert[]): TimelineEntry[] {
  return alerts
    .filter((a) => Number.isFinite(Date.parse(a.startsAt)))
    .map((a) => ({
      at: Date.parse(a.startsAt),
      source: SOURCE,
      kind: 'alert' as const,
      actor: a.labels.job ? `Prometheus (${a.labels.job})` : 'Prometheus',
      what: alertWhat(a.labels, 'firing'),
      outcome: a.status.state === 'suppressed' ? 'firing (silenced or inhibited now)' : 'firing',
      keys: [alertKey(a.labels, 'firing')],
      // Prometheus' history has it to its query step; Alertmanager's startsAt is the rule's firing time.
      matchWithinMs: 3 * 60_000,
    }));
}

/** `**HighErrorRate** (critical) firing: \`namespace=phoenix-prod service=api\`` */
export function alertWhat(labels: Record<string, string>, verb: string): string {
  const name = labels.alertname ?? '(unnamed alert)';
  const where = keyLabelsText(labels, 4);
  return `alert ${markdownCode(name)}${labels.severity ? ` (${oneLine(labels.severity, 20)})` : ''} ${verb}${where ? ` ${markdownCode(where)}` : ''}`;
}
