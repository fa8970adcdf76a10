// What a silence of an alert matches and how long it lasts: every label of the alert, equal (so it silences exactly that alert);
// for a group of alerts of one name, the labels all of them share (so it silences the group, and any new alert like them).
import type { NewSilence } from '../../clients/alertmanager/alertmanagerTypes';
import type { CockpitAlert } from './alertTypes';

export const SILENCE_DURATIONS: readonly { label: string; minutes: number }[] = [
  { label: '30 minutes', minutes: 30 },
  { label: '1 hour', minutes: 60 },
  { label: '2 hours', minutes: 120 },
  { label: '4 hours', minutes: 240 },
  { label: '8 hours', minutes: 480 },
  { label: '1 day', minutes: 1440 },
];

/** "90m", "2h", "1d", "1h30m" → minutes; undefined when it is not a duration. */
export function parseDurationMinutes(text: string): number | undefined {
  const t = text.trim().toLowerCase().replace(/\s+/g, '');
  if (!/^(\d+(d|h|m))+$/.test(t)) return undefined;
  let minutes = 0;
  for (const [, n, unit] of t.matchAll(/(\d+)(d|h|m)/g)) minutes += Number(n) * (unit === 'd' ? 1440 : unit === 'h' ? 60 : 1);
  return minutes > 0 ? minutes : undefined;
}

/**
 * A group of firing alerts of one name, as one silence target: the labels whose value every alert of the group has
 * (always at least alertname), known to every Alertmanager that knows any of them. What differs between them (a
 * pod, a host) is left out, so an alert of the same kind that starts later is silenced too — the confirmation says so.
 */
export function groupSilenceTarget(name: string, alerts: readonly CockpitAlert[]): CockpitAlert | undefined {
  const [first] = alerts;
  if (!first) return undefined;
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(first.labels)) if (alerts.every((a) => a.labels[k] === v)) labels[k] = v;
  if (labels.alertname !== name) return undefined;
  const sources = [...new Set(alerts.flatMap((a) => a.sources))];
  return { ...first, key: `group:${name}`, labels, sources, summary: `${alerts.length} firing ${name} alert${alerts.length === 1 ? '' : 's'}`, silencedBy: [], inhibitedBy: [] };
}

export function silenceFor(alert: CockpitAlert, opts: { minutes: number; createdBy: string; comment: string; now: Date }): NewSilence {
  return {
    matchers: Object.keys(alert.labels)
      .sort()
      .map((name) => ({ name, value: alert.labels[name] ?? '', isRegex: false, isEqual: true })),
    startsAt: opts.now.toISOString(),
    endsAt: new Date(opts.now.getTime() + opts.minutes * 60_000).toISOString(),
    createdBy: opts.createdBy,
    comment: opts.comment,
  };
}
