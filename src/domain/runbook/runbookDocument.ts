// Markdown ⇄ runbook cells with a byte-exact round trip: each cell keeps the exact bytes it came from and
// is written back from them unless its text changed; an edited cell is rebuilt inside its original frame.
import { ignoredCell, parseFenceInfo } from './cellAttributes';
import { scanFences } from './fenceScanner';
import { frontMatterLines } from './frontMatter';
import { dominantEol, isBlank, joinedLines, rawLines, type SourceLines, splitLines } from './markdownLines';

/** Where a cell came from in the file; kept in the notebook cell's metadata until save. */
export interface CellOrigin {
  kind: 'markdown' | 'code';
  /** The exact bytes the cell covers (with the blank lines around it). */
  raw: string;
  /** The cell's text as read (LF line ends): equal text at save means the cell is unchanged. */
  value: string;
  /** Bytes before the text: leading blank lines (and, for code, the opening fence line). */
  before: string;
  /** Bytes after the text: the last line's terminator and trailing blank lines (for code, the closing fence line too). */
  after: string;
  /** Line terminator for rebuilt lines. */
  eol: string;
  /** Code: prefix for each content line of a rebuilt block (the fence's indentation). */
  indent?: string;
  /** Code: the opening fence line up to the marker ("", "  ", "- "). */
  openPrefix?: string;
  /** Code: the marker run (```` ``` ````, `~~~~`). */
  fence?: string;
  /** Code: the info string as written ("sh { name=x }"). */
  info?: string;
  /** Code: the fence language ("sh"; "" when none). */
  language?: string;
  /**
   * Code: no closing fence. CommonMark runs such a block to the end of its container (often the end of the file), so
   * prose after it becomes "code": the cockpit flags it and never runs it without asking.
   */
  unclosed?: boolean;
  /** Code: the 0-based line of the opening fence in the file (after a byte order mark), for a diagnostic there. */
  openLine?: number;
}

export interface RunbookCell {
  kind: 'markdown' | 'code';
  /** The cell text (LF line ends). */
  value: string;
  /** Code: the fence language as written. */
  language: string;
  /** Code: the info string as written. */
  info: string;
  origin: CellOrigin;
}

export interface RunbookDocument {
  /**
   * The file began with a UTF-8 byte order mark: parsed after it (as VS Code's markdown preview does, so front matter
   * and a first fence are found) and written back before everything else.
   */
  bom?: boolean;
  /** Front matter (YAML ---, TOML +++ or JSON) with its delimiters, exactly as written ("" when none). Not a cell; see frontMatter.ts. */
  frontMatter: string;
  /** The document's usual line terminator, for cells the user adds. */
  eol: string;
  cells: RunbookCell[];
}

/** A cell as the notebook has it at save time. */
export interface CellToWrite {
  kind: 'markdown' | 'code';
  value: string;
  /** Code: the fence language to write (unchanged language → the origin's). */
  language: string;
  origin?: CellOrigin;
}

const BOM = '\uFEFF';

