// Severity and priority from an alert's labels, and the order the cockpit shows them in: critical before warning
// before info, P1 before P4, then by name.
import type { Labels, Priority, Severity } from './alertTypes';

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'warning', 'info', 'none'];

const PRIORITY = /^p([1-4])\b/i;

/** The P1–P4 of a `priority` label, or of a `severity` label written that way (guides 000 and 004 name their levels so). */
export function priorityOf(labels: Labels): Priority | undefined {
  for (const v of [labels.priority, labels.severity]) {
    const m = v ? PRIORITY.exec(v.trim()) : null;
    if (m) return `P${m[1]}` as Priority;
  }
  return undefined;
}

/**
 * The severity label, normalised. Without one, a priority decides: P1/P2 page the on-call (critical),
 * P3 is a warning, P4 informational — guide 000's "P1/P2 → page, P3/P4 → ticket".
 */
export function severityOf(labels: Labels): Severity {
  const raw = (labels.severity ?? '').trim().toLowerCase();
  if (['critical', 'crit', 'page', 'error', 'emergency', 'fatal', 'high'].includes(raw)) return 'critical';
  if (['warning', 'warn', 'medium'].includes(raw)) return 'warning';
  if (['info', 'informational', 'low', 'notice'].includes(raw)) return 'info';
  const p = priorityOf(labels);
  if (p === 'P1' || p === 'P2') return 'critical';
  if (p === 'P3') return 'warning';
  if (p === 'P4') return 'info';
  return 'none';
}

export function severityRank(s: Severity): number {
  return SEVERITY_ORDER.indexOf(s);
}

/** P1 → 1 … P4 → 4; none sorts after P4. */
export function priorityRank(p: Priority | undefined): number {
  return p ? Number(p.slice(1)) : 5;
}

export function severityTitle(s: Severity): string {
  return s === 'none' ? 'No severity' : s.charAt(0).toUpperCase() + s.slice(1);
}
