// What a screen reader says for a tree row: what a sighted user reads on it (label, description, a state the icon
// shows), plus the first line of a plain-text tooltip when that adds something. VS Code reads a row with a text
// tooltip by its tooltip alone, so without this the label and the description ("selected", "P1 · 1 firing") are lost.

export interface RowText {
  /** The row's label. */
  label: string;
  /** The row's description (the grey text after the label); " · " separated parts are read as a list. */
  description?: string;
  /** What the row is ("Namespace", "Alert group"), said before the label. */
  kind?: string;
  /** A state only the icon shows (its colour or shape: "critical", "error"), said after the label. */
  state?: string;
  /** More text worth hearing (a plain tooltip); only its first line is read, and not when it repeats the rest. */
  summary?: string;
}

const MAX_SUMMARY = 160;

/** "Namespace default, selected, in context kind-phoenix": the parts a sighted user reads, in reading order, comma separated. */
export function accessibleLabel(row: RowText): string {
  const head = spoken([row.kind, row.label].filter(Boolean).join(' '));
  const parts = [head];
  const described = (row.description ?? '').split(/\s+·\s+/).map(spoken).filter(Boolean);
  const state = spoken(row.state ?? '');
  if (state && !described.some((d) => d.toLowerCase().includes(state.toLowerCase())) && !head.toLowerCase().includes(state.toLowerCase())) parts.push(state);
  parts.push(...described);
  const summary = firstLine(row.summary ?? '');
  const said = parts.join(' ').toLowerCase();
  if (summary && !said.includes(summary.toLowerCase()) && !/^click\b/i.test(summary)) parts.push(summary);
  return parts.filter(Boolean).join(', ');
}

/** Text as it should be heard: arrows read as words, no doubled spaces. */
function spoken(s: string): string {
  return s
    .replace(/\s*→\s*/g, ' to ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The tooltip's first line, shortened to a sentence's length. */
function firstLine(s: string): string {
  const line = spoken(s.split(/\r?\n/).find((l) => l.trim()) ?? '');
  return line.length > MAX_SUMMARY ? `${line.slice(0, MAX_SUMMARY - 1).trimEnd()}…` : line;
}
