// Makes one backup: the namespace's resources as re-appliable YAML, Secrets only if asked and only sealed, the
// database by pg_dump --format=custom from a snapshot our row counts share, checksums, then manifest.json with
// complete: true. Everything is written under .partial-<id> and renamed only when complete; a failure or a cancel
// removes the partial folder and says in which phase and why.
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { KindList, KindRef } from '../../clients/kubernetes/namespaceObjectsClient';
import type { KubeError } from '../../clients/kubernetes/kubeErrors';
import { type PgSettings, withPg } from '../../clients/postgres/postgresClient';
import { countRows, dumpedTables, exportSnapshot, serverVersion } from '../../clients/postgres/backupQueries';
import { findPgTool, missingToolHint, pgEnv, runPgTool, toolErrorText, toolVersion } from '../../clients/postgres/pgTools';
import type { Result } from '../../core/result';
import { existsSync } from 'node:fs';
import { BACKUP_KINDS, DUMP_FILE, kindFile, SECRET_KIND, SECRETS_FILE } from './backupKinds';
import { type BackupManifest, buildManifest, type FileRole, type KindCount, MANIFEST_FILE, manifestText, type SecretsEntry } from './backupManifest';
import { backupId, partialName } from './backupNames';
import { errorCode, hashFile, sizeOf, syncPath, writeDurable } from './backupFiles';
import { majorVersion, parseToc } from './dumpArchive';
import { sha256sums } from './fileChecks';
import { type Json, type JsonObject, skipReason, stripForBackup } from './resourceStrip';
import { sealWithKey, sealWithPassphrase } from './secretBox';

export type SecretsChoice = { mode: 'none' } | { mode: 'passphrase'; passphrase: string } | { mode: 'key'; key: Buffer };

export interface BackupRequest {
  destination: string;
  context: string;
  namespace: string;
  secrets: SecretsChoice;
}

export type BackupPhase = 'preparing' | 'resources' | 'dumping' | 'checksums' | 'finishing';

export interface BackupProgress {
  phase: BackupPhase;
  message: string;
  /** Bytes of the dump written so far (dumping). */
  bytes?: number;
}

export interface BackupEnvironment {
  database: PgSettings;
  /** Where pg_dump/pg_restore are; PATH when undefined. */
  postgresBinDir?: string;
  kube: { list(kind: KindRef, namespace: string, signal?: AbortSignal): Promise<Result<KindList, KubeError>> };
  cockpitVersion: string;
  now?: () => Date;
  onProgress?: (p: BackupProgress) => void;
  /** How often the dump's size is reported (default 250 ms). */
  progressEveryMs?: number;
  /** pg_dump's process id, once it runs. */
  onDumpStarted?: (pid: number) => void;
}

export type BackupResult =
  | { ok: true; dir: string; manifest: BackupManifest }
  | { ok: false; phase: BackupPhase; cancelled: boolean; message: string; hint?: string; partialRemoved: boolean };

