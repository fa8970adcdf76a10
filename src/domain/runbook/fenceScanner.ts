// Finds the fenced code blocks of a markdown document by CommonMark's block structure (containers,
// lazy lines, HTML blocks, indented code) without building an AST: fast enough for a megabyte in a few ms.
import { expandTabs } from './markdownLines';

export interface FenceBlock {
  /** Index of the opening fence line. */
  open: number;
  /** Index of the closing fence line, or -1 when the block ran to the end of its container or the document. */
  close: number;
  /** One past the block's last line. */
  end: number;
  /** Column of the fence marker (tabs expanded): each content line loses up to this many columns of indentation. */
  indent: number;
  char: '`' | '~';
  /** Length of the opening marker run. */
  length: number;
  /** The info string (after the marker, trimmed), from the original line. */
  info: string;
  /** Inside a block quote: its lines carry `>` markers, so it stays part of the markdown around it. */
  inQuote: boolean;
}

/** An item's `width`: columns from its parent's content start to its own (marker, spaces), not an absolute column. */
type Container = { kind: 'quote' } | { kind: 'item'; width: number; emptyStart: boolean; hasContent: boolean };

// Indented code needs no state of its own: its lines open nothing, and a line that is not indented ends it and may
// start anything, as after no leaf at all.
type Leaf =
  | { kind: 'none' }
  | { kind: 'paragraph' }
  | { kind: 'html'; type: number }
  | { kind: 'fence'; block: FenceBlock };

const NONE: Leaf = { kind: 'none' };
const PARAGRAPH: Leaf = { kind: 'paragraph' };

