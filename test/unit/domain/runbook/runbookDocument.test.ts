// The runbook parser/serializer over a corpus: byte-exact round trips, fences found as a CommonMark parser finds them, edits confined to one cell.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoPath } from '../../../../scripts/repoRoot';
import { scanFences } from '../../../../src/domain/runbook/fenceScanner';
import { joinedLines, splitLines } from '../../../../src/domain/runbook/markdownLines';
import { type CellToWrite, parseRunbook, type RunbookDocument, serializeRunbook } from '../../../../src/domain/runbook/runbookDocument';

const corpusDir = repoPath('test', 'unit', 'domain', 'runbook', 'corpus');
const examples = JSON.parse(readFileSync(join(corpusDir, 'commonmark-0.31.2-examples.json'), 'utf8')) as Array<{ number: number; section: string; markdown: string }>;

interface MdToken {
  type: string;
  map: [number, number] | null;
  info: string;
  content: string;
}
// markdown-it (a dev dependency, via @vscode/vsce) is the reference: where it sees a fence, so must we.
const MarkdownIt = createRequire(__filename)('markdown-it') as new (preset: string) => { parse(src: string, env: object): MdToken[] };
const reference = new MarkdownIt('commonmark');

function referenceFences(src: string): string[] {
  const out: string[] = [];
  let quotes = 0;
  for (const t of reference.parse(src, {})) {
    if (t.type === 'blockquote_open') quotes++;
    else if (t.type === 'blockquote_close') quotes--;
    // Where it starts and ends, and what it holds: a fence that never closes and one closed on the last line end alike.
    else if (t.type === 'fence' && quotes === 0 && t.map) out.push(`${t.map[0]}-${t.map[1]} ${JSON.stringify(t.info.trim())} ${JSON.stringify(t.content)}`);
  }
  return out;
}

function ourFences(src: string): string[] {
  // markdown-it's map ends after the closing fence, or where the container ended (trailing blank lines trimmed).
  const doc = splitLines(src);
  return scanFences(doc.text)
    .filter((f) => !f.inQuote)
    .map((f) => {
      let end = f.end;
      if (f.close === -1) while (end > f.open + 1 && /^[ \t]*$/.test(doc.text[end - 1]) && end === doc.text.length) end--;
      const contentEnd = f.close === -1 ? f.end : f.close;
      const content = contentEnd > f.open + 1 ? joinedLines(doc, f.open + 1, contentEnd, f.indent) + (doc.eol[contentEnd - 1] ? '\n' : '') : '';
      return `${f.open}-${end} ${JSON.stringify(f.info)} ${JSON.stringify(content)}`;
    });
}

/** The cells as the notebook would hand them back unchanged. */
function asWritten(doc: RunbookDocument): CellToWrite[] {
  return doc.cells.map((c) => ({ kind: c.kind, value: c.value, language: c.language, origin: c.origin }));
}

function roundTrip(src: string): string {
  const doc = parseRunbook(src);
  return serializeRunbook({ frontMatter: doc.frontMatter, eol: doc.eol, cells: asWritten(doc) });
}

function corpusFiles(): Array<[string, string]> {
  const files: Array<[string, string]> = readdirSync(corpusDir)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .map((f) => [f, readFileSync(join(corpusDir, f), 'utf8')]);
  const runbooks = repoPath('runbooks');
  for (const f of readdirSync(runbooks).filter((f) => f.endsWith('.md'))) files.push([`runbooks/${f}`, readFileSync(join(runbooks, f), 'utf8')]);
  return files;
}

