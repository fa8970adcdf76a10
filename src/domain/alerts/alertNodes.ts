// The Alerts tree as data: errors first, then firing alerts by severity and name, then pending, silenced and the silences.
// The view adapter maps each `kind` to a TreeItem and its context menu.
import { groupBySeverity, sortForList } from './alertGrouping';
import type { AlertsSnapshot } from './alertsStore';
import type { CockpitAlert, CockpitSilence, Severity, SourceError } from './alertTypes';

export type AlertsNode =
  | { kind: 'severity'; id: string; severity: Severity; count: number; children: AlertsNode[] }
  | { kind: 'alertGroup'; id: string; name: string; severity: Severity; alerts: CockpitAlert[]; children: AlertsNode[] }
  | { kind: 'alert'; id: string; alert: CockpitAlert }
  | { kind: 'section'; id: string; section: 'pending' | 'silenced'; children: AlertsNode[] }
  | { kind: 'silences'; id: string; children: AlertsNode[] }
  | { kind: 'silence'; id: string; silence: CockpitSilence }
  | { kind: 'error'; id: string; error: SourceError }
  /** The alert state is not known (a source does not answer): since when, and when it was last known whole. */
  | { kind: 'unknown'; id: string; since: Date; nothingKnownFiring: boolean }
  | { kind: 'message'; id: string; text: string; detail: string };

export function alertsTree(s: AlertsSnapshot): AlertsNode[] {
  // Not configured: no nodes, so the view shows its welcome content (with the settings link).
  if (!s.configured) return [];
  if (!s.loaded) return [{ kind: 'message', id: 'loading', text: 'Loading alerts…', detail: '' }];
  const nodes: AlertsNode[] = s.errors.map((error) => ({ kind: 'error', id: `error:${error.source}`, error }));
  const firing = s.alerts.filter((a) => a.state === 'firing');
  for (const g of groupBySeverity(firing)) {
    nodes.push({
      kind: 'severity',
      id: `severity:${g.severity}`,
      severity: g.severity,
      count: g.count,
      children: g.groups.map((n) => ({
        kind: 'alertGroup',
        id: `group:${g.severity}:${n.name}`,
        name: n.name,
        severity: g.severity,
        alerts: n.alerts,
        children: n.alerts.map((alert) => ({ kind: 'alert', id: `alert:${alert.key}`, alert })),
      })),
    });
  }
  // "No alerts firing" is a claim only every source together can make: while one does not answer, say what is not known.
  if (s.unknownSince) {
    nodes.splice(s.errors.length, 0, { kind: 'unknown', id: 'unknown', since: s.unknownSince, nothingKnownFiring: firing.length === 0 });
  } else if (firing.length === 0 && s.answered > 0) {
    nodes.push({ kind: 'message', id: 'none-firing', text: 'No alerts firing', detail: s.fetchedAt ? `as of ${s.fetchedAt.toLocaleTimeString()}` : '' });
  }
  for (const section of ['pending', 'silenced'] as const) {
    const list = sortForList(s.alerts.filter((a) => (section === 'pending' ? a.state === 'pending' : a.state === 'silenced' || a.state === 'inhibited')));
    if (list.length) nodes.push({ kind: 'section', id: `section:${section}`, section, children: list.map((alert) => ({ kind: 'alert', id: `${section}:${alert.key}`, alert })) });
  }
  if (s.silences.length) nodes.push({ kind: 'silences', id: 'silences', children: s.silences.map((silence) => ({ kind: 'silence', id: `silence:${silence.id}`, silence })) });
  return nodes;
}

export function childrenOf(node: AlertsNode): AlertsNode[] {
  return 'children' in node ? node.children : [];
}
