// Merges what several Alertmanagers (and Prometheus' pending alerts) report into one list: an alert known to
// two Alertmanagers is shown once, firing if either still notifies about it.
import type { AmAlert, AmSilence } from '../../clients/alertmanager/alertmanagerTypes';
import type { AlertingRule } from '../../clients/prometheus/prometheusClient';
import type { CockpitAlert, CockpitSilence, Labels } from './alertTypes';
import { priorityOf, severityOf } from './severity';

export function labelKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(',');
}

function summaryOf(labels: Labels, annotations: Labels): string {
  return annotations.summary?.trim() || annotations.description?.trim() || annotations.message?.trim() || labels.alertname || 'alert';
}

function baseAlert(labels: Labels, annotations: Labels, startsAt: Date): Omit<CockpitAlert, 'key' | 'state' | 'sources' | 'silencedBy' | 'inhibitedBy'> {
  const priority = priorityOf(labels);
  return { name: labels.alertname ?? '(no alertname)', severity: severityOf(labels), ...(priority ? { priority } : {}), labels, annotations, summary: summaryOf(labels, annotations), startsAt };
}

export function mergeAlerts(perSource: readonly { source: string; alerts: readonly AmAlert[] }[]): CockpitAlert[] {
  const byKey = new Map<string, CockpitAlert>();
  for (const { source, alerts } of perSource) {
    for (const a of alerts) {
      // The fingerprint hashes the label set only, so two Alertmanagers agree on it; label keys are the fallback.
      const key = a.fingerprint || labelKey(a.labels);
      const state = a.status.state === 'suppressed' ? (a.status.silencedBy.length ? 'silenced' : 'inhibited') : 'firing';
      const startsAt = new Date(a.startsAt);
      const existing = byKey.get(key);
      if (!existing) {
        byKey.set(key, {
          ...baseAlert(a.labels, a.annotations, startsAt),
          key,
          state,
          sources: [source],
          silencedBy: a.status.silencedBy.map((id) => ({ source, id })),
          inhibitedBy: [...a.status.inhibitedBy],
          ...(a.generatorURL ? { generatorURL: a.generatorURL } : {}),
        });
        continue;
      }
      if (!existing.sources.includes(source)) existing.sources.push(source);
      existing.silencedBy.push(...a.status.silencedBy.map((id) => ({ source, id })));
      existing.inhibitedBy.push(...a.status.inhibitedBy.filter((id) => !existing.inhibitedBy.includes(id)));
      // Still notifying somewhere means firing; otherwise silenced beats inhibited (it is the one the user can undo).
      if (state === 'firing' || (state === 'silenced' && existing.state === 'inhibited')) existing.state = state;
      if (startsAt < existing.startsAt) existing.startsAt = startsAt;
    }
  }
  return [...byKey.values()];
}

/** Pending alerts (waiting out `for`) exist only in Prometheus; Alertmanager never hears of them. */
export function pendingFromRules(source: string, rules: readonly AlertingRule[]): CockpitAlert[] {
  const out: CockpitAlert[] = [];
  for (const rule of rules) {
    for (const a of rule.alerts ?? []) {
      if (a.state !== 'pending') continue;
      const labels = { alertname: rule.name, ...a.labels };
      out.push({
        ...baseAlert(labels, a.annotations, a.activeAt ? new Date(a.activeAt) : new Date()),
        key: `pending:${labelKey(labels)}`,
        state: 'pending',
        sources: [source],
        silencedBy: [],
        inhibitedBy: [],
      });
    }
  }
  return out;
}

/** Active and pending silences of every Alertmanager; one shown once when clustered Alertmanagers share it. */
export function mergeSilences(perSource: readonly { source: string; silences: readonly AmSilence[] }[]): CockpitSilence[] {
  const byId = new Map<string, CockpitSilence>();
  for (const { source, silences } of perSource) {
    for (const s of silences) {
      if (s.status.state === 'expired') continue;
      const existing = byId.get(s.id);
      if (existing) {
        if (!existing.sources.includes(source)) existing.sources.push(source);
        continue;
      }
      byId.set(s.id, {
        id: s.id,
        sources: [source],
        matchers: s.matchers.map((m) => ({ name: m.name, value: m.value, isRegex: m.isRegex, isEqual: m.isEqual ?? true })),
        createdBy: s.createdBy,
        comment: s.comment,
        startsAt: new Date(s.startsAt),
        endsAt: new Date(s.endsAt),
        state: s.status.state,
      });
    }
  }
  return [...byId.values()].sort((a, b) => a.endsAt.getTime() - b.endsAt.getTime());
}
