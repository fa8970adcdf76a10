// Names on disk: a backup folder is <context>_<namespace>_<UTC time>, readable and sortable; while it is being
// written it is .partial-<name> (hidden), so nothing half-written ever looks like a backup.

export const PARTIAL_PREFIX = '.partial-';

/** Lower-case letters, digits, dot and dash; anything else becomes a dash. */
export function slug(s: string): string {
  const out = s
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return out.slice(0, 60) || 'unnamed';
}

/** 2026-12-03T02:00:05.123Z → 20261203-020005Z */
export function compactTime(t: Date): string {
  return t.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '').replace('T', '-');
}

export function backupId(context: string, namespace: string, t: Date, taken: (id: string) => boolean = () => false): string {
  const base = `${slug(context)}_${slug(namespace)}_${compactTime(t)}`;
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base}-${n}`)) return `${base}-${n}`;
}

export function partialName(id: string): string {
  return `${PARTIAL_PREFIX}${id}`;
}

export function isPartialName(name: string): boolean {
  return name.startsWith(PARTIAL_PREFIX);
}

/** <database>_verify_<UTC time>: a scratch database name PostgreSQL accepts unquoted (≤ 63 bytes). */
export function scratchDatabaseName(database: string, t: Date): string {
  const suffix = `_verify_${compactTime(t).replace(/[-Z]/g, '').toLowerCase()}`;
  const base = database.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^[^a-z]+/, '').replace(/_+$/, '') || 'db';
  return `${base.slice(0, 63 - suffix.length)}${suffix}`;
}
