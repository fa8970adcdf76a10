// The Backups tree as data: one row per backup (newest first) with its time, context/namespace, size, verified
// state and age; damaged and interrupted backups say so; what runs now is shown on top. A backup expands into what
// it holds and its verification history.
import type { BackupManifest } from './backupManifest';
import type { BackupActivity, BackupsSnapshot } from './backupsModel';
import type { BackupEntry } from './backupStore';
import { agoText, humanAge, humanBytes, totalRows, totalSize, verifiedState, verifiedText } from './backupText';

export type CompleteEntry = Extract<BackupEntry, { kind: 'complete' }>;

export type BackupsNode =
  | { kind: 'backup'; id: string; entry: CompleteEntry; label: string; description: string; tooltip: string; state: 'verified' | 'never' | 'failed' }
  | { kind: 'damaged'; id: string; entry: Extract<BackupEntry, { kind: 'damaged' }>; label: string; description: string; tooltip: string }
  | { kind: 'partial'; id: string; entry: Extract<BackupEntry, { kind: 'partial' }>; label: string; description: string; tooltip: string }
  | { kind: 'activity'; id: string; label: string; description: string }
  | { kind: 'detail'; id: string; label: string; description: string; tooltip?: string; icon: 'database' | 'files' | 'lock' | 'pass' | 'error' | 'history' }
  | { kind: 'error'; id: string; label: string; description: string };

/** "2026-12-03 02:00 UTC" — the backup's time, unambiguous whatever the reader's zone. */
export function backupTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function backupsRoots(s: BackupsSnapshot, now: Date): BackupsNode[] {
  const nodes: BackupsNode[] = s.activities.map((a, i) => activityNode(a, i));
  if (s.error) return [...nodes, { kind: 'error', id: 'error', label: 'Cannot read the destination', description: s.error }];
  for (const e of s.entries) nodes.push(entryNode(e, now));
  return nodes;
}

function activityNode(a: BackupActivity, i: number): BackupsNode {
  const label = a.kind === 'backingUp' ? `Backing up ${a.context}/${a.namespace}` : `${a.kind === 'verifying' ? 'Verifying' : 'Test-restoring'} ${a.id}`;
  return { kind: 'activity', id: `activity:${i}`, label, description: a.message };
}

function entryNode(e: BackupEntry, now: Date): BackupsNode {
  if (e.kind === 'partial') {
    return {
      kind: 'partial',
      id: `partial:${e.id}`,
      entry: e,
      label: `⚠ incomplete: ${e.id}`,
      description: `interrupted ${agoText(now.getTime() - e.modified.getTime())} · not a backup`,
      tooltip: `${e.dir}\n\nA backup that did not finish (the editor stopped while it ran). It was never complete and cannot be restored: delete it.`,
    };
  }
  if (e.kind === 'damaged') {
    return { kind: 'damaged', id: `damaged:${e.id}`, entry: e, label: `✗ ${e.id}`, description: e.problem, tooltip: `${e.dir}\n\n${e.problem}` };
  }
  const m = e.manifest;
  const v = verifiedState(m);
  const age = humanAge(now.getTime() - Date.parse(m.createdAt));
  return {
    kind: 'backup',
    id: `backup:${e.id}`,
    entry: e,
    label: backupTime(m.createdAt),
    description: `${m.context}/${m.namespace} · ${humanBytes(totalSize(m))} · ${verifiedText(v, now)} · ${age === 'just now' ? age : `${age} old`}`,
    tooltip: backupTooltip(e, now),
    state: v.kind,
  };
}

function backupTooltip(e: CompleteEntry, now: Date): string {
  const m = e.manifest;
  return [
    `${m.id}`,
    `${m.context}/${m.namespace} · database ${m.database.name} on ${m.database.host}:${m.database.port} (PostgreSQL ${m.database.serverVersion})`,
    `taken ${m.createdAt} (${agoText(now.getTime() - Date.parse(m.createdAt))}), ${humanBytes(totalSize(m))}`,
    `${m.tables.length} tables, ${totalRows(m)} rows · ${m.resources.reduce((n, r) => n + r.count, 0)} resources · ${m.secrets.included ? `${m.secrets.count} Secrets sealed (${m.secrets.encryption})` : 'no Secrets'}`,
    verifiedText(verifiedState(m), now),
    e.dir,
  ].join('\n');
}

/** What a backup holds and how its verifications went. */
export function backupChildren(node: Extract<BackupsNode, { kind: 'backup' }>, now: Date): BackupsNode[] {
  const m: BackupManifest = node.entry.manifest;
  const id = node.id;
  const out: BackupsNode[] = [
    {
      kind: 'detail',
      id: `${id}:database`,
      label: `Database ${m.database.name}`,
      description: `${m.tables.length} tables · ${totalRows(m)} rows · ${humanBytes(m.files.find((f) => f.role === 'database')?.size ?? 0)}`,
      tooltip: m.tables.map((t) => `${t.table}: ${t.rows} rows`).join('\n'),
      icon: 'database',
    },
    {
      kind: 'detail',
      id: `${id}:resources`,
      label: 'Resources',
      description: m.resources.filter((r) => r.count > 0).map((r) => `${r.count} ${r.kind}`).join(' · ') || 'none',
      tooltip: m.resources.map((r) => `${r.kind}: ${r.count}`).join('\n'),
      icon: 'files',
    },
    {
      kind: 'detail',
      id: `${id}:secrets`,
      label: 'Secrets',
      description: m.secrets.included ? `${m.secrets.count} sealed with ${m.secrets.encryption === 'key' ? `backup key ${m.secrets.keyId ?? ''}` : 'a passphrase'}` : 'not included',
      icon: 'lock',
    },
  ];
  const history = [...m.verifications].reverse().slice(0, 5);
  for (const [i, v] of history.entries()) {
    out.push({
      kind: 'detail',
      id: `${id}:verification:${i}`,
      label: `${v.kind === 'verify' ? 'Verified' : 'Test-restored'} ${backupTime(v.at)}`,
      description: `${v.ok ? '✓' : '✗'} ${v.detail}`,
      tooltip: `${v.detail}\n${(v.durationMs / 1000).toFixed(1)} s, ${agoText(now.getTime() - Date.parse(v.at))}`,
      icon: v.ok ? 'pass' : 'error',
    });
  }
  if (!history.length) out.push({ kind: 'detail', id: `${id}:never`, label: 'Never verified', description: 'Verify or Test Restore it', icon: 'history' });
  return out;
}
