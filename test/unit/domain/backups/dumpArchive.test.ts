// What pg_restore says about a dump: the TOC (header, TABLE DATA entries, names with spaces) and the rows per table
// of the --data-only stream, fed in chunks cut anywhere; row comparison names each table that differs.
import assert from 'node:assert/strict';
import { compareRows, CopyRowCounter, majorVersion, mismatchText, parseToc } from '../../../../src/domain/backups/dumpArchive';

const LISTING = `;
; Archive created at 2026-12-03 08:08:31 UTC
;     dbname: phoenix
;     TOC Entries: 17
;     Compression: -1
;     Dump Version: 1.14-0
;     Format: CUSTOM
;     Dumped from database version: 15.18 (Debian 15.18-0+deb12u1)
;     Dumped by pg_dump version: 15.18 (Debian 15.18-0+deb12u1)
;
; Selected TOC Entries:
;
6; 2615 16394 SCHEMA - s2 phoenix
216; 1259 16391 TABLE public empty_t phoenix
3217; 0 0 TABLE ATTACH public parted_1 phoenix
3362; 0 16391 TABLE DATA public empty_t phoenix
3361; 0 16386 TABLE DATA public we ird phoenix
3363; 0 16395 TABLE DATA s2 tab phoenix
3365; 0 16406 MATERIALIZED VIEW DATA public mv phoenix
3370; 0 0 SEQUENCE SET public tasks_id_seq phoenix
`;

const DATA = `--
-- PostgreSQL database dump
--

SET statement_timeout = 0;

--
-- Data for Name: empty_t; Type: TABLE DATA; Schema: public; Owner: phoenix
--

COPY public.empty_t (id) FROM stdin;
\\.


--
-- Data for Name: we ird; Type: TABLE DATA; Schema: public; Owner: phoenix
--

COPY public."we ird" (id, t) FROM stdin;
1\ta\\nb
2\tx\\ty
3\t\\.x
\\.


--
-- Data for Name: tab; Type: TABLE DATA; Schema: s2; Owner: phoenix
--

COPY s2.tab (v) FROM stdin;
v1
v2
v3
\\.

--
-- PostgreSQL database dump complete
--
`;

