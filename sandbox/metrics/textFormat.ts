// Renders metric families in the Prometheus text exposition format 0.0.4 (what /metrics serves).
import type { MetricFamily, Sample } from './metricTypes';

export const TEXT_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const NEEDS_ESCAPE = /[\\"\n]/;

/**
 * Rendered `{k="v",…}` per label object. A scrape of a benchmark-sized cluster is ~100k lines; the
 * traffic model hands out the same label objects on every scrape, so each is validated and escaped once.
 */
const labelTextCache = new WeakMap<Readonly<Record<string, string>>, string>();

class InvalidLabel extends Error {}

/**
 * Families with the same name (e.g. one per collector) are merged, since the format requires all
 * samples of a family to follow its one HELP/TYPE header. An invalid family is left out and named in
 * a comment instead of breaking the whole scrape.
 */
export function renderTextFormat(families: readonly MetricFamily[], errors: readonly string[] = []): string {
  const blocks = new Map<string, { type: string; help: string; lines: string[] }>();
  const problems = [...errors];
  for (const f of families) {
    const lines = renderSampleLines(f);
    if (typeof lines === 'string') {
      problems.push(lines);
      continue;
    }
    if (f.rendered) lines.push(f.rendered);
    const block = blocks.get(f.name);
    if (!block) blocks.set(f.name, { type: f.type, help: f.help, lines });
    else if (block.type !== f.type) problems.push(`family ${f.name} declared as both ${block.type} and ${f.type}; the second was dropped`);
    else for (const l of lines) block.lines.push(l); // not push(...lines): too many arguments for large families
  }
  const out: string[] = [];
  for (const p of problems) out.push(`# ERROR ${p.replace(/\n/g, ' ')}`);
  for (const [name, b] of blocks) {
    out.push(`# HELP ${name} ${escapeHelp(b.help)}`);
    out.push(`# TYPE ${name} ${b.type}`);
    for (const l of b.lines) out.push(l);
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

/** The sample lines of a family (of its `samples`; `rendered` is not looked at), or why it is invalid. */
export function renderSampleLines(f: MetricFamily): string[] | string {
  if (!METRIC_NAME.test(f.name)) return `invalid metric name ${JSON.stringify(f.name)}`;
  const names = new Map<string, string>([['', f.name]]);
  const lines: string[] = new Array<string>(f.samples.length);
  try {
    f.samples.forEach((s: Sample, i) => {
      const suffix = s.suffix ?? '';
      let name = names.get(suffix);
      if (name === undefined) {
        name = f.name + suffix;
        if (!METRIC_NAME.test(name)) throw new InvalidLabel(`invalid sample name ${JSON.stringify(name)}`);
        names.set(suffix, name);
      }
      lines[i] = `${name}${labelText(s.labels, f.name)} ${formatValue(s.value)}`;
    });
  } catch (e) {
    if (e instanceof InvalidLabel) return e.message;
    throw e;
  }
  return lines;
}

function labelText(labels: Readonly<Record<string, string>>, family: string): string {
  const cached = labelTextCache.get(labels);
  if (cached !== undefined) return cached;
  let text = '';
  for (const k in labels) {
    if (!LABEL_NAME.test(k) || k.startsWith('__')) throw new InvalidLabel(`invalid label name ${JSON.stringify(k)} in ${family}`);
    const v = labels[k] ?? '';
    text += `${text ? ',' : '{'}${k}="${NEEDS_ESCAPE.test(v) ? escapeLabelValue(v) : v}"`;
  }
  if (text) text += '}';
  labelTextCache.set(labels, text);
  return text;
}

export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

export function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}
