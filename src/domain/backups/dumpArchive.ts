// Reading what pg_restore says about a custom-format dump: the table of contents of `pg_restore --list`
// (header and TABLE DATA entries) and, streamed, the rows of each table in `pg_restore --data-only -f -`.
import { StringDecoder } from 'node:string_decoder';

export interface DumpHeader {
  format?: string;
  dumpVersion?: string;
  /** "Dumped by pg_dump version: 15.18 (Debian …)" */
  pgDumpVersion?: string;
  serverVersion?: string;
  tocEntries?: number;
}

export interface DumpToc {
  header: DumpHeader;
  /** schema.table of every TABLE DATA entry, in archive order. */
  tableData: string[];
}

const HEADER: Array<[RegExp, (h: DumpHeader, v: string) => void]> = [
  [/^;\s+Format: (.+)$/, (h, v) => (h.format = v)],
  [/^;\s+Dump Version: (.+)$/, (h, v) => (h.dumpVersion = v)],
  [/^;\s+Dumped by pg_dump version: (.+)$/, (h, v) => (h.pgDumpVersion = v)],
  [/^;\s+Dumped from database version: (.+)$/, (h, v) => (h.serverVersion = v)],
  [/^;\s+TOC Entries: (\d+)$/, (h, v) => (h.tocEntries = Number(v))],
];

/** `<dumpId>; <catalog oid> <object oid> TABLE DATA <schema> <name> <owner>`; names may hold spaces, the owner is last. */
const TABLE_DATA = /^\d+; \d+ \d+ TABLE DATA (\S+) (.+) (\S+)$/;

export function parseToc(listing: string): DumpToc {
  const header: DumpHeader = {};
  const tableData: string[] = [];
  for (const l of listing.split(/\r?\n/)) {
    if (l.startsWith(';')) {
      for (const [re, set] of HEADER) {
        const m = re.exec(l);
        if (m) set(header, m[1].trim());
      }
      continue;
    }
    const m = TABLE_DATA.exec(l);
    if (m) tableData.push(`${m[1]}.${m[2]}`);
  }
  return { header, tableData };
}

/** "15.18 (Debian 15.18-0+deb12u1)" → 15; "9.6.24" → 9. */
export function majorVersion(version: string): number | undefined {
  const m = /(\d+)(?:\.(\d+))?/.exec(version);
  if (!m) return undefined;
  const major = Number(m[1]);
  // Stryker disable next-line StringLiteral: equivalent, Number('9.') is 9 just as Number('9.0') is.
  return major >= 10 ? major : Number(`${m[1]}.${m[2] ?? '0'}`);
}

const DATA_FOR = /^-- Data for Name: (.*); Type: TABLE DATA; Schema: (.*); Owner: .*$/;

/**
 * Counts COPY rows per table in the plain-SQL data stream of `pg_restore --data-only -f -`, fed in chunks of
 * any size. COPY's text format escapes newlines inside values, so one line is one row until the `\.` line.
 */
export class CopyRowCounter {
  private partial = '';
  /** Holds the bytes of a character a chunk boundary cut in two until the next chunk completes it. */
  private readonly decoder = new StringDecoder('utf8');
  private pendingTable: string | undefined;
  private current: string | undefined;
  private readonly counts = new Map<string, number>();

  feed(chunk: Buffer | string): void {
    // A string passes through the decoder unchanged.
    const text = this.partial + this.decoder.write(chunk);
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
      // Inside a COPY (nearly every line of a big dump) only "is it \." matters: no substring per row.
      if (this.current === undefined) this.line(text.slice(start, nl));
      else if (nl === start + 2 && text.charCodeAt(start) === 92 && text.charCodeAt(start + 1) === 46) this.current = undefined;
      else this.counts.set(this.current, (this.counts.get(this.current) ?? 0) + 1);
      start = nl + 1;
    }
    this.partial = text.slice(start);
  }

  /** Rows per schema.table; call after the stream ended. A COPY without its `\.` is an error. */
  finish(): { counts: Map<string, number>; error?: string } {
    // The last line may lack its newline.
    if (this.partial) this.feed('\n');
    if (this.current !== undefined) return { counts: this.counts, error: `the data of ${this.current} ends without its end-of-data line (\\.)` };
    return { counts: this.counts };
  }

  /** A line outside the rows of a table. */
  private line(l: string): void {
    const d = DATA_FOR.exec(l);
    if (d) {
      this.pendingTable = `${d[2]}.${d[1]}`;
      return;
    }
    if (l.startsWith('COPY ') && l.endsWith(' FROM stdin;') && this.pendingTable !== undefined) {
      this.current = this.pendingTable;
      this.pendingTable = undefined;
      this.counts.set(this.current, this.counts.get(this.current) ?? 0);
    }
  }
}

export interface RowMismatch {
  table: string;
  expected?: number;
  actual?: number;
}

/** Tables whose rows differ, are missing, or are not in the manifest, sorted by name. */
export function compareRows(expected: ReadonlyArray<{ table: string; rows: number }>, actual: ReadonlyMap<string, number>): RowMismatch[] {
  const out: RowMismatch[] = [];
  const seen = new Set<string>();
  for (const e of expected) {
    seen.add(e.table);
    const a = actual.get(e.table);
    if (a !== e.rows) out.push(a === undefined ? { table: e.table, expected: e.rows } : { table: e.table, expected: e.rows, actual: a });
  }
  for (const [table, rows] of actual) if (!seen.has(table)) out.push({ table, actual: rows });
  return out.sort((a, b) => {
    if (a.table < b.table) return -1;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, Array.prototype.sort only asks whether the result is below 0, so 1 and 0 for a >= b sort alike.
    return a.table > b.table ? 1 : 0;
  });
}

export function mismatchText(m: RowMismatch): string {
  if (m.actual === undefined) return `${m.table}: missing (the backup has ${m.expected} rows)`;
  if (m.expected === undefined) return `${m.table}: ${m.actual} rows, not in the backup`;
  return `${m.table}: ${m.actual} rows, the backup has ${m.expected}`;
}
