// The text layout of `kubectl describe`: "Key:  value" lines indented by level, values of one block aligned,
// multi-line maps (labels, annotations) continued under their first value, tables with a dashed header. Pure.

/** One line of a describe block: a key and its value at an indent level (value '' = a heading such as "Containers:"). */
export interface Field {
  level: number;
  key: string;
  value: string;
}

export const field = (level: number, key: string, value: string | number | undefined | null): Field => ({ level, key, value: value === undefined || value === null || value === '' ? '<none>' : String(value) });
export const heading = (level: number, key: string): Field => ({ level, key, value: '' });
/** A line with no key (a command's words, an envFrom source), printed at its indent and not aligned. */
export const line = (level: number, text: string): Field => ({ level, key: '', value: text });

/**
 * Lays fields out as kubectl's tabwriter does for one block: the values of consecutive fields start in one column
 * (the longest "key:" of the run plus two spaces). A heading ends a run, as a line without a tab does in kubectl.
 */
export function layoutFields(fields: readonly Field[]): string {
  const out: string[] = [];
  let run: Field[] = [];
  const flush = () => {
    const width = Math.max(0, ...run.map((f) => f.level * 2 + f.key.length + 1));
    for (const f of run) {
      const head = `${'  '.repeat(f.level)}${f.key}:`;
      const [first = '', ...rest] = f.value.split('\n');
      out.push(`${head.padEnd(width + 2)}${first}`.trimEnd());
      for (const more of rest) out.push(`${' '.repeat(width + 2)}${more}`.trimEnd());
    }
    run = [];
  };
  for (const f of fields) {
    if (f.key === '') {
      flush();
      out.push(`${'  '.repeat(f.level)}${f.value}`);
    } else if (f.value === '') {
      flush();
      out.push(`${'  '.repeat(f.level)}${f.key}:`);
    } else run.push(f);
  }
  flush();
  return out.join('\n');
}

/** Labels/annotations/selectors as kubectl lists them: `k=v` one per line, sorted by key; `<none>` when empty. */
export function mapLines(m: Record<string, string> | undefined, sep = '='): string {
  const entries = Object.entries(m ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return entries.length ? entries.map(([k, v]) => `${k}${sep}${v}`).join('\n') : '<none>';
}

/** A table indented by `level`: header, kubectl's dashes line when given (Events; not Conditions), rows; columns two spaces apart. */
export function layoutTable(level: number, header: readonly string[], rows: readonly (readonly string[])[], dashes?: readonly string[]): string {
  const all = [header, ...(dashes ? [dashes] : []), ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const pad = '  '.repeat(level);
  return all.map((r) => `${pad}${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ')}`.trimEnd()).join('\n');
}

/** RFC 1123 with a numeric zone, kubectl's time format in describe (in UTC: `Thu, 03 Dec 2026 18:15:30 +0000`). */
export function describeTime(t: string | Date | undefined): string {
  if (t === undefined) return '<unknown>';
  const d = t instanceof Date ? t : new Date(t);
  if (Number.isNaN(d.getTime())) return String(t);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${two(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}
