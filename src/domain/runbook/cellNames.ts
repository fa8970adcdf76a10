// Cell names as Runme derives them (pkg/document/block.go getName/sanitizeName, document.go nameResolver): a cell's
// name attribute, else a name made from its first command ("echo hello" → "echo-hello"); every name is counted in
// document order and a repeat gets "-2", "-3"… Runbooks and Run All lists written for Runme refer to these names.
import { parseFenceInfo } from './cellAttributes';

export interface NamedCell {
  kind: 'markdown' | 'code';
  /** Code: the info string as written ("sh { name=x }"). */
  info: string;
  /** The cell text (LF line ends). */
  value: string;
}

export interface CellName {
  name: string;
  /** No name attribute: the name was made from the first command. */
  generated: boolean;
}

/** The name of each cell (undefined for markdown cells), as Runme names the document's code blocks. */
export function cellNames(cells: readonly NamedCell[]): Array<CellName | undefined> {
  const counts = new Map<string, number>();
  return cells.map((cell) => {
    if (cell.kind !== 'code') return undefined;
    const given = parseFenceInfo(cell.info).attributes.name;
    const generated = !given;
    const base = given || sanitizeName(firstCommand(cell.value));
    const n = (counts.get(base) ?? 0) + 1;
    counts.set(base, n);
    return { name: n === 1 ? base : `${base}-${n}`, generated };
  });
}

/** Runme's TryGetNonCommentLine over its normalized lines: the first line that is not blank or a comment. */
export function firstCommand(text: string): string {
  if (text === '') return '';
  // normalizeLine: leading "$" characters off, trailing space off.
  const lines = text.split('\n').map((l) => l.replace(/^\$+/, '').trimEnd());
  for (const l of lines) {
    const code = l.trim().split('#', 1)[0];
    if (code !== '') return code.trimEnd();
  }
  return lines[0] ?? '';
}

/** Runme's sanitizeName: up to an "=", the first 32 bytes, the first two words, lower-case letters and digits joined by "-". */
export function sanitizeName(s: string): string {
  const eq = s.indexOf('=');
  if (eq > 0) return sanitizeName(s.slice(0, eq));
  const head = Buffer.from(s, 'utf8').subarray(0, 32).toString('utf8');
  const words = head.split(' ');
  const kept = words.length > 1 ? words.slice(0, 2).join(' ') : words[0];
  let out = '';
  for (const ch of kept.toLowerCase()) {
    if (ch === ' ' && out.length > 0) out += '-';
    else if ((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z')) out += ch;
  }
  return out;
}
