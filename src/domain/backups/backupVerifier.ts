// Verify: the backup as it is now against its manifest. Every file's size and sha256; pg_restore --list reads the
// dump and lists the tables the manifest counted; the dump's data, streamed through pg_restore, has exactly the
// manifest's rows per table; each resource file holds its kind's objects; the sealed secrets are well-formed.
// Problems name the file. Nothing is restored anywhere.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { findPgTool, missingToolHint, runPgTool, toolErrorText } from '../../clients/postgres/pgTools';
import { type BackupManifest, MANIFEST_FILE, parseManifest } from './backupManifest';
import { hashFile, listFiles } from './backupFiles';
import { compareRows, CopyRowCounter, mismatchText, parseToc } from './dumpArchive';
import { compareFiles, type FileProblem, type FileState, unexpectedFiles } from './fileChecks';
import { parseEnvelope } from './secretBox';

export interface VerifyOptions {
  postgresBinDir?: string;
  /** Stream every row of the dump and count them (default true); false checks only checksums and the TOC. */
  rows?: boolean;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
}

export interface VerifyReport {
  ok: boolean;
  /** The manifest as read (undefined when it could not be). */
  manifest?: BackupManifest;
  problems: FileProblem[];
  /** One line for the view and the manifest: what was checked, or the first problem. */
  summary: string;
  durationMs: number;
  cancelled?: boolean;
}

export async function verifyBackup(dir: string, opts: VerifyOptions = {}): Promise<VerifyReport> {
  const started = Date.now();
  const say = (m: string) => opts.onProgress?.(m);
  const done = (manifest: BackupManifest | undefined, problems: FileProblem[], summary: string): VerifyReport => ({
    ok: problems.length === 0,
    ...(manifest ? { manifest } : {}),
    problems,
    summary: problems.length ? problems.map((p) => p.message).slice(0, 2).join('; ') + (problems.length > 2 ? ` (+${problems.length - 2} more)` : '') : summary,
    durationMs: Date.now() - started,
  });
  const manifestText = await readFile(join(dir, MANIFEST_FILE), 'utf8').catch((e: NodeJS.ErrnoException) => e);
  if (manifestText instanceof Error) return done(undefined, [{ file: MANIFEST_FILE, message: `${MANIFEST_FILE} cannot be read (${manifestText.code ?? manifestText.message})` }], '');
  const parsed = parseManifest(manifestText);
  if (!parsed.ok) return done(undefined, [{ file: MANIFEST_FILE, message: parsed.error }], '');
  const m = parsed.value;
  try {
    say('Checksums');
    const states = new Map<string, FileState>();
    for (const f of m.files) {
      say(`Checksum of ${f.path}`);
      states.set(f.path, await hashFile(join(dir, f.path), opts.signal));
    }
    const extra = unexpectedFiles(await listFiles(dir), m.files, [MANIFEST_FILE, 'SHA256SUMS', `${MANIFEST_FILE}.tmp`]);
    const problems = compareFiles(m.files, states, extra);
    const damaged = new Set(problems.map((p) => p.file));

    if (!damaged.has(m.database.file)) problems.push(...(await checkDump(dir, m, opts)));
    for (const r of m.resources) {
      if (!r.file || damaged.has(r.file)) continue;
      const docs = parseAllDocuments(await readFile(join(dir, r.file), 'utf8'));
      const errors = docs.flatMap((d) => d.errors);
      if (errors.length) {
        problems.push({ file: r.file, message: `${r.file} is not valid YAML: ${errors[0]?.message ?? ''}` });
        continue;
      }
      const count = docs.map((d) => d.toJS() as { kind?: unknown } | null).filter((o) => o?.kind === r.kind).length;
      if (count !== r.count) problems.push({ file: r.file, message: `${r.file} holds ${count} ${r.kind}(s), the manifest says ${r.count}` });
    }
    if (m.secrets.included && !damaged.has(m.secrets.file)) {
      const env = parseEnvelope(await readFile(join(dir, m.secrets.file), 'utf8'));
      if (!env.ok) problems.push({ file: m.secrets.file, message: `${m.secrets.file}: ${env.error}` });
    }
    const rows = m.tables.reduce((n, t) => n + t.rows, 0);
    return done(m, problems, `${m.files.length} files, ${m.tables.length} tables (${rows} rows) and ${m.resources.reduce((n, r) => n + r.count, 0)} resources match the manifest`);
  } catch (e) {
    if (opts.signal?.aborted) return { ...done(m, [], ''), ok: false, cancelled: true, summary: 'cancelled' };
    throw e;
  }
}

/** pg_restore --list (the TOC has the manifest's tables) and a streamed --data-only read (the rows are the manifest's). */
async function checkDump(dir: string, m: BackupManifest, opts: VerifyOptions): Promise<FileProblem[]> {
  const file = m.database.file;
  const dump = join(dir, file);
  const pgRestore = findPgTool('pg_restore', opts.postgresBinDir);
  if (!pgRestore) return [{ file, message: `pg_restore was not found, so ${file} was not read. ${missingToolHint('pg_restore', opts.postgresBinDir)}` }];
  const env = { PATH: process.env.PATH ?? '' };
  opts.onProgress?.(`Reading the archive's table of contents`);
  let listing = '';
  const list = await runPgTool({ path: pgRestore, args: ['--list', dump], env, ...(opts.signal ? { signal: opts.signal } : {}), onStdout: (c) => (listing += c.toString('utf8')) });
  if (list.cancelled) throw new Error('cancelled');
  if (list.code !== 0) return [{ file, message: `pg_restore cannot read ${file}: ${toolErrorText(list.stderr)}` }];
  const toc = parseToc(listing);
  const problems: FileProblem[] = [];
  const inToc = new Set(toc.tableData);
  const inManifest = new Set(m.tables.map((t) => t.table));
  for (const t of inManifest) if (!inToc.has(t)) problems.push({ file, message: `${file} has no data for ${t}, which the manifest counts` });
  for (const t of inToc) if (!inManifest.has(t)) problems.push({ file, message: `${file} has data for ${t}, which the manifest does not count` });
  if (problems.length || opts.rows === false) return problems;

  opts.onProgress?.(`Reading every row of ${file}`);
  const counter = new CopyRowCounter();
  const data = await runPgTool({ path: pgRestore, args: ['--data-only', '--file=-', dump], env, ...(opts.signal ? { signal: opts.signal } : {}), onStdout: (c) => counter.feed(c) });
  if (data.cancelled) throw new Error('cancelled');
  if (data.code !== 0) return [{ file, message: `pg_restore could not read the data of ${file}: ${toolErrorText(data.stderr)}` }];
  const { counts, error } = counter.finish();
  if (error) return [{ file, message: `${file}: ${error}` }];
  return compareRows(m.tables, counts).map((mm) => ({ file, message: `${file}: ${mismatchText(mm)}` }));
}
