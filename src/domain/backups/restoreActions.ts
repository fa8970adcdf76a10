// The cockpit's own steps of a guided restore (`phoenix` cells): check the backup and the target, compare rows with
// the manifest, choose the resources to put back (live vs backed-up), and apply them with kubectl — Secrets opened
// in memory and handed to kubectl on stdin, never written anywhere. Each reads the restore from its parameters and
// re-checks every file it uses against the manifest's checksum.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { countRows } from '../../clients/postgres/backupQueries';
import { withPg } from '../../clients/postgres/postgresClient';
import { findPgTool, toolVersion } from '../../clients/postgres/pgTools';
import { runProcess } from '../../core/processRun';
import { RUNBOOK_MIME, type SqlResultPayload } from '../../shared/runbookOutput';
import type { CockpitAction, CockpitActionContext, CockpitActionTable } from '../runbook/executors/cockpitExecutor';
import type { ExecutionResult } from '../runbook/executors/executor';
import { BACKUP_KINDS, SECRET_KIND } from './backupKinds';
import { type BackupManifest, canonicalJson, MANIFEST_FILE, parseManifest } from './backupManifest';
import { hashFile } from './backupFiles';
import { verifyBackup } from './backupVerifier';
import { compareRows, majorVersion, mismatchText } from './dumpArchive';
import { type JsonObject, stripForBackup } from './resourceStrip';
import { openEnvelope, parseEnvelope, type SealedEnvelope, type Unsealer } from './secretBox';
import { databaseTarget, type RestoreParameters } from './restoreRunbook';

export type ResourceState = 'changed' | 'missing' | 'same' | 'sealed';

export interface ResourceChoice {
  /** kind/name */
  id: string;
  kind: string;
  name: string;
  state: ResourceState;
  /** Up to a few changed fields ("data.LOG_LEVEL"), for changed ones. */
  changed: string[];
  /** The backed-up and the live object as YAML, for a diff (absent for sealed Secrets). */
  backupYaml?: string;
  liveYaml?: string;
}

export interface RestoreActionDeps {
  /** The ids the user chose (changed and missing preselected); undefined when they cancelled. */
  choose(items: ResourceChoice[], restore: { id: string; namespace: string }): Promise<string[] | undefined>;
  /** How to open the backup's sealed secrets (ask the passphrase, or read the key); undefined when the user gave none. */
  unsealer(envelope: SealedEnvelope, manifest: BackupManifest): Promise<Unsealer | undefined>;
  postgresBinDir?(): string | undefined;
}

export const CHOSEN_FILE = 'chosen.json';

class StepError extends Error {}

interface Restore {
  p: RestoreParameters;
  m: BackupManifest;
}