describe('dump archive', () => {
  it('reads the TOC header and every TABLE DATA entry, names with spaces included', () => {
    const toc = parseToc(LISTING);
    assert.deepEqual(toc.header, { tocEntries: 17, dumpVersion: '1.14-0', format: 'CUSTOM', serverVersion: '15.18 (Debian 15.18-0+deb12u1)', pgDumpVersion: '15.18 (Debian 15.18-0+deb12u1)' });
    assert.deepEqual(toc.tableData, ['public.empty_t', 'public.we ird', 's2.tab']);
    assert.deepEqual(parseToc(LISTING.replace(/\n/g, '\r\n')).tableData, ['public.empty_t', 'public.we ird', 's2.tab']);
    assert.deepEqual(parseToc(''), { header: {}, tableData: [] });
  });

  it('drops spaces around header values', () => {
    const toc = parseToc(';     Format: CUSTOM  \r\n;     Dumped by pg_dump version:  15.18 \n;     TOC Entries: 3\r\n');
    assert.deepEqual(toc, { header: { format: 'CUSTOM', pgDumpVersion: '15.18', tocEntries: 3 }, tableData: [] });
  });

  it('majorVersion reads PostgreSQL versions old and new', () => {
    assert.equal(majorVersion('15.18 (Debian 15.18-0+deb12u1)'), 15);
    assert.equal(majorVersion('pg_dump (PostgreSQL) 16.2'), 16);
    assert.equal(majorVersion('10.23'), 10);
    assert.equal(majorVersion('9.6.24'), 9.6);
    assert.equal(majorVersion('17'), 17);
    assert.equal(majorVersion('9'), 9);
    assert.equal(majorVersion('8.10'), 8.1);
    assert.equal(majorVersion('8.12'), 8.12);
    assert.equal(majorVersion('unknown'), undefined);
  });

  it('counts COPY rows per table, whatever the chunk boundaries', () => {
    for (const size of [1, 2, 3, 7, 64, DATA.length]) {
      const c = new CopyRowCounter();
      for (let i = 0; i < DATA.length; i += size) c.feed(Buffer.from(DATA.slice(i, i + size)));
      const { counts, error } = c.finish();
      assert.equal(error, undefined);
      assert.deepEqual(Object.fromEntries(counts), { 'public.empty_t': 0, 'public.we ird': 3, 's2.tab': 3 }, `chunks of ${size}`);
    }
  });

  it('a stream cut inside a COPY is an error naming the table', () => {
    const c = new CopyRowCounter();
    c.feed(DATA.slice(0, DATA.indexOf('v2')));
    const r = c.finish();
    assert.equal(r.error, 'the data of s2.tab ends without its end-of-data line (\\.)');
    assert.equal(r.counts.get('s2.tab'), 1);
  });

  it('a COPY without its Data-for comment is not counted as a table', () => {
    const c = new CopyRowCounter();
    c.feed('COPY x (a) FROM stdin;\n1\n\\.\n');
    assert.deepEqual([...c.finish().counts], []);
  });

  it('counts a table whose name holds non-ASCII letters, even when a chunk boundary cuts a letter in two', () => {
    const data = DATA.replaceAll('tab', 'tâche');
    const bytes = Buffer.from(data);
    for (const size of [1, 2, 3, 64, bytes.length]) {
      const c = new CopyRowCounter();
      for (let i = 0; i < bytes.length; i += size) c.feed(bytes.subarray(i, i + size));
      assert.deepEqual(Object.fromEntries(c.finish().counts), { 'public.empty_t': 0, 'public.we ird': 3, 's2.tâche': 3 }, `chunks of ${size} bytes`);
    }
  });

  it('counts a stream that starts at a table and whose last line has no newline', () => {
    const c = new CopyRowCounter();
    c.feed('-- Data for Name: tasks; Type: TABLE DATA; Schema: public; Owner: phoenix\n--\n\nCOPY public.tasks (id) FROM stdin;\n1\n2\n\\.');
    assert.deepEqual(c.finish(), { counts: new Map([['public.tasks', 2]]) });
  });

  it('only a line that is exactly \\. ends the rows; NULLs, values ending in a dot and other backslashes are rows', () => {
    const c = new CopyRowCounter();
    const rows = ['\\N', 'v.', '1.', '\\.5', '\\\\', '', '\\.'];
    c.feed(`-- Data for Name: notes; Type: TABLE DATA; Schema: public; Owner: phoenix\n\nCOPY public.notes (t) FROM stdin;\n${rows.join('\n')}\n`);
    assert.deepEqual(c.finish(), { counts: new Map([['public.notes', 6]]) });
  });

  it('only a COPY … FROM stdin; statement opens the rows of the table its comment names', () => {
    for (const statement of ['\\copy public.t (a) FROM stdin;', 'COPY public.t (a) TO stdout;']) {
      const c = new CopyRowCounter();
      c.feed(`-- Data for Name: t; Type: TABLE DATA; Schema: public; Owner: phoenix\n\n${statement}\n1\n\\.\n`);
      assert.deepEqual([...c.finish().counts], [], statement);
    }
  });

  it('compares rows: equal is nothing; different, missing and unexpected tables are named', () => {
    const expected = [
      { table: 'public.tasks', rows: 10 },
      { table: 'public.agents', rows: 3 },
      { table: 'public.empty', rows: 0 },
    ];
    assert.deepEqual(compareRows(expected, new Map([['public.tasks', 10], ['public.agents', 3], ['public.empty', 0]])), []);
    const diff = compareRows(expected, new Map([['public.tasks', 12], ['public.empty', 0], ['public.extra', 5]]));
    assert.deepEqual(diff, [
      { table: 'public.agents', expected: 3 },
      { table: 'public.extra', actual: 5 },
      { table: 'public.tasks', expected: 10, actual: 12 },
    ]);
    assert.deepEqual(diff.map(mismatchText), ['public.agents: missing (the backup has 3 rows)', 'public.extra: 5 rows, not in the backup', 'public.tasks: 12 rows, the backup has 10']);
  });

  it('a table the manifest lists twice is named once per entry, in the manifest\'s order', () => {
    const diff = compareRows(
      [
        { table: 'public.tasks', rows: 2 },
        { table: 'public.agents', rows: 3 },
        { table: 'public.tasks', rows: 1 },
      ],
      new Map([['public.tasks', 5], ['public.agents', 3]]),
    );
    assert.deepEqual(diff.map(mismatchText), ['public.tasks: 5 rows, the backup has 2', 'public.tasks: 5 rows, the backup has 1']);
  });
});