const FENCE = /(`{3,}|~{3,})/y;
const ATX = /#{1,6}(?:[ \t]|$)/y;
const THEMATIC = /(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/y;
const SETEXT = /(?:=+|-+)[ \t]*$/y;
const BULLET = /([-+*])(?=[ \t]|$)/y;
const ORDERED = /(\d{1,9})([.)])(?=[ \t]|$)/y;

const HTML_BLOCK_NAMES =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul';
const ATTRIBUTE = `(?:\\s+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:\\s*=\\s*(?:[^"'=<>\`\\x00-\\x20]+|'[^']*'|"[^"]*"))?)`;
const HTML_STARTS: Array<[RegExp, number]> = [
  [/<(?:script|pre|style|textarea)(?=\s|>|$)/iy, 1],
  [/<!--/y, 2],
  [/<\?/y, 3],
  [/<![A-Za-z]/y, 4],
  [/<!\[CDATA\[/y, 5],
  [new RegExp(`</?(?:${HTML_BLOCK_NAMES})(?=\\s|/?>|$)`, 'iy'), 6],
  [new RegExp(`(?:<[A-Za-z][A-Za-z0-9-]*${ATTRIBUTE}*\\s*/?>|</[A-Za-z][A-Za-z0-9-]*\\s*>)\\s*$`, 'y'), 7],
];
const HTML_ENDS: Record<number, RegExp> = {
  1: /<\/(?:script|pre|style|textarea)>/i,
  2: /-->/,
  3: /\?>/,
  4: />/,
  5: /\]\]>/,
};

function spacesAt(s: string, from: number): number {
  let i = from;
  while (s.charCodeAt(i) === 32) i++;
  return i - from;
}

function blankFrom(s: string, from: number): boolean {
  return spacesAt(s, from) + from >= s.length;
}

function at(re: RegExp, s: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(s);
}

function fenceAt(s: string, q: number): RegExpExecArray | null {
  const c = s.charCodeAt(q);
  // Stryker disable next-line ConditionalExpression: equivalent, a fast path (most lines: no regex run, no match array); FENCE below matches only ` and ~.
  if (c !== 96 /* ` */ && c !== 126 /* ~ */) return null;
  const m = at(FENCE, s, q);
  if (!m) return null;
  // A backtick fence's info string may not contain a backtick (it would be inline code).
  if (m[1][0] === '`' && s.indexOf('`', q + m[1].length) !== -1) return null;
  return m;
}

function htmlStart(s: string, q: number, inParagraph: boolean): number {
  // Stryker disable next-line ConditionalExpression: equivalent, a fast path; every HTML_STARTS pattern begins with <.
  if (s.charCodeAt(q) !== 60 /* < */) return 0;
  for (const [re, type] of HTML_STARTS) {
    if (type === 7 && inParagraph) continue;
    if (at(re, s, q)) return type;
  }
  return 0;
}

/** A list item's marker at `q`: its end and whether it may interrupt a paragraph. */
function listMarker(s: string, q: number): { end: number; canInterrupt: boolean } | undefined {
  // Stryker disable next-line ConditionalExpression: equivalent, a fast path; BULLET and ORDERED match only these characters.
  if (!'-+*0123456789'.includes(s[q])) return undefined;
  const b = at(BULLET, s, q);
  if (b) return { end: q + 1, canInterrupt: !blankFrom(s, q + 1) };
  const o = at(ORDERED, s, q);
  if (o) {
    const end = q + o[0].length;
    return { end, canInterrupt: o[1] === '1' && !blankFrom(s, end) };
  }
  return undefined;
}

/** Whether the rest of the line (from `p`) starts a block other than a paragraph (for the lazy-continuation rule). */
function startsBlock(s: string, p: number): boolean {
  const ind = spacesAt(s, p);
  if (ind >= 4) return false;
  const q = p + ind;
  const c = s[q];
  if (c === '>') return true;
  if (fenceAt(s, q) || at(ATX, s, q) || at(THEMATIC, s, q)) return true;
  if (listMarker(s, q)) return true;
  return htmlStart(s, q, true) !== 0;
}

/** The fenced code blocks of `lines[from..]`, in order. */
export function scanFences(lines: readonly string[], from = 0): FenceBlock[] {
  const fences: FenceBlock[] = [];
  const stack: Container[] = [];
  let leaf: Leaf = NONE;

  const endLeaf = (line: number) => {
    if (leaf.kind === 'fence') leaf.block.end = line;
    leaf = NONE;
  };

  for (let i = from; i < lines.length; i++) {
    const s = expandTabs(lines[i]);
    let p = 0;
    let matched = 0;
    for (; matched < stack.length; matched++) {
      const c = stack[matched];
      if (c.kind === 'quote') {
        const ind = spacesAt(s, p);
        if (ind > 3 || s[p + ind] !== '>') break;
        p += ind + 1;
        if (s[p] === ' ') p++;
      } else if (blankFrom(s, p)) {
        // An item that began with a blank line ends at the next blank line.
        if (c.emptyStart && !c.hasContent) break;
        p = s.length;
      } else {
        // The item's content column counts from where its parent's content starts on this line (after any `>`).
        if (spacesAt(s, p) < c.width) break;
        p += c.width;
      }
    }

    if (matched < stack.length) {
      // Lazy continuation: a paragraph goes on in unmatched containers when the line starts nothing else.
      if (leaf.kind === 'paragraph' && !blankFrom(s, p) && !startsBlock(s, p)) continue;
      endLeaf(i);
      stack.length = matched;
    } else if (leaf.kind === 'fence') {
      const f = leaf.block;
      const ind = spacesAt(s, p);
      if (ind <= 3) {
        const m = at(FENCE, s, p + ind);
        if (m && m[1][0] === f.char && m[1].length >= f.length && blankFrom(s, p + ind + m[1].length)) {
          f.close = i;
          endLeaf(i + 1);
        }
      }
      continue;
    } else if (leaf.kind === 'html') {
      if (leaf.type >= 6) {
        if (blankFrom(s, p)) leaf = NONE;
        continue;
      }
      if (HTML_ENDS[leaf.type].test(s)) leaf = NONE;
      continue;
    }

    // Open new blocks on the rest of the line.
    for (;;) {
      if (blankFrom(s, p)) {
        leaf = NONE;
        break;
      }
      // Stryker disable next-line ConditionalExpression: equivalent, the test only narrows the type; a quote never reads hasContent.
      for (const c of stack) if (c.kind === 'item') c.hasContent = true;
      const ind = spacesAt(s, p);
      // Indented code, or a paragraph's continuation: no block opens here.
      if (ind >= 4) break;
      const inParagraph = leaf.kind === 'paragraph';
      const q = p + ind;
      if (s[q] === '>') {
        stack.push({ kind: 'quote' });
        leaf = NONE;
        p = q + 1;
        if (s[p] === ' ') p++;
        continue;
      }
      const fence = fenceAt(s, q);
      if (fence) {
        const run = fence[1];
        const original = lines[i];
        const start = original.indexOf(run);
        const block: FenceBlock = {
          open: i,
          close: -1,
          end: lines.length,
          indent: q,
          char: run[0] as '`' | '~',
          length: run.length,
          info: original.slice(start + run.length).trim(),
          inQuote: stack.some((c) => c.kind === 'quote'),
        };
        fences.push(block);
        leaf = { kind: 'fence', block };
        break;
      }
      const first = s[q];
      if (inParagraph && at(SETEXT, s, q)) {
        leaf = NONE;
        break;
      }
      // Stryker disable next-line ConditionalExpression: equivalent where it tests `first`, fast paths for THEMATIC (- _ *) and ATX (#).
      if (((first === '-' || first === '_' || first === '*') && at(THEMATIC, s, q)) || (first === '#' && at(ATX, s, q))) {
        leaf = NONE;
        break;
      }
      const marker = listMarker(s, q);
      if (marker && (!inParagraph || marker.canInterrupt)) {
        const after = spacesAt(s, marker.end);
        const empty = marker.end + after >= s.length;
        // Content starts after the marker's spaces, or one column past the marker when it is blank or indented code.
        const content = empty || after > 4 ? marker.end + 1 : marker.end + after;
        stack.push({ kind: 'item', width: content - p, emptyStart: empty, hasContent: !empty });
        leaf = NONE;
        p = empty ? s.length : content;
        continue;
      }
      const html = htmlStart(s, q, inParagraph);
      if (html) {
        leaf = html <= 5 && HTML_ENDS[html].test(s.slice(q)) ? NONE : { kind: 'html', type: html };
        break;
      }
      leaf = PARAGRAPH;
      break;
    }
  }
  return fences;
}