describe('runbook document: byte-exact round trip', () => {
  it('every CommonMark spec example comes back byte for byte (LF, CRLF, CR, without final newline)', () => {
    for (const ex of examples) {
      for (const variant of [ex.markdown, ex.markdown.replace(/\n/g, '\r\n'), ex.markdown.replace(/\n/g, '\r'), ex.markdown.replace(/\n$/, '')]) {
        assert.equal(roundTrip(variant), variant, `example ${ex.number} (${ex.section}) ${JSON.stringify(variant)}`);
      }
    }
  });

  it('finds the fences a CommonMark parser finds in every spec example (outside block quotes)', () => {
    const wrong: string[] = [];
    for (const ex of examples) {
      const want = referenceFences(ex.markdown);
      const got = ourFences(ex.markdown);
      if (want.join() !== got.join()) wrong.push(`example ${ex.number} (${ex.section}): markdown-it ${want.join(' ')} · ours ${got.join(' ')}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('round-trips every corpus file and shipped runbook, also with CRLF line ends', () => {
    const files = corpusFiles();
    assert.ok(files.length >= 4 + 13, `corpus: ${files.map((f) => f[0]).join(', ')}`);
    for (const [name, text] of files) {
      assert.equal(roundTrip(text), text, name);
      const crlf = text.replace(/\r?\n/g, '\r\n');
      assert.equal(roundTrip(crlf), crlf, `${name} as CRLF`);
      assert.deepEqual(ourFences(text.replace(/\r\n/g, '\n')), referenceFences(text), `${name}: fences`);
    }
  });

  it('the whole CommonMark spec (a 200 KB markdown file of fences) round-trips and splits where markdown-it does', () => {
    const spec = readFileSync(join(corpusDir, 'commonmark-0.31.2-spec.md'), 'utf8');
    const doc = parseRunbook(spec);
    assert.match(doc.frontMatter, /^---\ntitle: CommonMark Spec/);
    assert.ok(doc.cells.filter((c) => c.kind === 'code').length > 600);
    assert.equal(roundTrip(spec), spec);
  });
});

const edge = () => readFileSync(join(corpusDir, 'edge-cases.md'), 'utf8');

describe('runbook document: cells', () => {
  it('front matter is not a cell; fences become code cells with language, info and de-indented text', () => {
    const doc = parseRunbook(edge());
    assert.equal(doc.frontMatter, '---\ntitle: Edge cases\ntags: [runbook, corpus]\n---\n');
    const code = doc.cells.filter((c) => c.kind === 'code');
    assert.deepEqual(
      code.map((c) => [c.language, c.info]),
      [
        ['sh', 'sh'],
        ['bash', 'bash {"name":"tilde","excludeFromRunAll":true}'],
        ['markdown', 'markdown'],
        ['sh', 'sh { name=in-list timeout=30s }'],
        ['', ''],
      ],
    );
    assert.equal(code[1].value, 'echo ~~~ inside\n```\nnested backticks stay content\n```');
    assert.equal(code[2].value, '```sh\ninner\n```');
    // The list item's three columns are removed; the tab after them stays a tab.
    assert.equal(code[3].value, '\tkubectl get pods\necho "tab and spaces"');
    assert.equal(code[4].value, 'unclosed fence at the end, no final newline');
    // The HTML block's ``` lines, the indented code and the quoted fence stay markdown.
    const markdown = doc.cells.filter((c) => c.kind === 'markdown').map((c) => c.value).join('\n');
    assert.match(markdown, /not a fence: inside an HTML block/);
    assert.match(markdown, /still indented code/);
    assert.match(markdown, /> quoted fence stays markdown/);
    assert.match(markdown, /tab-indented is indented code/);
  });

  it('blank lines between fences belong to the cell before: no empty cells', () => {
    const doc = parseRunbook('```sh\na\n```\n\n\n```sh\nb\n```\n');
    assert.deepEqual(doc.cells.map((c) => [c.kind, c.value]), [['code', 'a'], ['code', 'b']]);
    assert.equal(doc.cells[0].origin.raw, '```sh\na\n```\n\n\n');
  });

  it('markdown cells hold their text without the surrounding blank lines', () => {
    const doc = parseRunbook('\n\n# Title\n\nText  \n\n\n```sh\nx\n```\n');
    assert.equal(doc.cells[0].value, '# Title\n\nText  ');
  });
});

describe('runbook document: edits touch only their cell', () => {
  function edit(src: string, index: number, value: string, language?: string): string {
    const doc = parseRunbook(src);
    const cells = asWritten(doc);
    cells[index] = { ...cells[index], value, language: language ?? cells[index].language };
    return serializeRunbook({ frontMatter: doc.frontMatter, eol: doc.eol, cells });
  }

  /** Asserts `after` equals `before` outside the bytes of cell `index`. */
  function onlyCellChanged(before: string, after: string, index: number): void {
    const doc = parseRunbook(before);
    const offset = doc.frontMatter.length + doc.cells.slice(0, index).reduce((n, c) => n + c.origin.raw.length, 0);
    const len = doc.cells[index].origin.raw.length;
    assert.equal(after.slice(0, offset), before.slice(0, offset), 'bytes before the cell');
    const tail = before.length - offset - len;
    assert.equal(after.slice(after.length - tail), before.slice(before.length - tail), 'bytes after the cell');
  }

  it('a code cell in a CRLF list item is rebuilt with its indentation, CRLF and fence; nothing else moves', () => {
    const src = edge().replace(/\n/g, '\r\n');
    const doc = parseRunbook(src);
    const i = doc.cells.findIndex((c) => c.info.includes('in-list'));
    const out = edit(src, i, 'kubectl get pods -A\n\necho done');
    onlyCellChanged(src, out, i);
    assert.ok(out.includes('   ```sh { name=in-list timeout=30s }\r\n   kubectl get pods -A\r\n\r\n   echo done\r\n   ```\r\n'), JSON.stringify(out));
    assert.equal(parseRunbook(out).cells[i].value, 'kubectl get pods -A\n\necho done');
  });

  it('a markdown cell edit keeps the blank lines around it and the other cells byte for byte', () => {
    const src = '# T\r\n\r\n- [ ] one\r\n- [ ] two\r\n\r\n```sh\r\nls\r\n```\r\n\r\nend';
    const out = edit(src, 0, '# T\n\n- [x] one\n- [ ] two');
    assert.equal(out, src.replace('- [ ] one', '- [x] one'));
  });

  it('text that would close the fence lengthens it; a language change rewrites only the opening line', () => {
    const src = 'intro\n\n```sh { name=a }\necho\n```\n\nafter\n';
    const out = edit(src, 1, 'cat <<EOF\n```\nEOF');
    assert.equal(out, 'intro\n\n````sh { name=a }\ncat <<EOF\n```\nEOF\n````\n\nafter\n');
    assert.equal(edit(src, 1, 'echo', 'bash'), 'intro\n\n```bash { name=a }\necho\n```\n\nafter\n');
    assert.equal(parseRunbook(out).cells[1].value, 'cat <<EOF\n```\nEOF');
  });

  it('a last cell without final newline stays without one when edited', () => {
    assert.equal(edit('# a\n\n```sh\nx\n```', 1, 'y'), '# a\n\n```sh\ny\n```');
    assert.equal(edit('```sh\nx\n```\n\ntext', 1, 'more text'), '```sh\nx\n```\n\nmore text');
  });

  it('cells the user adds are written as their own blocks, separated by blank lines, in the file’s line ends', () => {
    const src = '# a\r\n\r\n```sh\r\nx\r\n```';
    const doc = parseRunbook(src);
    const cells: CellToWrite[] = [...asWritten(doc), { kind: 'code', value: 'echo new', language: 'sh' }, { kind: 'markdown', value: 'Done.', language: '' }];
    const out = serializeRunbook({ frontMatter: doc.frontMatter, eol: doc.eol, cells });
    assert.equal(out, '# a\r\n\r\n```sh\r\nx\r\n```\r\n\r\n```sh\r\necho new\r\n```\r\n\r\nDone.\r\n\r\n');
    assert.deepEqual(parseRunbook(out).cells.map((c) => c.value), ['# a', 'x', 'echo new', 'Done.']);
  });

  it('a deleted cell takes its bytes (and the blank lines after it) with it', () => {
    const src = 'a\n\n```sh\nx\n```\n\nb\n';
    const doc = parseRunbook(src);
    const cells = asWritten(doc).filter((_, i) => i !== 1);
    assert.equal(serializeRunbook({ frontMatter: '', eol: '\n', cells }), 'a\n\nb\n');
  });
});

describe('runbook document: byte order mark and unclosed fences', () => {
  const BOM = '\uFEFF';

  it('parses a file that starts with a byte order mark as VS Code\'s preview does (front matter, first fence), and writes the mark back', () => {
    const body = '---\ntitle: with BOM\n---\n```sh\necho first\n```\n\nText.\n';
    const doc = parseRunbook(BOM + body);
    assert.equal(doc.bom, true);
    assert.equal(doc.frontMatter, '---\ntitle: with BOM\n---\n');
    assert.deepEqual(doc.cells.map((c) => `${c.kind}:${c.value}`), ['code:echo first', 'markdown:Text.']);
    // markdown-it (the preview's parser), given the same file without the mark, finds the same fence.
    assert.deepEqual(referenceFences(body.slice(body.indexOf('```'))), ['0-3 "sh" "echo first\\n"']);
    const again = serializeRunbook({ bom: doc.bom, frontMatter: doc.frontMatter, eol: doc.eol, cells: asWritten(doc) });
    assert.equal(again, BOM + body, 'byte for byte, the mark included');
    const edited = asWritten(doc).map((c) => (c.value === 'echo first' ? { ...c, value: 'echo changed' } : c));
    assert.equal(serializeRunbook({ bom: doc.bom, frontMatter: doc.frontMatter, eol: doc.eol, cells: edited }), BOM + body.replace('echo first', 'echo changed'));
    assert.equal(parseRunbook(body).bom, undefined, 'no mark, none written');
  });

  it('a mark anywhere but the start is text, kept where it is', () => {
    const src = `# Title\n\n${BOM}not a mark at the start\n`;
    assert.equal(parseRunbook(src).bom, undefined);
    assert.equal(roundTrip(src), src);
  });

  it('flags a code block without a closing fence (it runs to the end of the file), and only that one', () => {
    const src = '# Steps\n\n```sh\necho closed\n```\n\n```sh\necho unclosed\n\nThen check the dashboard.\n';
    const doc = parseRunbook(src);
    const code = doc.cells.filter((c) => c.kind === 'code');
    assert.deepEqual(code.map((c) => [c.value, c.origin.unclosed === true, c.origin.openLine]), [
      ['echo closed', false, 2],
      ['echo unclosed\n\nThen check the dashboard.', true, 6],
    ]);
    assert.equal(roundTrip(src), src, 'still byte-exact');
  });

  it('an unclosed fence inside a list item ends with the item, and is flagged too', () => {
    const src = '1. Restart:\n   ```sh\n   kubectl rollout restart deploy/x\n2. Check it.\n';
    const code = parseRunbook(src).cells.filter((c) => c.kind === 'code');
    assert.equal(code.length, 1);
    assert.equal(code[0]?.origin.unclosed, true);
    assert.equal(roundTrip(src), src);
  });
});

describe('runbook document: blocks Runme ignores are markdown', () => {
  const src = [
    '# Ignored blocks',
    '',
    '```sh { ignore=true }',
    'kubectl delete ns prod',
    '```',
    '',
    '```mermaid',
    'graph TD; a-->b',
    '```',
    '',
    '```sh { transform=false name=x }',
    'echo shown',
    '```',
    '',
    '```mermaid { ignore=false }',
    'graph LR; c-->d',
    '```',
    '',
    '```sh { ignore=yes }',
    'echo runs',
    '```',
    '',
    '```sh { ignore=true }',
    'echo unclosed',
  ].join('\n');

  it('ignore=true, transform=false and mermaid blocks are markdown cells holding the whole block; the others stay code', () => {
    const doc = parseRunbook(src);
    assert.deepEqual(
      doc.cells.map((c) => `${c.kind}: ${c.value}`),
      [
        'markdown: # Ignored blocks',
        'markdown: ```sh { ignore=true }\nkubectl delete ns prod\n```',
        'markdown: ```mermaid\ngraph TD; a-->b\n```',
        'markdown: ```sh { transform=false name=x }\necho shown\n```',
        // ignore=false on a mermaid block makes it a code cell again (shown as Runme shows it: not runnable).
        'code: graph LR; c-->d',
        // "yes" is not one of Go's booleans: Runme does not ignore it.
        'code: echo runs',
        // A block without its closing fence stays code (flagged as unclosed, never run without asking).
        'code: echo unclosed',
      ],
    );
  });

  it('round-trips byte for byte, with LF, CRLF and without a final newline; an edit changes only that cell', () => {
    for (const text of [src, `${src}\n`, src.replace(/\n/g, '\r\n'), `---\ntitle: x\n---\n\n${src}\n`]) {
      const doc = parseRunbook(text);
      assert.equal(serializeRunbook({ frontMatter: doc.frontMatter, eol: doc.eol, cells: asWritten(doc) }), text);
    }
    const doc = parseRunbook(src);
    const cells = asWritten(doc);
    cells[1] = { ...cells[1], value: '```sh { ignore=true }\nkubectl delete ns staging\n```' };
    assert.equal(serializeRunbook({ frontMatter: doc.frontMatter, eol: doc.eol, cells }), src.replace('delete ns prod', 'delete ns staging'));
  });
});