async function loadRestore(ctx: CockpitActionContext): Promise<Restore> {
  const v = ctx.variables;
  const need = ['BACKUP_DIR', 'BACKUP_DUMP', 'BACKUP_CONTEXT', 'BACKUP_NAMESPACE', 'BACKUP_DATABASE', 'RESTORE_DIR'] as const;
  const missing = need.filter((k) => !v[k]);
  if (missing.length) throw new StepError(`this step belongs to a guided restore: ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set (open the restore from the Backups view)`);
  const p: RestoreParameters = {
    BACKUP_ID: v.BACKUP_ID ?? '',
    BACKUP_DIR: v.BACKUP_DIR,
    BACKUP_DUMP: v.BACKUP_DUMP,
    BACKUP_CONTEXT: v.BACKUP_CONTEXT,
    BACKUP_NAMESPACE: v.BACKUP_NAMESPACE,
    BACKUP_DATABASE: v.BACKUP_DATABASE,
    RESTORE_DIR: v.RESTORE_DIR,
    PG_BIN_DIR: v.PG_BIN_DIR ?? '',
  };
  const text = await readFile(join(p.BACKUP_DIR, MANIFEST_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) throw new StepError(`there is no backup in ${p.BACKUP_DIR} (no ${MANIFEST_FILE})`);
  const m = parseManifest(text);
  if (!m.ok) throw new StepError(m.error);
  return { p, m: m.value };
}

/** A file of the backup, read only if it still has the manifest's checksum. */
async function trustedFile(r: Restore, path: string): Promise<Buffer> {
  const entry = r.m.files.find((f) => f.path === path);
  if (!entry) throw new StepError(`${path} is not in the backup's manifest`);
  const bytes = await readFile(join(r.p.BACKUP_DIR, path)).catch(() => undefined);
  if (!bytes) throw new StepError(`${path} is missing from ${r.p.BACKUP_DIR}`);
  const state = await hashFile(join(r.p.BACKUP_DIR, path));
  if (!state.present || state.sha256 !== entry.sha256 || state.size !== entry.size) throw new StepError(`${path} has changed since the backup (its checksum differs): not using it`);
  return bytes;
}

async function backedUpObjects(r: Restore): Promise<Map<string, JsonObject>> {
  const out = new Map<string, JsonObject>();
  for (const k of r.m.resources) {
    if (!k.file) continue;
    const docs = parseAllDocuments((await trustedFile(r, k.file)).toString('utf8'));
    for (const d of docs) {
      const o = d.toJS() as JsonObject | null;
      if (o && typeof o.kind === 'string') out.set(`${o.kind}/${objectName(o)}`, o);
    }
  }
  return out;
}

function kindOf(o: JsonObject): string {
  return typeof o.kind === 'string' ? o.kind : '';
}

function objectName(o: JsonObject): string {
  const m = o.metadata;
  return m && typeof m === 'object' && !Array.isArray(m) && typeof m.name === 'string' ? m.name : '';
}

/** The live objects of the backed-up kinds, through kubectl with the session's KUBECONFIG (the step's context). */
async function liveObjects(ctx: CockpitActionContext, namespace: string): Promise<Map<string, JsonObject>> {
  let out = '';
  const kinds = BACKUP_KINDS.map((k) => k.kubectl).join(',');
  const run = await runProcess({ path: 'kubectl', args: ['get', kinds, '-n', namespace, '-o', 'json'], env: ctx.env, signal: ctx.signal, onStdout: (c) => (out += c.toString('utf8')) });
  if (run.cancelled) throw new StepError('cancelled');
  if (run.code !== 0) throw new StepError(`kubectl get failed: ${run.stderr.trim().split('\n').slice(-2).join(' ')}`);
  const list = JSON.parse(out) as { items?: JsonObject[] };
  const live = new Map<string, JsonObject>();
  for (const o of list.items ?? []) live.set(`${kindOf(o)}/${objectName(o)}`, stripForBackup(o));
  return live;
}

/** Dotted paths where two objects differ (first few), e.g. data.LOG_LEVEL, spec.template.spec.containers. */
export function changedPaths(a: unknown, b: unknown, limit = 5, prefix = ''): string[] {
  if (canonicalJson(a) === canonicalJson(b)) return [];
  const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (!isObj(a) || !isObj(b)) return [prefix || '(the whole object)'];
  const out: string[] = [];
  for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (out.length >= limit) break;
    out.push(...changedPaths(a[k], b[k], limit - out.length, prefix ? `${prefix}.${k}` : k));
  }
  return out.slice(0, limit);
}

function yaml(o: JsonObject): string {
  return stringify(o, { lineWidth: 0, sortMapEntries: true });
}

/** Workloads whose replica count the restore itself manages (saved in step 2, scaled back in step 8). */
const SCALED_KINDS = new Set(['Deployment', 'StatefulSet']);

function withoutReplicas(o: JsonObject): JsonObject {
  const spec = o.spec;
  if (!SCALED_KINDS.has(kindOf(o)) || !spec || typeof spec !== 'object' || Array.isArray(spec)) return o;
  const { replicas: _replicas, ...rest } = spec;
  return { ...o, spec: rest };
}

/**
 * The backed-up resources against the live ones. Replica counts of workloads are not compared: mid-restore they
 * are 0 on purpose, and the restore puts back the counts it saved.
 */
