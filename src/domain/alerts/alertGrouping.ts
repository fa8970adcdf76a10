// Groups firing alerts by severity, then by alert name, in the order an on-call engineer reads them.
import type { CockpitAlert, Severity } from './alertTypes';
import { priorityRank, SEVERITY_ORDER } from './severity';

export interface NameGroup {
  name: string;
  severity: Severity;
  alerts: CockpitAlert[];
}

export interface SeverityGroup {
  severity: Severity;
  groups: NameGroup[];
  count: number;
}

/** Highest priority first, then the longest-firing. */
export function compareAlerts(a: CockpitAlert, b: CockpitAlert): number {
  return priorityRank(a.priority) - priorityRank(b.priority) || a.startsAt.getTime() - b.startsAt.getTime() || a.key.localeCompare(b.key);
}

export function groupBySeverity(alerts: readonly CockpitAlert[]): SeverityGroup[] {
  const out: SeverityGroup[] = [];
  for (const severity of SEVERITY_ORDER) {
    const inSeverity = alerts.filter((a) => a.severity === severity);
    if (inSeverity.length === 0) continue;
    const byName = new Map<string, CockpitAlert[]>();
    for (const a of inSeverity) byName.set(a.name, [...(byName.get(a.name) ?? []), a]);
    const groups = [...byName.entries()]
      .map(([name, list]) => ({ name, severity, alerts: list.sort(compareAlerts) }))
      .sort((x, y) => priorityRank(x.alerts[0]?.priority) - priorityRank(y.alerts[0]?.priority) || x.name.localeCompare(y.name));
    out.push({ severity, groups, count: inSeverity.length });
  }
  return out;
}

/** Pending and silenced lists: most severe first, then by name and priority. */
export function sortForList(alerts: readonly CockpitAlert[]): CockpitAlert[] {
  return [...alerts].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.name.localeCompare(b.name) || compareAlerts(a, b));
}
