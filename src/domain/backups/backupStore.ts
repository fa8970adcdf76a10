// The backups in a destination folder: complete ones (a manifest that parses), damaged ones (a manifest that does
// not: shown with why, never silently skipped) and interrupted ones (.partial-*: never looking complete). Deleting
// is only ever of such a folder inside the destination; verifications are recorded by rewriting the manifest atomically.
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { type BackupManifest, MANIFEST_FILE, manifestText, parseManifest, type Verification, withVerification } from './backupManifest';
import { isPartialName, PARTIAL_PREFIX } from './backupNames';
import { replaceDurable } from './backupFiles';
import { lastVerification } from './backupManifest';
import { planRetention, type RetentionDecision, type RetentionPolicy } from './retention';

export type BackupEntry =
  | { kind: 'complete'; id: string; dir: string; manifest: BackupManifest }
  | { kind: 'damaged'; id: string; dir: string; problem: string; modified: Date }
  | { kind: 'partial'; id: string; dir: string; modified: Date };

/** Every backup folder of the destination, newest first. A missing destination has none. */
export async function listBackups(destination: string): Promise<BackupEntry[]> {
  let names: string[];
  try {
    names = (await readdir(destination, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const entries = await Promise.all(names.map((n) => readEntry(destination, n)));
  return entries.filter((e): e is BackupEntry => e !== undefined).sort((a, b) => timeOf(b) - timeOf(a) || (a.id < b.id ? 1 : -1));
}

async function readEntry(destination: string, name: string): Promise<BackupEntry | undefined> {
  const dir = join(destination, name);
  if (isPartialName(name)) return { kind: 'partial', id: name.slice(PARTIAL_PREFIX.length), dir, modified: (await stat(dir)).mtime };
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    return undefined; // not a backup folder
  }
  const m = parseManifest(text);
  if (m.ok) return { kind: 'complete', id: name, dir, manifest: m.value };
  return { kind: 'damaged', id: name, dir, problem: m.error, modified: (await stat(dir)).mtime };
}

function timeOf(e: BackupEntry): number {
  return e.kind === 'complete' ? Date.parse(e.manifest.createdAt) : e.modified.getTime();
}

/** Appends a verification to the manifest (atomic rewrite); the manifest as written. */
export async function recordVerification(dir: string, v: Verification): Promise<BackupManifest> {
  const path = join(dir, MANIFEST_FILE);
  const m = parseManifest(await readFile(path, 'utf8'));
  if (!m.ok) throw new Error(`cannot record the verification: ${m.error}`);
  const next = withVerification(m.value, v);
  await replaceDurable(path, manifestText(next));
  return next;
}

/** Removes a backup folder; refuses anything that is not a backup folder directly inside the destination. */
export async function deleteBackup(destination: string, dir: string): Promise<void> {
  const rel = relative(resolve(destination), resolve(dir));
  if (!rel || rel.startsWith('..') || rel.includes(sep) || rel === '.') throw new Error(`${dir} is not a backup folder of ${destination}`);
  const isPartial = isPartialName(rel);
  const hasManifest = await stat(join(dir, MANIFEST_FILE)).then(() => true, () => false);
  if (!isPartial && !hasManifest) throw new Error(`${dir} has no ${MANIFEST_FILE}: not deleting a folder that is not a backup`);
  await rm(dir, { recursive: true, force: true });
}

/** Backups of one context, namespace and database form a series; retention applies per series. */
export function seriesOf(m: BackupManifest): string {
  return `${m.context}/${m.namespace} · ${m.database.name}@${m.database.host}:${m.database.port}`;
}

export interface RetentionPlan {
  series: string;
  decisions: Array<RetentionDecision & { entry: Extract<BackupEntry, { kind: 'complete' }> }>;
}

/** The plan for every series of the listed backups; damaged and interrupted backups are left to the user. */
export function retentionPlans(entries: readonly BackupEntry[], policy: RetentionPolicy): RetentionPlan[] {
  const bySeries = new Map<string, Array<Extract<BackupEntry, { kind: 'complete' }>>>();
  for (const e of entries) {
    if (e.kind !== 'complete') continue;
    const key = seriesOf(e.manifest);
    bySeries.set(key, [...(bySeries.get(key) ?? []), e]);
  }
  return [...bySeries.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([series, list]) => {
      const byId = new Map(list.map((e) => [e.id, e]));
      const decisions = planRetention(
        list.map((e) => ({ id: e.id, time: new Date(e.manifest.createdAt), verified: lastVerification(e.manifest)?.ok === true })),
        policy,
      );
      return { series, decisions: decisions.map((d) => ({ ...d, entry: byId.get(d.id)! })) };
    });
}
