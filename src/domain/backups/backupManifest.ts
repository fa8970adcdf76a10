// The manifest of one backup (manifest.json, written last): what is in the folder, with sizes and sha256,
// rows per table, resources per kind, the versions that made it, its verifications, and `complete: true`.
// Its own integrity checksum covers everything but the verification history (which grows after the backup).
import { createHash } from 'node:crypto';
import { err, ok, type Result } from '../../core/result';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 1;

export type FileRole = 'database' | 'resources' | 'secrets';

export interface ManifestFile {
  /** Relative to the backup folder, with forward slashes. */
  path: string;
  size: number;
  sha256: string;
  role: FileRole;
}

export interface TableRows {
  /** schema.table, unquoted, as pg_catalog names it. */
  table: string;
  rows: number;
}

export interface KindCount {
  kind: string;
  count: number;
  /** The file holding them; absent when there were none. */
  file?: string;
}

export type SecretsEntry =
  | { included: false }
  | { included: true; count: number; file: string; encryption: 'passphrase' | 'key'; keyId?: string; /** Their names (not their values): what a restore can offer to put back. */ names: string[] };

export interface DatabaseEntry {
  host: string;
  port: number;
  name: string;
  user: string;
  serverVersion: string;
  pgDumpVersion: string;
  format: 'custom';
  file: string;
}

export type VerificationKind = 'verify' | 'testRestore';

export interface Verification {
  kind: VerificationKind;
  /** ISO time it ended. */
  at: string;
  ok: boolean;
  durationMs: number;
  /** One line: what was checked, or what was wrong. */
  detail: string;
}

export interface BackupManifest {
  format: typeof MANIFEST_FORMAT;
  cockpitVersion: string;
  /** The folder name. */
  id: string;
  /** ISO time the backup started (the database snapshot is from this moment). */
  createdAt: string;
  completedAt: string;
  context: string;
  namespace: string;
  database: DatabaseEntry;
  files: ManifestFile[];
  tables: TableRows[];
  resources: KindCount[];
  secrets: SecretsEntry;
  verifications: Verification[];
  /** sha256 of the canonical JSON of everything above except `verifications`. */
  integrity: string;
  complete: true;
}

export type ManifestBody = Omit<BackupManifest, 'integrity' | 'complete' | 'verifications' | 'format'>;

/** JSON with object keys sorted at every level: the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function manifestIntegrity(m: Omit<BackupManifest, 'integrity' | 'complete' | 'verifications'>): string {
  const { format, cockpitVersion, id, createdAt, completedAt, context, namespace, database, files, tables, resources, secrets } = m;
  const body = { format, cockpitVersion, id, createdAt, completedAt, context, namespace, database, files, tables, resources, secrets };
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/** The complete manifest: sorted lists, the integrity checksum, and `complete: true` last. */
export function buildManifest(body: ManifestBody): BackupManifest {
  const sorted = {
    format: MANIFEST_FORMAT,
    ...body,
    files: [...body.files].sort((a, b) => cmp(a.path, b.path)),
    tables: [...body.tables].sort((a, b) => cmp(a.table, b.table)),
    resources: [...body.resources].sort((a, b) => cmp(a.kind, b.kind)),
  } as const;
  return { ...sorted, verifications: [], integrity: manifestIntegrity(sorted), complete: true };
}

export function manifestText(m: BackupManifest): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}

/** The manifest with one more verification (the newest last); everything the integrity covers unchanged. */
export function withVerification(m: BackupManifest, v: Verification): BackupManifest {
  const { integrity, complete, ...rest } = m;
  return { ...rest, verifications: [...m.verifications, v], integrity, complete };
}

export function lastVerification(m: Pick<BackupManifest, 'verifications'>): Verification | undefined {
  return m.verifications[m.verifications.length - 1];
}

/** Reads manifest.json text; a manifest that is unreadable, of another format, incomplete or changed is an error saying so. */
export function parseManifest(text: string): Result<BackupManifest, string> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return err(`manifest.json is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isObject(raw)) return err('manifest.json does not hold an object');
  if (raw.format !== MANIFEST_FORMAT) return err(`manifest.json has format ${JSON.stringify(raw.format)}; this cockpit reads format ${MANIFEST_FORMAT}`);
  if (raw.complete !== true) return err('manifest.json does not say complete: true (the backup did not finish)');
  const problem = shapeProblem(raw);
  if (problem) return err(`manifest.json is malformed: ${problem}`);
  const m = raw as unknown as BackupManifest;
  if (manifestIntegrity(m) !== m.integrity) return err('manifest.json was changed or damaged: its integrity checksum does not match its content');
  return ok(m);
}

function shapeProblem(m: Record<string, unknown>): string | undefined {
  for (const k of ['cockpitVersion', 'id', 'createdAt', 'completedAt', 'context', 'namespace', 'integrity'] as const) {
    if (typeof m[k] !== 'string') return `${k} is not a string`;
  }
  const db = m.database;
  if (!isObject(db) || typeof db.name !== 'string' || typeof db.file !== 'string' || typeof db.port !== 'number') return 'database is incomplete';
  if (!Array.isArray(m.files) || !m.files.every((f) => isObject(f) && typeof f.path === 'string' && typeof f.size === 'number' && typeof f.sha256 === 'string')) {
    return 'files must list path, size and sha256';
  }
  if (!Array.isArray(m.tables) || !m.tables.every((t) => isObject(t) && typeof t.table === 'string' && typeof t.rows === 'number')) return 'tables must list table and rows';
  if (!Array.isArray(m.resources) || !m.resources.every((r) => isObject(r) && typeof r.kind === 'string' && typeof r.count === 'number')) return 'resources must list kind and count';
  if (!isObject(m.secrets) || typeof m.secrets.included !== 'boolean') return 'secrets is missing';
  if (!Array.isArray(m.verifications)) return 'verifications is not a list';
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function cmp(a: string, b: string): number {
  if (a < b) return -1;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, Array.prototype.sort only asks whether the result is below 0, so 1 and 0 for a >= b sort alike.
  return a > b ? 1 : 0;
}
