// SQL cells: each statement against the configured PostgreSQL with bind parameters for placeholders, a statement
// timeout, results as tables (column types, row count, a row cap), and PostgreSQL's own message and position on error.
// Rows are read through a cursor that stops at the cap; in read-only mode the whole cell runs in a read-only
// transaction, so PostgreSQL itself refuses any write, whatever the text looks like.
import type { Client, FieldDef, QueryResult } from 'pg';
import { type PgError, pgCursor, type PgSettings, withPg } from '../../../clients/postgres/postgresClient';
import { type CellValue, isNumericColumn, RUNBOOK_MIME, type SqlResultPayload } from '../../../shared/runbookOutput';
import { displayValue } from './sqlValues';
import { bindSql } from '../placeholders';
import type { CellExecution, CellExecutor, ExecutionResult } from './executor';
import { timeoutMessage } from './executor';
import { splitSqlStatements } from './sqlStatements';

/** Rows kept per statement; the renderer shows them in pages ("show more"). */
export const SQL_ROW_CAP = 1000;

const TYPE_NAMES: Record<number, string> = {
  16: 'bool', 17: 'bytea', 18: 'char', 19: 'name', 20: 'int8', 21: 'int2', 23: 'int4', 24: 'regproc', 25: 'text', 26: 'oid', 28: 'xid',
  114: 'json', 142: 'xml', 650: 'cidr', 700: 'float4', 701: 'float8', 790: 'money', 829: 'macaddr', 869: 'inet', 1000: 'bool[]',
  1005: 'int2[]', 1007: 'int4[]', 1009: 'text[]', 1015: 'varchar[]', 1016: 'int8[]', 1042: 'bpchar', 1043: 'varchar', 1082: 'date',
  1083: 'time', 1114: 'timestamp', 1184: 'timestamptz', 1186: 'interval', 1266: 'timetz', 1700: 'numeric', 2950: 'uuid', 3802: 'jsonb',
  13226: 'cardinal_number',
};

export interface SqlExecutorDeps {
  /** Connection settings (password from SecretStorage), with the cell's database override applied. */
  settings(database: string | undefined, statementTimeoutMs: number): Promise<PgSettings>;
}

export class SqlExecutor implements CellExecutor {
  constructor(private readonly deps: SqlExecutorDeps) {}

  async run(cell: CellExecution): Promise<ExecutionResult> {
    const statements = splitSqlStatements(cell.text);
    if (!statements.length) {
      cell.out.text('stderr', 'Nothing to run: the cell holds no SQL statement.\n');
      return { outcome: 'failed', message: 'no SQL statement' };
    }
    const settings = await this.deps.settings(cell.options.database, cell.timeoutMs);
    let failed: ExecutionResult | undefined;
    const r = await withPg(
      { ...settings, statementTimeoutMs: cell.timeoutMs, readOnly: cell.readOnly },
      async (client) => {
        if (cell.readOnly) {
          await client.query('BEGIN TRANSACTION READ ONLY');
          // A first query takes the snapshot: from then on SET TRANSACTION READ WRITE is refused.
          await client.query('SELECT 1');
        }
        for (const stmt of statements) {
          const { text, params } = bindSql(stmt, cell.params);
          const started = Date.now();
          try {
            const read = await readCapped(client, text, params, SQL_ROW_CAP);
            const payload = await toPayload(client, text, read, Date.now() - started);
            cell.out.data(RUNBOOK_MIME.sql, payload, textTable(payload));
          } catch (e) {
            // A timed-out or cancelled step ends its connection: that error is not the statement's fault.
            if (cell.signal.aborted) failed = abortOutcome(cell);
            else if ((e as { code?: string }).code === '57014') {
              describePgFailure(e, text, cell.out);
              failed = { outcome: 'timedOut', message: timeoutMessage(cell.timeoutMs) };
            } else failed = { outcome: 'failed', message: describePgFailure(e, text, cell.out) };
            return;
          }
        }
      },
      cell.signal,
    );
    if (!r.ok) return this.failure(r.error, cell);
    return failed ?? { outcome: 'succeeded' };
  }

  private failure(e: PgError, cell: CellExecution): ExecutionResult {
    if (e.kind === 'cancelled' || cell.signal.aborted) return abortOutcome(cell);
    if (e.kind === 'timeout' && e.code === '57014') {
      cell.out.text('stderr', `${e.message}\n${e.hint}\n`);
      return { outcome: 'timedOut', message: timeoutMessage(cell.timeoutMs) };
    }
    cell.out.text('stderr', `${e.message}\n${e.hint ? `${e.hint}\n` : ''}`);
    return { outcome: 'failed', message: e.message };
  }
}

function abortOutcome(cell: CellExecution): ExecutionResult {
  const timedOut = cell.signal.reason instanceof Error && cell.signal.reason.name === 'TimeoutError';
  return timedOut ? { outcome: 'timedOut', message: timeoutMessage(cell.timeoutMs) } : { outcome: 'cancelled' };
}