export function parseRunbook(text: string): RunbookDocument {
  const bom = text.startsWith(BOM);
  const src = bom ? text.slice(1) : text;
  const lines = splitLines(src);
  const eol = dominantEol(lines);
  const fmEnd = frontMatterEnd(lines.text);
  const frontMatter = fmEnd > 0 ? joinRaw(lines, 0, fmEnd) : '';
  const fences = scanFences(lines.text, fmEnd).filter((f) => !f.inQuote);
  const cells: RunbookCell[] = [];
  let pendingBlank = '';
  let line = fmEnd;
  const flushMarkdown = (from: number, to: number) => {
    if (from >= to) return;
    let first = from;
    while (first < to && isBlank(lines.text[first])) first++;
    if (first === to) {
      // Only blank lines: they belong to the cell before (or the next one when there is none yet).
      const blank = joinRaw(lines, from, to);
      const prev = cells[cells.length - 1];
      if (prev) {
        prev.origin.raw += blank;
        prev.origin.after += blank;
      } else pendingBlank += blank;
      return;
    }
    let last = to - 1;
    while (isBlank(lines.text[last])) last--;
    // Blank lines after a cell are that cell's; only at the very start do they open the first cell.
    let before = pendingBlank;
    pendingBlank = '';
    const leading = joinRaw(lines, from, first);
    const prev = cells[cells.length - 1];
    if (prev) {
      prev.origin.raw += leading;
      prev.origin.after += leading;
    } else before += leading;
    const body = joinRaw(lines, first, last + 1);
    const lastEol = lines.eol[last];
    const after = lastEol + joinRaw(lines, last + 1, to);
    const value = joinedLines(lines, first, last + 1);
    const raw = before + body + joinRaw(lines, last + 1, to);
    cells.push({
      kind: 'markdown',
      value,
      language: '',
      info: '',
      origin: { kind: 'markdown', raw, value, before, after, eol: lineEol(lines, first, eol) },
    });
  };

  for (const f of fences) {
    flushMarkdown(line, f.open);
    if (f.close !== -1 && ignoredFence(f.info)) {
      // Runme shows an ignored block (ignore=true, transform=false, mermaid) as markdown: a cell of its own holding the
      // whole fenced block, rendered as code and never run; unchanged, it is written back as the bytes it came from.
      const before = pendingBlank;
      pendingBlank = '';
      const value = joinedLines(lines, f.open, f.close + 1);
      cells.push({
        kind: 'markdown',
        value,
        language: '',
        info: '',
        origin: { kind: 'markdown', raw: before + joinRaw(lines, f.open, f.close + 1), value, before, after: lines.eol[f.close], eol: lineEol(lines, f.open, eol) },
      });
      line = f.close + 1;
      continue;
    }
    const contentEnd = f.close === -1 ? f.end : f.close;
    const openLine = lines.text[f.open];
    const markerAt = openLine.indexOf(f.char.repeat(f.length));
    const value = joinedLines(lines, f.open + 1, contentEnd, f.indent);
    const before = pendingBlank + openLine + lines.eol[f.open];
    pendingBlank = '';
    const body = joinRaw(lines, f.open + 1, contentEnd);
    const after = f.close === -1 ? '' : joinRaw(lines, f.close, f.close + 1);
    const openPrefix = openLine.slice(0, markerAt);
    const language = /^[^\s{]*/.exec(f.info)?.[0] ?? '';
    cells.push({
      kind: 'code',
      value,
      language,
      info: f.info,
      origin: {
        kind: 'code',
        raw: before + body + after,
        value,
        before,
        after,
        eol: lineEol(lines, f.open, eol),
        indent: /^[ \t]*$/.test(openPrefix) ? openPrefix : ' '.repeat(f.indent),
        openPrefix,
        fence: f.char.repeat(f.length),
        info: f.info,
        language,
        openLine: f.open,
        ...(f.close === -1 ? { unclosed: true } : {}),
      },
    });
    line = f.end;
  }
  flushMarkdown(line, lines.text.length);
  if (pendingBlank) {
    // A document of blank lines only: one empty markdown cell keeps its bytes.
    cells.push({ kind: 'markdown', value: '', language: '', info: '', origin: { kind: 'markdown', raw: pendingBlank, value: '', before: pendingBlank, after: '', eol } });
  }
  return { ...(bom ? { bom } : {}), frontMatter, eol, cells };
}

export function serializeRunbook(doc: { bom?: boolean; frontMatter: string; eol: string; cells: readonly CellToWrite[] }): string {
  const parts: string[] = [doc.bom ? BOM : '', doc.frontMatter];
  let tail = doc.frontMatter.slice(-256);
  const push = (s: string) => {
    if (s) {
      parts.push(s);
      // Enough of the end of the output to see whether it ends in a blank line.
      tail = s.length >= 256 ? s.slice(-256) : (tail + s).slice(-256);
    }
  };
  for (const cell of doc.cells) {
    const o = cell.origin;
    if (o && o.kind === cell.kind) {
      push(unchanged(cell, o) ? o.raw : rebuild(cell, o));
      continue;
    }
    // A cell the user added (or whose kind changed): its own block, apart from its neighbours by a blank line.
    if (tail && !/(\r\n|\r|\n)$/.test(tail)) push(doc.eol);
    if (tail && !endsWithBlankLine(tail)) push(doc.eol);
    push(cell.kind === 'markdown' ? toEol(normalizeEol(cell.value), doc.eol) + doc.eol : newFence(cell, doc.eol));
    push(doc.eol);
  }
  return parts.join('');
}

function unchanged(cell: CellToWrite, o: CellOrigin): boolean {
  return normalizeEol(cell.value) === o.value && (cell.kind === 'markdown' || cell.language === o.language);
}

function rebuild(cell: CellToWrite, o: CellOrigin): string {
  const value = normalizeEol(cell.value);
  if (cell.kind === 'markdown') return o.before + toEol(value, o.eol) + o.after;
  const fence = fenceFor(value, o.fence ?? '```');
  let before = o.before;
  if (fence !== o.fence || cell.language !== o.language) {
    // Only the opening line changes: the attributes after the language are kept as written.
    const attrs = (o.info ?? '').slice((o.language ?? '').length);
    const openLine = `${o.openPrefix ?? ''}${fence}${cell.language}${attrs}`;
    const lead = o.before.slice(0, o.before.length - lastLineLength(o.before));
    before = lead + openLine + o.eol;
  }
  const body = value === '' ? '' : value.split('\n').map((l) => (l === '' ? '' : (o.indent ?? '') + l) + o.eol).join('');
  let after = o.after;
  if (fence !== o.fence && after) after = after.replace(o.fence ?? '```', fence);
  const out = before + body + after;
  // A block that ended the file without a terminator keeps ending without one.
  return !o.after && !/(\r\n|\r|\n)$/.test(o.raw) ? out.replace(/(\r\n|\r|\n)$/, '') : out;
}

function endsWithBlankLine(s: string): boolean {
  const rest = s.replace(/(\r\n|\r|\n)$/, '');
  return /(\r\n|\r|\n)[ \t]*$/.test(rest) || /^[ \t]*$/.test(rest);
}

/** Length of the last line of `s` including its terminator. */
function lastLineLength(s: string): number {
  const m = /(?:^|\r\n|\r|\n)([^\r\n]*(?:\r\n|\r|\n))$/.exec(s);
  return m ? m[1].length : s.length;
}

/**
 * A code cell built from its parts, never parsed: text from elsewhere (a server's PromQL expression) becomes the
 * cell's content and nothing else, inside a fence longer than any it holds. The info string must be trusted.
 */
export function codeCell(language: string, info: string, value: string): RunbookCell {
  const text = normalizeEol(value);
  const fence = fenceFor(text, '```');
  const before = `${fence}${info}\n`;
  const after = `${fence}\n\n`;
  const body = text ? `${text}\n` : '';
  return { kind: 'code', value: text, language, info, origin: { kind: 'code', raw: before + body + after, value: text, before, after, eol: '\n', indent: '', openPrefix: '', fence, info, language } };
}

/** A markdown cell whose text is given as is (escape server text first: see core/markdown). */
export function markdownCell(value: string): RunbookCell {
  const text = normalizeEol(value);
  return { kind: 'markdown', value: text, language: '', info: '', origin: { kind: 'markdown', raw: `${text}\n\n`, value: text, before: '', after: '\n\n', eol: '\n' } };
}

function newFence(cell: CellToWrite, eol: string): string {
  const value = normalizeEol(cell.value);
  const fence = fenceFor(value, '```');
  return `${fence}${cell.language}${eol}${value ? toEol(value, eol) + eol : ''}${fence}${eol}`;
}

/** The marker, lengthened when the text holds a line that would close it. */
function fenceFor(value: string, fence: string): string {
  const ch = fence[0];
  let longest = 0;
  const re = ch === '`' ? /^ {0,3}(`{3,})/gm : /^ {0,3}(~{3,})/gm;
  for (const m of value.matchAll(re)) longest = Math.max(longest, m[1].length);
  return longest >= fence.length ? ch.repeat(longest + 1) : fence;
}

/** A closed block Runme does not turn into a code cell (see ignoredCell). */
function ignoredFence(info: string): boolean {
  const { language, attributes } = parseFenceInfo(info);
  return ignoredCell(language, attributes);
}

/** Lines of front matter at the top (YAML "---", TOML "+++" or a JSON object, as Runme detects them); 0 when none. */
function frontMatterEnd(text: readonly string[]): number {
  return frontMatterLines(text).end;
}

function joinRaw(lines: SourceLines, from: number, to: number): string {
  return rawLines(lines, from, to);
}

function lineEol(lines: SourceLines, at: number, fallback: string): string {
  return lines.eol[at] || fallback;
}

export function normalizeEol(s: string): string {
  return s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s;
}

function toEol(s: string, eol: string): string {
  return eol === '\n' ? s : s.replace(/\n/g, eol);
}
