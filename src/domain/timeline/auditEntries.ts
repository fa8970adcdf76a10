// The audit log (audit.jsonl) as timeline entries: every change the cockpit made or was asked to make — scale,
// restart, set image, rollback, canary, backup, silence and experiment actions — with who and how it ended.
import { markdownCode } from '../../core/markdown';
import type { AuditRecord } from '../safety/auditRecord';
import type { TimelineEntry, TimelineKind } from './timelineEntry';
import { experimentKey, silenceKey, stepKey } from './eventKeys';

/** The records of an audit.jsonl text; lines that are not a record (a torn last write, an edit by hand) are counted, not fatal. */
export function parseAuditLines(text: string): { records: AuditRecord[]; unreadable: number } {
  const records: AuditRecord[] = [];
  let unreadable = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const r = parseRecord(line);
    if (r) records.push(r);
    else unreadable++;
  }
  return { records, unreadable };
}

function parseRecord(line: string): AuditRecord | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Partial<Record<keyof AuditRecord, unknown>>;
  const str = (x: unknown) => typeof x === 'string';
  if (!str(r.time) || !str(r.action) || !str(r.object) || !str(r.outcome) || Number.isNaN(Date.parse(r.time))) return undefined;
  return v as AuditRecord;
}

const OUTCOME: Record<string, string> = { succeeded: 'succeeded', failed: 'FAILED', cancelled: 'cancelled (not confirmed)', blocked: 'blocked (read-only)' };

export function auditEntries(records: readonly AuditRecord[]): TimelineEntry[] {
  return records.map((r) => {
    const where = r.context ? ` on ${r.context}${r.namespace ? `/${r.namespace}` : ''}` : '';
    const detail = r.detail ? `: ${markdownCode(oneLine(r.detail, 160))}` : '';
    return {
      at: Date.parse(r.time),
      source: 'audit log',
      kind: kindOf(r.action),
      actor: r.user || 'unknown',
      what: `${r.action} ${markdownCode(r.object)}${where}${detail}`,
      outcome: OUTCOME[r.outcome] ?? r.outcome,
      keys: keysOf(r),
      // The audit time is when the action ended; a source stamps the event when it took effect.
      matchWithinMs: 60_000 + (r.durationMs ?? 0),
    };
  });
}

function kindOf(action: string): TimelineKind {
  if (/silence/.test(action)) return 'silence';
  if (/experiment/.test(action)) return 'experiment';
  if (/runbook step/.test(action)) return 'step';
  return 'change';
}

/** Only what succeeded took effect: a cancelled silence is not the silence Alertmanager lists. */
function keysOf(r: AuditRecord): string[] {
  if (r.outcome !== 'succeeded' && !/runbook step/.test(r.action)) return [];
  if (r.action === 'silence alert') return (r.refs ?? []).map((id) => silenceKey(id, 'created'));
  if (r.action === 'expire silence') return idsOf(r.object, 'silence/').map((id) => silenceKey(id, 'expired'));
  if (r.action === 'stop experiment') return idsOf(r.object, 'experiment/').map((name) => experimentKey(name, 'stopped'));
  if (/runbook step/.test(r.action)) return [stepKey(r.object)];
  return [];
}

function idsOf(object: string, prefix: string): string[] {
  return object.startsWith(prefix) ? object.slice(prefix.length).split(',').filter(Boolean) : [];
}

export function oneLine(s: string, max: number): string {
  const t = s.replace(/\s*\r?\n\s*/g, ' ⏎ ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
