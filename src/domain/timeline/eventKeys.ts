// The names two sources give the same event, so the timeline keeps it once (see TimelineEntry.keys).
import type { Labels } from '../alerts/alertTypes';

export const silenceKey = (id: string, what: 'created' | 'expired'): string => `silence:${id}:${what}`;
export const experimentKey = (name: string, what: 'stopped'): string => `experiment:${name}:${what}`;
/** A runbook step as the audit log names it: `<runbook> › <step>`. */
export const stepKey = (object: string): string => `step:${object}`;

/** An alert by its labels (Prometheus' ALERTS series add `alertstate`, which is not part of the alert). */
export function alertKey(labels: Labels, what: 'firing' | 'resolved'): string {
  const id = Object.keys(labels)
    .filter((k) => k !== 'alertstate' && k !== '__name__')
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(',');
  return `alert:{${id}}:${what}`;
}