export function resourceChoices(backup: Map<string, JsonObject>, live: Map<string, JsonObject>, sealedSecrets: readonly string[]): ResourceChoice[] {
  const out: ResourceChoice[] = [];
  for (const [id, b] of backup) {
    const l = live.get(id);
    const kind = kindOf(b);
    const base = { id, kind, name: objectName(b), backupYaml: yaml(b) };
    if (!l) out.push({ ...base, state: 'missing', changed: [] });
    else {
      const changed = changedPaths(withoutReplicas(b), withoutReplicas(l));
      out.push({ ...base, state: changed.length ? 'changed' : 'same', changed, liveYaml: yaml(l) });
    }
  }
  for (const name of sealedSecrets) out.push({ id: `Secret/${name}`, kind: 'Secret', name, state: 'sealed', changed: [] });
  const order = (k: string) => {
    const i = BACKUP_KINDS.findIndex((x) => x.kind === k);
    return k === 'Secret' ? 3.5 : i;
  };
  return out.sort((x, y) => order(x.kind) - order(y.kind) || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}

const STATE_WORDS: Record<ResourceState, string> = { changed: 'changed since the backup', missing: 'not in the cluster', same: 'as in the backup', sealed: 'sealed (compared only when applied)' };

/** A table in the notebook (the SQL renderer's payload: the renderer shows `command` as the table's title). */
function summaryTable(out: CockpitActionContext['out'], heading: string, title: string, columns: Array<string | [string, string]>, rows: Array<Array<string | number>>): void {
  const cols = columns.map((c) => (typeof c === 'string' ? { name: c, type: 'text' } : { name: c[0], type: c[1] }));
  const payload: SqlResultPayload = {
    kind: 'sql',
    statement: title,
    command: heading,
    rowCount: rows.length,
    columns: cols,
    rows,
    omittedRows: 0,
    durationMs: 0,
  };
  const widths = cols.map((c, i) => Math.max(c.name.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: Array<string | number>) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd();
  out.data(RUNBOOK_MIME.sql, payload, `${[title, line(cols.map((c) => c.name)), ...rows.map(line)].join('\n')}\n`);
}

function failed(ctx: CockpitActionContext, message: string): ExecutionResult {
  ctx.out.text('stderr', `${message}\n`);
  return { outcome: 'failed', message };
}

/** Runs an action body; a StepError becomes a failed step with its message, a cancel a cancelled one. */
function action(body: (ctx: CockpitActionContext) => Promise<ExecutionResult>): CockpitAction {
  return {
    run: async (ctx) => {
      try {
        return await body(ctx);
      } catch (e) {
        if (ctx.signal.aborted) return { outcome: 'cancelled' };
        if (e instanceof StepError) return failed(ctx, e.message);
        throw e;
      }
    },
  };
}

export function restoreActions(deps: RestoreActionDeps): CockpitActionTable {
  return {
    'backup check': action(async (ctx) => {
      const r = await loadRestore(ctx);
      const problems: string[] = [];
      const v = ctx.variables;
      const here = `${v.PHOENIX_CONTEXT ?? '(none)'}/${v.PHOENIX_NAMESPACE ?? '(none)'}`;
      if (v.PHOENIX_CONTEXT !== r.m.context || v.PHOENIX_NAMESPACE !== r.m.namespace) problems.push(`the cockpit is on ${here}, the backup is of ${r.m.context}/${r.m.namespace}: Switch Context and Namespace to it first`);
      const pg = await ctx.pgSettings();
      const target = databaseTarget(pg.host, pg.port, pg.database);
      if (target !== r.p.BACKUP_DATABASE) problems.push(`the cockpit's database is ${target}, the backup is of ${r.p.BACKUP_DATABASE}`);
      const binDir = deps.postgresBinDir?.();
      const pgRestore = findPgTool('pg_restore', binDir);
      const version = pgRestore ? await toolVersion(pgRestore, ctx.signal) : undefined;
      if (!pgRestore || !version) problems.push('pg_restore was not found (PATH or phoenixOps.backups.postgresBinDir)');
      else if ((majorVersion(version) ?? 0) < (majorVersion(r.m.database.pgDumpVersion) ?? 0)) problems.push(`pg_restore ${version} cannot read a dump of pg_dump ${r.m.database.pgDumpVersion}`);
      ctx.out.text('stdout', `Checking ${r.m.files.length} files of ${r.p.BACKUP_DIR} against their checksums…\n`);
      const report = await verifyBackup(r.p.BACKUP_DIR, { rows: false, signal: ctx.signal, ...(binDir ? { postgresBinDir: binDir } : {}) });
      problems.push(...report.problems.map((p) => p.message));
      const rows = r.m.tables.reduce((n, t) => n + t.rows, 0);
      summaryTable(ctx.out, 'Backup and target', `Backup ${r.m.id}`, ['what', 'backup', 'now'], [
        ['context/namespace', `${r.m.context}/${r.m.namespace}`, here],
        ['database', r.p.BACKUP_DATABASE, target],
        ['taken', r.m.createdAt, ''],
        ['tables / rows', `${r.m.tables.length} / ${rows}`, ''],
        ['resources', String(r.m.resources.reduce((n, k) => n + k.count, 0)), ''],
        ['secrets', r.m.secrets.included ? `${r.m.secrets.count}, sealed (${r.m.secrets.encryption})` : 'not included', ''],
        ['files', report.ok ? 'checksums match' : 'DAMAGED', ''],
        ['pg_restore', version ?? 'not found', `dump by pg_dump ${r.m.database.pgDumpVersion}`],
      ]);
      if (problems.length) return failed(ctx, problems.join('; '));
      ctx.out.text('stdout', 'The backup is intact and the cockpit points at where it came from.\n');
      return { outcome: 'succeeded' };
    }),

    'backup compare-rows': action(async (ctx) => {
      const r = await loadRestore(ctx);
      const pg = await ctx.pgSettings();
      const target = databaseTarget(pg.host, pg.port, pg.database);
      if (target !== r.p.BACKUP_DATABASE) throw new StepError(`the cockpit's database is ${target}, the backup is of ${r.p.BACKUP_DATABASE}`);
      const counted = await withPg(pg, (c) => countRows(c, r.m.tables.map((t) => t.table), ctx.signal), ctx.signal);
      if (!counted.ok) throw new StepError(`cannot count the rows: ${counted.error.message}`);
      const diff = compareRows(r.m.tables, counted.value);
      const bad = new Set(diff.map((d) => d.table));
      summaryTable(
        ctx.out,
        'Rows per table',
        `Rows in ${pg.database} now, against backup ${r.m.id}`,
        ['table', ['backup', 'int8'], ['now', 'int8'], 'match'],
        [...new Set([...r.m.tables.map((t) => t.table), ...counted.value.keys()])].sort().map((t) => [t, r.m.tables.find((x) => x.table === t)?.rows ?? '—', counted.value.get(t) ?? '—', bad.has(t) ? '✗' : '✓']),
      );
      if (diff.length) return failed(ctx, diff.map(mismatchText).join('; '));
      ctx.out.text('stdout', `All ${r.m.tables.length} tables have the backup's rows.\n`);
      return { outcome: 'succeeded' };
    }),

    'backup choose-resources': action(async (ctx) => {
      const r = await loadRestore(ctx);
      const choices = resourceChoices(await backedUpObjects(r), await liveObjects(ctx, r.p.BACKUP_NAMESPACE), r.m.secrets.included ? r.m.secrets.names : []);
      summaryTable(
        ctx.out,
        'Resources',
        `Resources of backup ${r.m.id} against ${r.p.BACKUP_NAMESPACE} now`,
        ['resource', 'state', 'changed'],
        choices.map((c) => [c.id, STATE_WORDS[c.state], c.changed.join(', ')]),
      );
      const chosen = await deps.choose(choices, { id: r.m.id, namespace: r.p.BACKUP_NAMESPACE });
      if (!chosen) return failed(ctx, 'No resources were chosen (cancelled): run this step again to choose.');
      const known = new Set(choices.map((c) => c.id));
      const ids = chosen.filter((id) => known.has(id));
      const file = join(r.p.RESTORE_DIR, CHOSEN_FILE);
      await writeFile(`${file}.tmp`, `${JSON.stringify({ backup: r.m.id, chosen: ids }, null, 2)}\n`, { mode: 0o600 });
      await rename(`${file}.tmp`, file);
      ctx.out.text('stdout', ids.length ? `Chosen to apply (${ids.length}): ${ids.join(', ')}\n` : 'Nothing chosen: the next step applies nothing.\n');
      return { outcome: 'succeeded' };
    }),

    'backup apply-resources': action(async (ctx) => {
      const r = await loadRestore(ctx);
      const text = await readFile(join(r.p.RESTORE_DIR, CHOSEN_FILE), 'utf8').catch(() => undefined);
      if (text === undefined) throw new StepError('choose the resources first (the step before this one)');
      const chosen = (JSON.parse(text) as { backup?: string; chosen?: string[] });
      if (chosen.backup !== r.m.id) throw new StepError(`${CHOSEN_FILE} was made for backup ${String(chosen.backup)}, not ${r.m.id}: choose again`);
      const ids = chosen.chosen ?? [];
      if (!ids.length) {
        ctx.out.text('stdout', 'Nothing was chosen: nothing applied.\n');
        return { outcome: 'succeeded' };
      }
      const backup = await backedUpObjects(r);
      const plain = ids.filter((x) => !x.startsWith('Secret/'));
      const live = plain.some((id) => SCALED_KINDS.has(id.split('/')[0])) ? await liveObjects(ctx, r.p.BACKUP_NAMESPACE) : new Map<string, JsonObject>();
      const docs: JsonObject[] = [];
      for (const id of plain) {
        const o = backup.get(id);
        if (!o) throw new StepError(`${id} is not in the backup`);
        docs.push(keepLiveReplicas(o, live.get(id)));
      }
      const secretIds = ids.filter((x) => x.startsWith('Secret/'));
      if (secretIds.length) docs.push(...(await openSecrets(r, secretIds, deps)));
      // In the order a namespace comes up: identities and config before what runs.
      const rank = (o: JsonObject) => (o.kind === SECRET_KIND.kind ? 3.5 : BACKUP_KINDS.findIndex((k) => k.kind === o.kind));
      docs.sort((a, b) => rank(a) - rank(b));
      const input = Buffer.from(docs.map((d) => `---\n${stringify(d, { lineWidth: 0 })}`).join(''), 'utf8');
      ctx.out.text('stdout', `kubectl apply -n ${r.p.BACKUP_NAMESPACE} -f - (${ids.length}: ${ids.join(', ')})\n`);
      const run = await runProcess({
        path: 'kubectl',
        args: ['apply', '-n', r.p.BACKUP_NAMESPACE, '-f', '-'],
        env: ctx.env,
        signal: ctx.signal,
        stdin: input,
        onStdout: (c) => ctx.out.text('stdout', c.toString('utf8')),
        onStderr: (c) => ctx.out.text('stderr', c.toString('utf8')),
      });
      input.fill(0);
      if (run.cancelled) return { outcome: 'cancelled' };
      if (run.code !== 0) return { outcome: 'failed', exitCode: run.code ?? 1, message: `kubectl apply failed (exit ${run.code ?? run.signal ?? '?'})` };
      return { outcome: 'succeeded', exitCode: 0 };
    }),
  };
}

/** A workload that exists keeps its live replica count (0 mid-restore): the scale-back step sets the saved one. */
function keepLiveReplicas(o: JsonObject, live: JsonObject | undefined): JsonObject {
  const liveSpec = live?.spec;
  const spec = o.spec;
  if (!SCALED_KINDS.has(kindOf(o)) || !liveSpec || typeof liveSpec !== 'object' || Array.isArray(liveSpec) || !spec || typeof spec !== 'object' || Array.isArray(spec)) return o;
  return liveSpec.replicas === undefined ? o : { ...o, spec: { ...spec, replicas: liveSpec.replicas } };
}

/** The chosen Secrets, opened in memory only. */
async function openSecrets(r: Restore, ids: string[], deps: RestoreActionDeps): Promise<JsonObject[]> {
  if (!r.m.secrets.included) throw new StepError('this backup has no Secrets');
  const envelope = parseEnvelope((await trustedFile(r, r.m.secrets.file)).toString('utf8'));
  if (!envelope.ok) throw new StepError(envelope.error);
  const how = await deps.unsealer(envelope.value, r.m);
  if (!how) throw new StepError('the Secrets stay sealed: no passphrase or key was given, nothing was applied');
  const opened = await openEnvelope(envelope.value, how, `${r.m.id}/${r.m.secrets.file}`);
  if (!opened.ok) throw new StepError(`cannot open the Secrets: ${opened.error}`);
  const all = parseAllDocuments(opened.value.toString('utf8')).map((d) => d.toJS() as JsonObject);
  opened.value.fill(0);
  const wanted = new Set(ids.map((id) => id.slice('Secret/'.length)));
  const found = all.filter((o) => wanted.has(objectName(o)));
  if (found.length !== wanted.size) throw new StepError(`the sealed Secrets lack ${[...wanted].filter((n) => !found.some((o) => objectName(o) === n)).join(', ')}`);
  return found;
}
