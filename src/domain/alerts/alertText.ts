// How alerts read in a tree row: "3m 20s" ages, the few labels that say where, matchers as Alertmanager prints them.
import type { Labels, SilenceMatcher } from './alertTypes';

/** A compact age: 45s, 3m 20s, 2h 5m, 4d 3h. Negative (clock skew) counts as 0. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m}m ${s % 60}s` : `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h}h ${m % 60}m` : `${h}h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d}d ${h % 24}h` : `${d}d`;
}

/**
 * An age for a tree row: seconds only in the first minute, then minutes, then hours and minutes. Rows are
 * re-rendered only when their text changes, so a coarse age keeps an open context menu from being swept away.
 */
export function formatAgeCoarse(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  return formatAge(Math.floor(s / 60) * 60_000);
}

/** Labels that locate an alert, most telling first; the naming ones (alertname, severity, priority) are left out. */
const LOCATING = ['cluster', 'namespace', 'service', 'deployment', 'pod', 'container', 'host_id', 'instance', 'job', 'status'];
const NAMING = new Set(['alertname', 'severity', 'priority']);

export function keyLabels(labels: Labels, max = 4): [string, string][] {
  const locating = LOCATING.filter((k) => labels[k] !== undefined).map((k): [string, string] => [k, labels[k]]);
  const rest = Object.keys(labels)
    .filter((k) => !NAMING.has(k) && !LOCATING.includes(k))
    .sort()
    .map((k): [string, string] => [k, labels[k]]);
  return [...locating, ...rest].slice(0, max);
}

export function keyLabelsText(labels: Labels, max = 4): string {
  return keyLabels(labels, max)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

/** `{alertname="HighErrorRate", service=~"api.*"}` */
export function matchersText(matchers: readonly SilenceMatcher[]): string {
  return `{${matchers.map((m) => `${m.name}${m.isEqual ? '' : '!'}${m.isRegex ? '~' : '='}${JSON.stringify(m.value)}`).join(', ')}}`;
}

/** All labels as `name="value"` lines, for copying. */
export function labelsText(labels: Labels): string {
  return Object.keys(labels)
    .sort((a, b) => (a === 'alertname' ? -1 : b === 'alertname' ? 1 : a.localeCompare(b)))
    .map((k) => `${k}="${labels[k] ?? ''}"`)
    .join('\n');
}
