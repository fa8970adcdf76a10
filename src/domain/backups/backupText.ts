// How a backup reads in the view: sizes, ages, and its verified state ("verified 2 h ago ✓", "never verified",
// "✗ why") from the manifest's newest verification.
import type { BackupManifest, Verification } from './backupManifest';

export function humanBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${units[i]}`;
}

/** "just now", "5 min", "2 h", "3 d", "7 w" (the largest unit that fits, floored). */
export function humanAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return 'just now';
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h`;
  const d = Math.floor(h / 24);
  if (d < 14) return `${d} d`;
  return `${Math.floor(d / 7)} w`;
}

export type VerifiedState = { kind: 'never' } | { kind: 'verified'; last: Verification } | { kind: 'failed'; last: Verification };

export function verifiedState(m: Pick<BackupManifest, 'verifications'>): VerifiedState {
  const last = m.verifications[m.verifications.length - 1];
  if (!last) return { kind: 'never' };
  return last.ok ? { kind: 'verified', last } : { kind: 'failed', last };
}

const KIND_WORD: Record<Verification['kind'], string> = { verify: 'verified', testRestore: 'test-restored' };

/** "just now", "5 min ago", "2 h ago". */
export function agoText(ms: number): string {
  const age = humanAge(ms);
  return age === 'just now' ? age : `${age} ago`;
}

export function verifiedText(state: VerifiedState, now: Date): string {
  if (state.kind === 'never') return 'never verified';
  const when = agoText(now.getTime() - Date.parse(state.last.at));
  return state.kind === 'verified' ? `${KIND_WORD[state.last.kind]} ${when} ✓` : `✗ ${state.last.detail}`;
}

export function totalSize(m: Pick<BackupManifest, 'files'>): number {
  return m.files.reduce((n, f) => n + f.size, 0);
}

export function totalRows(m: Pick<BackupManifest, 'tables'>): number {
  return m.tables.reduce((n, t) => n + t.rows, 0);
}