/** Shows PostgreSQL's message with a caret under the position it reports, and returns the one-line message. */
function describePgFailure(e: unknown, sent: string, out: CellExecution['out']): string {
  const err = e as { message?: string; code?: string; position?: string; hint?: string; detail?: string };
  const message = err.message ?? String(e);
  let text = `ERROR${err.code ? ` ${err.code}` : ''}: ${message}\n`;
  const pos = err.position ? Number(err.position) : 0;
  if (pos > 0) {
    const before = sent.slice(0, pos - 1);
    const lineNo = before.split('\n').length;
    const lineStart = before.lastIndexOf('\n') + 1;
    const lineEnd = sent.indexOf('\n', lineStart);
    const line = sent.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
    const prefix = `LINE ${lineNo}: `;
    text += `${prefix}${line}\n${' '.repeat(prefix.length + (pos - 1 - lineStart))}^\n`;
  }
  if (err.detail) text += `DETAIL: ${err.detail}\n`;
  if (err.hint) text += `HINT: ${err.hint}\n`;
  out.text('stderr', text);
  return `${err.code === '57014' ? 'statement timeout: ' : ''}${message}${pos ? ` (at character ${pos})` : ''}`;
}

interface CappedResult {
  rows: CellValue[][];
  fields: FieldDef[];
  command: string;
  rowCount: number | null;
  /** More rows than the cap existed: they were never fetched. */
  truncated: boolean;
}

/** One statement through a cursor (the extended protocol: one statement, never several): at most `cap` rows are fetched. */
async function readCapped(client: Client, text: string, values: unknown[], cap: number): Promise<CappedResult> {
  const Cursor = await pgCursor();
  const cursor = client.query(new Cursor<CellValue[]>(text, values, { rowMode: 'array' }));
  const { rows, result } = await new Promise<{ rows: CellValue[][]; result: QueryResult }>((resolve, reject) =>
    cursor.read(cap + 1, (e, rows, result) => (e ? reject(e) : resolve({ rows, result }))),
  );
  const truncated = rows.length > cap;
  if (truncated) await cursor.close();
  // A stopped cursor never saw the command tag: name it by the statement's first word.
  const command = result.command || (truncated ? (/^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? '') : '');
  return { rows: rows.slice(0, cap), fields: result.fields ?? [], command, rowCount: truncated ? null : (result.rowCount ?? null), truncated };
}

async function toPayload(client: Client, statement: string, res: CappedResult, durationMs: number): Promise<SqlResultPayload> {
  const fields = res.fields;
  const unknown = [...new Set(fields.map((f) => f.dataTypeID).filter((id) => !(id in TYPE_NAMES)))];
  if (unknown.length) {
    const types = await client.query<{ oid: number; typname: string }>('SELECT oid::int, typname FROM pg_type WHERE oid = ANY($1)', [unknown]).catch(() => undefined);
    for (const t of types?.rows ?? []) TYPE_NAMES[t.oid] = t.typname;
  }
  return {
    kind: 'sql',
    statement,
    command: res.command,
    rowCount: res.rowCount,
    columns: fields.map((f) => ({ name: f.name, type: TYPE_NAMES[f.dataTypeID] ?? `oid ${f.dataTypeID}` })),
    rows: res.rows.map((row) => row.map((v, i) => displayValue(v, fields[i]?.dataTypeID))),
    omittedRows: 0,
    ...(res.truncated ? { truncated: true } : {}),
    durationMs,
  };
}

/** The plain-text form of a result (for the transcript and where the renderer is not available). */
export function textTable(p: SqlResultPayload): string {
  if (!p.columns.length) return `${p.command}${p.rowCount !== null ? ` ${p.rowCount}` : ''}\n`;
  const cells = [p.columns.map((c) => c.name), ...p.rows.map((r) => r.map((v) => (v === null ? 'NULL' : String(v))))];
  const widths = p.columns.map((_, i) => Math.min(60, Math.max(...cells.map((r) => r[i].length))));
  // As psql prints: numbers right-aligned, text left.
  const line = (r: string[]) => r.map((v, i) => (isNumericColumn(p.columns[i]) ? v.slice(0, 60).padStart(widths[i]) : v.slice(0, 60).padEnd(widths[i]))).join(' | ');
  const out = [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('-+-'), ...cells.slice(1).map(line)];
  if (p.truncated) return `${out.join('\n')}\n(the first ${p.rows.length} rows; more were not fetched: the row cap is ${SQL_ROW_CAP})\n`;
  return `${out.join('\n')}\n(${p.rowCount ?? p.rows.length} row${(p.rowCount ?? p.rows.length) === 1 ? '' : 's'}${p.omittedRows ? `, ${p.omittedRows} not shown` : ''})\n`;
}
