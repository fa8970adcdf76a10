// Show Events: the events of a deployment, its ReplicaSets and their pods (also pods already gone),
// newest first, as a `kubectl get events`-like table. Pure.
import type { CoreV1Event } from '@kubernetes/client-node';
import { shortAge, timeMs } from './objectMeta';

export interface EventScope {
  /** Deployment name, or undefined to show only the listed ReplicaSets/pods. */
  deployment?: string;
  /** Names of the deployment's ReplicaSets: their events, and the events of pods named `<rs>-…`. */
  replicaSets: readonly string[];
  /** Single pods (a pod row's Show Events). */
  pods?: readonly string[];
  /** Any other objects by kind and name (a Resources row's Show Events: a CronJob, a Service, a custom resource). */
  objects?: readonly { kind: string; name: string }[];
}

export interface EventRow {
  timeMs: number;
  type: string;
  reason: string;
  object: string;
  count: number;
  message: string;
}

export function eventsFor(events: readonly CoreV1Event[], scope: EventScope): EventRow[] {
  const rsNames = new Set(scope.replicaSets);
  const podNames = new Set(scope.pods ?? []);
  const podPrefixes = scope.replicaSets.map((rs) => `${rs}-`);
  const rows: EventRow[] = [];
  for (const e of events) {
    const obj = e.involvedObject ?? {};
    const name = obj.name ?? '';
    const kind = obj.kind ?? '';
    const matches =
      (kind === 'Deployment' && name === scope.deployment) ||
      (kind === 'ReplicaSet' && rsNames.has(name)) ||
      (kind === 'Pod' && (podNames.has(name) || podPrefixes.some((p) => name.startsWith(p)))) ||
      (scope.objects ?? []).some((o) => o.kind === kind && o.name === name);
    if (!matches) continue;
    rows.push({
      timeMs: timeMs(e.lastTimestamp) ?? timeMs(e.eventTime as unknown as string) ?? timeMs(e.firstTimestamp) ?? timeMs(e.metadata?.creationTimestamp) ?? 0,
      type: e.type ?? '',
      reason: e.reason ?? '',
      object: `${kind.toLowerCase()}/${name}`,
      count: e.count ?? e.series?.count ?? 1,
      message: (e.message ?? '').replace(/\s+/g, ' ').trim(),
    });
  }
  return rows.sort((a, b) => b.timeMs - a.timeMs);
}

export function eventsText(title: string, rows: readonly EventRow[], nowMs: number): string {
  if (rows.length === 0) return `${title}\n\nNo events (the API server keeps events for about an hour).\n`;
  const table = [['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'COUNT', 'MESSAGE'], ...rows.map((r) => [shortAge(r.timeMs, nowMs), r.type, r.reason, r.object, String(r.count), r.message])];
  const widths = table[0].map((_, i) => (i === 5 ? 0 : Math.max(...table.map((row) => row[i].length))));
  const lines = table.map((row) => row.map((cell, i) => (i === 5 ? cell : cell.padEnd(widths[i]))).join('   '));
  return `${title} — ${rows.length} event${rows.length === 1 ? '' : 's'}, newest first\n\n${lines.join('\n')}\n`;
}