class BackupFailure extends Error {
  constructor(
    readonly phase: BackupPhase,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

class Cancelled extends Error {}

interface Written {
  path: string;
  role: FileRole;
}

export async function writeBackup(req: BackupRequest, env: BackupEnvironment, signal?: AbortSignal): Promise<BackupResult> {
  const now = env.now ?? (() => new Date());
  const started = now();
  const progress = (p: BackupProgress) => env.onProgress?.(p);
  let phase: BackupPhase = 'preparing';
  let partial: string | undefined;
  const check = () => {
    if (signal?.aborted) throw new Cancelled();
  };
  try {
    progress({ phase, message: 'Checking pg_dump and the destination' });
    const pgDump = findPgTool('pg_dump', env.postgresBinDir);
    if (!pgDump) throw new BackupFailure(phase, 'pg_dump was not found', missingToolHint('pg_dump', env.postgresBinDir));
    const pgDumpVersion = await toolVersion(pgDump, signal);
    check();
    if (!pgDumpVersion) throw new BackupFailure(phase, `${pgDump} --version did not answer`, 'Check the PostgreSQL client installation.');
    try {
      await mkdir(req.destination, { recursive: true });
      const id = backupId(req.context, req.namespace, started, (candidate) => existsSync(join(req.destination, candidate)) || existsSync(join(req.destination, partialName(candidate))));
      partial = join(req.destination, partialName(id));
      await mkdir(join(partial, 'resources'), { recursive: true, mode: 0o700 });
    } catch (e) {
      partial = undefined;
      throw new BackupFailure(phase, `The destination ${req.destination} is not writable (${errorCode(e)})`, 'Choose another folder in phoenixOps.backups.destination, or fix its permissions.');
    }
    const id = partial.slice(join(req.destination, partialName('')).length);
    const dir = partial;

    // The namespace is read while the database dumps: both mostly wait on servers, so the backup takes about the
    // dump's time. Either failing stops the other; the folder is removed only once both have stopped.
    phase = 'dumping';
    check();
    progress({ phase, message: `Dumping database ${env.database.database}`, bytes: 0 });
    const dumpPath = join(dir, DUMP_FILE);
    const both = new AbortController();
    const onCancel = () => both.abort();
    signal?.addEventListener('abort', onCancel, { once: true });
    // A failure stops the other one, and keeps the phase it happened in even when it was an unexpected throw.
    const stopOther = (failedIn: BackupPhase) => (e: unknown) => {
      both.abort();
      throw e instanceof BackupFailure || e instanceof Cancelled ? e : new BackupFailure(failedIn, e instanceof Error ? e.message : String(e));
    };
    const [namespaceRun, dumpRun] = await Promise.allSettled([
      writeNamespace(req, env, dir, id, both.signal, progress).catch(stopOther('resources')),
      dumpDatabase(env, pgDump, pgDumpVersion, dumpPath, both.signal, (bytes) => progress({ phase: 'dumping', message: `Dumping database ${env.database.database}`, bytes })).catch(stopOther('dumping')),
    ]).finally(() => signal?.removeEventListener('abort', onCancel));
    // What really went wrong, not the Cancelled the other one got when it was stopped because of it; Cancelled
    // only when nothing else went wrong (the user's Cancel).
    const failures = [namespaceRun, dumpRun].filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
    if (failures.length) throw failures.find((f) => f instanceof BackupFailure) ?? failures[0];
    if (namespaceRun.status !== 'fulfilled' || dumpRun.status !== 'fulfilled') throw new Error('unreachable');
    const { written, resources, secrets } = namespaceRun.value;
    const db = dumpRun.value;
    written.push({ path: DUMP_FILE, role: 'database' });

    // Checksums, and pg_restore reading the archive back: a dump it cannot list, or that lacks a table we
    // counted, is not a backup. Both read the dump once, side by side.
    phase = 'checksums';
    check();
    progress({ phase, message: `Checksums of ${written.length} files, and pg_restore --list of the dump` });
    // The files are hashed one after another: reading them all at once gains nothing on one disk, and each
    // read holds a listener on the cancel signal (16 files at once made Node warn of a listener leak).
    const hashAll = async () => {
      const out = [];
      for (const w of written) {
        const h = await hashFile(join(dir, w.path), signal);
        if (!h.present) throw new BackupFailure('checksums', `${w.path} could not be read back (${h.why})`);
        out.push({ path: w.path, size: h.size, sha256: h.sha256, role: w.role });
      }
      return out;
    };
    const [listing, files] = await Promise.all([listArchive(env.postgresBinDir, dumpPath, signal), hashAll()]);
    const missing = db.tables.filter((t) => !listing.includes(t.table));
    if (missing.length) throw new BackupFailure('dumping', `The dump has no data entry for ${missing.map((t) => t.table).join(', ')}`, 'Report this: pg_dump skipped tables the snapshot had.');
    await syncPath(dumpPath);

    phase = 'finishing';
    check();
    progress({ phase, message: 'Writing the manifest' });
    const manifest = buildManifest({
      cockpitVersion: env.cockpitVersion,
      id,
      createdAt: started.toISOString(),
      completedAt: now().toISOString(),
      context: req.context,
      namespace: req.namespace,
      database: {
        host: env.database.host,
        port: env.database.port,
        name: env.database.database,
        user: env.database.user,
        serverVersion: db.serverVersion,
        pgDumpVersion,
        format: 'custom',
        file: DUMP_FILE,
      },
      files,
      tables: db.tables,
      resources,
      secrets,
    });
    await writeDurable(join(partial, 'SHA256SUMS'), sha256sums(manifest.files));
    await writeDurable(join(partial, MANIFEST_FILE), manifestText(manifest));
    await syncPath(join(partial, 'resources'));
    await syncPath(partial);
    check();
    const final = join(req.destination, id);
    await rename(partial, final);
    partial = undefined;
    await syncPath(req.destination);
    return { ok: true, dir: final, manifest };
  } catch (e) {
    const removed = partial ? await rm(partial, { recursive: true, force: true }).then(() => true, () => false) : true;
    if (e instanceof Cancelled || (signal?.aborted && !(e instanceof BackupFailure))) {
      return { ok: false, phase, cancelled: true, message: `Cancelled while ${PHASE_WORDS[phase]}`, partialRemoved: removed };
    }
    if (e instanceof BackupFailure) return { ok: false, phase: e.phase, cancelled: false, message: e.message, ...(e.hint ? { hint: e.hint } : {}), partialRemoved: removed };
    return { ok: false, phase, cancelled: false, message: `${e instanceof Error ? e.message : String(e)}`, partialRemoved: removed };
  }
}

const PHASE_WORDS: Record<BackupPhase, string> = {
  preparing: 'preparing',
  resources: 'reading the namespace',
  dumping: 'dumping the database',
  checksums: 'computing checksums',
  finishing: 'writing the manifest',
};

/** The namespace's resources as YAML files, and its Secrets sealed when asked. */
async function writeNamespace(
  req: BackupRequest,
  env: BackupEnvironment,
  dir: string,
  id: string,
  signal: AbortSignal,
  progress: (p: BackupProgress) => void,
): Promise<{ written: Written[]; resources: KindCount[]; secrets: SecretsEntry }> {
  const written: Written[] = [];
  const resources: KindCount[] = [];
  for (const [i, kind] of BACKUP_KINDS.entries()) {
    if (signal.aborted) throw new Cancelled();
    progress({ phase: 'resources', message: `Reading ${kind.kind}s (${i + 1}/${BACKUP_KINDS.length})` });
    const objects = await readKind(env, kind, req.namespace, signal);
    if (objects.length === 0) {
      resources.push({ kind: kind.kind, count: 0 });
      continue;
    }
    const file = kindFile(kind);
    await writeDurable(join(dir, file), yamlDocuments(objects));
    written.push({ path: file, role: 'resources' });
    resources.push({ kind: kind.kind, count: objects.length, file });
  }
  if (req.secrets.mode === 'none') return { written, resources, secrets: { included: false } };
  if (signal.aborted) throw new Cancelled();
  progress({ phase: 'resources', message: 'Reading and sealing Secrets' });
  const objects = await readKind(env, SECRET_KIND, req.namespace, signal);
  const plain = Buffer.from(yamlDocuments(objects), 'utf8');
  const aad = `${id}/${SECRETS_FILE}`;
  const envelope = req.secrets.mode === 'passphrase' ? await sealWithPassphrase(plain, req.secrets.passphrase, aad) : sealWithKey(plain, req.secrets.key, aad);
  plain.fill(0);
  await writeDurable(join(dir, SECRETS_FILE), `${JSON.stringify(envelope, null, 2)}\n`);
  written.push({ path: SECRETS_FILE, role: 'secrets' });
  const secrets: SecretsEntry = {
    included: true,
    count: objects.length,
    file: SECRETS_FILE,
    encryption: req.secrets.mode,
    ...(envelope.key.kind === 'key' ? { keyId: envelope.key.keyId } : {}),
    names: objects.map(name),
  };
  return { written, resources, secrets };
}

async function readKind(env: BackupEnvironment, kind: (typeof BACKUP_KINDS)[number], namespace: string, signal?: AbortSignal): Promise<JsonObject[]> {
  const r = await env.kube.list(kind, namespace, signal);
  if (!r.ok) {
    if (r.error.kind === 'cancelled' || signal?.aborted) throw new Cancelled();
    throw new BackupFailure('resources', `Cannot list ${kind.kind}s in ${namespace}: ${r.error.message}`, r.error.hint);
  }
  return r.value.items
    .map((o) => o as JsonObject)
    .filter((o) => skipReason(o) === undefined)
    .map(stripForBackup)
    .sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
}

function name(o: JsonObject): string {
  const m = o.metadata as { [k: string]: Json } | undefined;
  return typeof m?.name === 'string' ? m.name : '';
}

/** Multi-document YAML that `kubectl apply -f` reads: one document per object, in name order. */
export function yamlDocuments(objects: readonly JsonObject[]): string {
  return objects.map((o) => `---\n${stringify(o, { lineWidth: 0 })}`).join('');
}

interface DumpedDatabase {
  serverVersion: string;
  tables: Array<{ table: string; rows: number }>;
}

/**
 * pg_dump from an exported snapshot while the same transaction counts every table's rows: the dump and the
 * counts describe one instant, whatever writes meanwhile. The snapshot's transaction ends when both are done.
 */
async function dumpDatabase(env: BackupEnvironment, pgDump: string, pgDumpVersion: string, file: string, signal: AbortSignal | undefined, onBytes: (n: number) => void): Promise<DumpedDatabase> {
  const inner = new AbortController();
  const onOuter = () => inner.abort();
  signal?.addEventListener('abort', onOuter, { once: true });
  let dumpError: BackupFailure | Cancelled | undefined;
  try {
    const r = await withPg(
      { ...env.database, statementTimeoutMs: 0 },
      async (client) => {
        const version = await serverVersion(client);
        const serverMajor = majorVersion(version);
        const dumpMajor = majorVersion(pgDumpVersion);
        if (serverMajor !== undefined && dumpMajor !== undefined && dumpMajor < serverMajor) {
          throw (dumpError = new BackupFailure(
            'preparing',
            `pg_dump ${pgDumpVersion} is older than the server (PostgreSQL ${version}) and cannot dump it`,
            `Install the PostgreSQL ${serverMajor} client tools (Debian/Ubuntu: apt-get install postgresql-client-${serverMajor}) or point phoenixOps.backups.postgresBinDir at them.`,
          ));
        }
        const snapshot = await exportSnapshot(client);
        const tables = await dumpedTables(client);
        const poll = setInterval(() => void sizeOf(file).then(onBytes), env.progressEveryMs ?? 250);
        try {
          const dump = runPgTool({
            path: pgDump,
            args: ['--format=custom', `--file=${file}`, `--snapshot=${snapshot}`, '--no-password'],
            env: pgEnv(env.database),
            signal: inner.signal,
            ...(env.onDumpStarted ? { onSpawn: env.onDumpStarted } : {}),
          }).then((run) => {
            if (run.cancelled) dumpError ??= new Cancelled();
            else if (run.code !== 0) dumpError ??= new BackupFailure('dumping', `pg_dump failed (${run.code === undefined ? `signal ${run.signal ?? '?'}` : `exit ${run.code}`}): ${toolErrorText(run.stderr)}`, 'Check that PostgreSQL is up and the user may read every table; nothing of this backup was kept.');
            // Either way the counting transaction has no reason to go on.
            if (dumpError) inner.abort();
            return run;
          });
          const counts = countRows(client, tables, inner.signal);
          const [, countsResult] = await Promise.allSettled([dump, counts]);
          if (dumpError) throw dumpError;
          if (countsResult.status === 'rejected') throw countsResult.reason;
          // The transaction only read; if its connection died after the counts, nothing of the backup is lost.
          await client.query('COMMIT').catch(() => undefined);
          onBytes(await sizeOf(file));
          return { serverVersion: version, tables: tables.map((t) => ({ table: t, rows: countsResult.value.get(t) ?? 0 })) };
        } finally {
          clearInterval(poll);
        }
      },
      inner.signal,
    );
    if (dumpError) throw dumpError;
    if (!r.ok) {
      if (r.error.kind === 'cancelled') throw new Cancelled();
      throw new BackupFailure('dumping', `${r.error.message}`, r.error.hint);
    }
    return r.value;
  } finally {
    signal?.removeEventListener('abort', onOuter);
  }
}

/** schema.table of every TABLE DATA entry pg_restore --list finds in the archive; a listing failure is the backup's failure. */
async function listArchive(binDir: string | undefined, dump: string, signal?: AbortSignal): Promise<string[]> {
  const pgRestore = findPgTool('pg_restore', binDir);
  if (!pgRestore) throw new BackupFailure('dumping', 'pg_restore was not found, so the dump cannot be checked', missingToolHint('pg_restore', binDir));
  let out = '';
  const r = await runPgTool({ path: pgRestore, args: ['--list', dump], env: { PATH: process.env.PATH ?? '' }, ...(signal ? { signal } : {}), onStdout: (c) => (out += c.toString('utf8')) });
  if (r.cancelled) throw new Cancelled();
  if (r.code !== 0) throw new BackupFailure('dumping', `pg_restore cannot read the dump it just wrote: ${toolErrorText(r.stderr)}`);
  return parseToc(out).tableData;
}
