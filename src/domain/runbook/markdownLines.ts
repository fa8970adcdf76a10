// Splits text into lines the way CommonMark does (\r\n, \r or \n end a line), keeping each terminator so bytes can be rebuilt exactly.

export interface SourceLines {
  /** Line contents, without terminators. */
  readonly text: string[];
  /** Each line's terminator: "\n", "\r\n", "\r", or "" for a last line without one. */
  readonly eol: string[];
  /** Offset of each line's first character in the source. */
  readonly start: number[];
  /** The text that was split: lines from..to are one slice of it. */
  readonly source: string;
}

export function splitLines(src: string): SourceLines {
  const text: string[] = [];
  const eol: string[] = [];
  const start: number[] = [];
  let pos = 0;
  const n = src.length;
  // indexOf on each terminator (cached until passed) is much faster than a char loop over a megabyte.
  let nextLf = src.indexOf('\n');
  let nextCr = src.indexOf('\r');
  while (pos < n) {
    if (nextLf !== -1 && nextLf < pos) nextLf = src.indexOf('\n', pos);
    if (nextCr !== -1 && nextCr < pos) nextCr = src.indexOf('\r', pos);
    start.push(pos);
    if (nextCr !== -1 && (nextLf === -1 || nextCr < nextLf)) {
      text.push(src.slice(pos, nextCr));
      const crlf = nextLf === nextCr + 1;
      eol.push(crlf ? '\r\n' : '\r');
      pos = nextCr + (crlf ? 2 : 1);
    } else if (nextLf !== -1) {
      text.push(src.slice(pos, nextLf));
      eol.push('\n');
      pos = nextLf + 1;
    } else {
      text.push(src.slice(pos));
      eol.push('');
      pos = n;
    }
  }
  return { text, eol, start, source: src };
}

/** The exact bytes of lines from..to (terminators included): a slice of the source, no copying per line. */
export function rawLines(lines: SourceLines, from: number, to: number): string {
  if (from >= to) return '';
  return lines.source.slice(lines.start[from], to < lines.start.length ? lines.start[to] : lines.source.length);
}

/** Lines from..to joined with "\n" (terminators normalised), unindented by `columns` when given. */
export function joinedLines(lines: SourceLines, from: number, to: number, columns = 0): string {
  if (from >= to) return '';
  const last = to - 1;
  const slice = lines.source.slice(lines.start[from], lines.start[last] + lines.text[last].length);
  // The common case (LF only, nothing to unindent) is the source slice itself.
  if (columns === 0 && !slice.includes('\r')) return slice;
  const out: string[] = [];
  for (let i = from; i < to; i++) out.push(columns ? stripIndent(lines.text[i], columns) : lines.text[i]);
  return out.join('\n');
}

/** The most common terminator of the text ("\n" when there is none), used for cells the user adds. */
export function dominantEol(lines: SourceLines): string {
  let lf = 0;
  let crlf = 0;
  let cr = 0;
  for (const e of lines.eol) {
    if (e === '\n') lf++;
    else if (e === '\r\n') crlf++;
    else if (e === '\r') cr++;
  }
  if (crlf > lf && crlf >= cr) return '\r\n';
  if (cr > lf && cr > crlf) return '\r';
  return '\n';
}

export function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Tabs expanded to spaces with stops of 4, as CommonMark does wherever whitespace defines structure. */
export function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const ch of line) {
    if (ch === '\t') out += ' '.repeat(4 - (out.length % 4));
    else out += ch;
  }
  return out;
}

/**
 * Removes up to `columns` columns of leading whitespace (tabs count to the next stop of 4; a tab
 * reaching past the limit leaves its remaining columns as spaces), as CommonMark does for fence content.
 */
export function stripIndent(line: string, columns: number): string {
  let col = 0;
  let i = 0;
  while (i < line.length && col < columns) {
    const c = line.charCodeAt(i);
    if (c === 32) {
      col++;
      i++;
    } else if (c === 9) {
      const next = col + 4 - (col % 4);
      i++;
      if (next > columns) return ' '.repeat(next - columns) + line.slice(i);
      col = next;
    } else break;
  }
  return line.slice(i);
}
