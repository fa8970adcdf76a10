// A strict reader of the Prometheus text format for tests: parses samples and throws on anything a scraper would reject.

export interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface ParsedMetrics {
  samples: ParsedSample[];
  types: Map<string, string>;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)( -?\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/y;

export function parseMetrics(text: string): ParsedMetrics {
  if (text.length && !text.endsWith('\n')) throw new Error('exposition must end with a newline');
  const samples: ParsedSample[] = [];
  const types = new Map<string, string>();
  const helps = new Set<string>();
  const finished = new Set<string>(); // families whose block has ended (samples must be contiguous)
  let current = '';
  for (const line of text.split('\n').slice(0, -1)) {
    if (line.startsWith('#')) {
      const m = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
      if (!m) continue; // a plain comment
      const [, kind, name = '', rest = ''] = m;
      if (kind === 'TYPE') {
        if (types.has(name)) throw new Error(`second TYPE line for ${name}`);
        if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(rest)) throw new Error(`bad type ${rest}`);
        types.set(name, rest);
      } else {
        if (helps.has(name)) throw new Error(`second HELP line for ${name}`);
        helps.add(name);
      }
      if (current && current !== name) finished.add(current);
      current = name;
      continue;
    }
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`malformed sample line: ${line}`);
    const [, name = '', , labelText = '', valueText = ''] = m;
    const family = familyOf(name, types);
    if (finished.has(family)) throw new Error(`samples of ${family} are not contiguous`);
    if (family !== current) {
      if (current) finished.add(current);
      current = family;
    }
    samples.push({ name, labels: parseLabels(labelText, line), value: parseValue(valueText, line) });
  }
  checkHistograms(samples, types);
  return { samples, types };
}

function familyOf(name: string, types: Map<string, string>): string {
  for (const suffix of ['_bucket', '_sum', '_count']) {
    const base = name.slice(0, -suffix.length);
    if (name.endsWith(suffix) && types.get(base) === 'histogram') return base;
  }
  return name;
}

function parseLabels(text: string, line: string): Record<string, string> {
  const out: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const m = LABEL.exec(text);
    if (!m) throw new Error(`malformed labels in: ${line}`);
    const [, k = '', v = ''] = m;
    if (k in out) throw new Error(`duplicate label ${k} in: ${line}`);
    out[k] = v.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return out;
}

function parseValue(text: string, line: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  const v = Number(text);
  if (!/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) || Number.isNaN(v)) throw new Error(`bad value in: ${line}`);
  return v;
}

/** Buckets ascend by le, end with +Inf, and +Inf equals _count — what Prometheus' histogram functions assume. */
function checkHistograms(samples: ParsedSample[], types: Map<string, string>): void {
  const series = new Map<string, ParsedSample[]>();
  for (const s of samples) {
    if (!s.name.endsWith('_bucket') || types.get(s.name.slice(0, -7)) !== 'histogram') continue;
    const { le: _le, ...rest } = s.labels;
    const key = `${s.name}${JSON.stringify(rest)}`;
    series.set(key, [...(series.get(key) ?? []), s]);
  }
  for (const [key, buckets] of series) {
    let prevLe = -Infinity;
    let prevCount = 0;
    for (const b of buckets) {
      const le = b.labels.le === '+Inf' ? Infinity : Number(b.labels.le);
      if (!(le > prevLe)) throw new Error(`${key}: le not ascending`);
      if (b.value < prevCount) throw new Error(`${key}: bucket counts not cumulative`);
      prevLe = le;
      prevCount = b.value;
    }
    if (prevLe !== Infinity) throw new Error(`${key}: no +Inf bucket`);
    const base = buckets[0].name.slice(0, -7);
    const { le: _le, ...labels } = buckets[0].labels;
    const count = samples.find((s) => s.name === `${base}_count` && sameLabels(s.labels, labels));
    if (count?.value !== prevCount) throw new Error(`${key}: +Inf bucket ${prevCount} differs from _count ${String(count?.value)}`);
  }
}

export function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** Sum of the samples named `name` whose labels include `match`. */
export function sumOf(samples: readonly ParsedSample[], name: string, match: Record<string, string | RegExp> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(match).every(([k, v]) => (typeof v === 'string' ? s.labels[k] === v : v.test(s.labels[k] ?? ''))))
    .reduce((a, s) => a + s.value, 0);
}
