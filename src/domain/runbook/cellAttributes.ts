// The fence info string as Runme reads it (pkg/document/attributes.go, block.go): the attribute block is the text from
// the first "{" (not "{}") to the first "}"; it is read as JSON when it is a JSON object, else as Runme's "HTML"
// attributes: split at single spaces, each item split at its first "=". Runme never rejects a block, so neither do we.
import { timeoutProblem } from '../../core/timers';

export interface FenceInfo {
  /** The first word of the info string ("sh", "sql", "" when none). */
  language: string;
  /** Every attribute, unknown ones included, as strings (JSON true → "true", a key without "=" → ""). */
  attributes: Record<string, string>;
}

export function parseFenceInfo(info: string): FenceInfo {
  const trimmed = info.trim();
  // Lenient where Runme is not: "sh{name=x}" is an sh cell here (Runme takes "sh{name=x}" as the language).
  const language = /^[^\s{]*/.exec(trimmed)?.[0] ?? '';
  // Runme cuts the block at the first "}", which breaks a JSON block holding a "}" (nested objects, a context such as
  // "cluster/{x}") into nonsense; a block that is one whole JSON object is read as that object (Runme's JSON parser
  // reads it so in its own tests), anything else exactly as Runme does.
  const whole = /\{[\s\S]*\}/.exec(trimmed)?.[0];
  const json = whole ? parseJsonAttributes(whole) : undefined;
  if (json) return { language, attributes: json };
  const raw = extractAttributes(trimmed);
  return { language, attributes: raw ? parseAttributes(raw) : {} };
}

/**
 * Fails safe where Runme's lenient reading could silently drop a restriction: an info string that mentions the
 * cockpit's context attribute but from which no context was read is refused, never run unrestricted.
 */
export function attributeProblems(info: string, attributes: Record<string, string>): string[] {
  const after = info.trim().replace(/^[^\s{]*/, '');
  return /context/.test(after) && attributes.context === undefined
    ? [`the attributes mention context but no context=<name> could be read from "${after.trim()}": write it as context=<name> (or as JSON {"context":"<name>"})`]
    : [];
}

/** Runme's extractAttributes: from the first "{" not followed by "}" to the first "}", trimmed; "" when none. */
export function extractAttributes(source: string): string {
  let start = -1;
  let stop = -1;
  for (let i = 0; i < source.length; i++) {
    if (start === -1 && source[i] === '{' && i + 1 < source.length && source[i + 1] !== '}') start = i + 1;
    if (source[i] === '}') {
      stop = i;
      break;
    }
  }
  return start >= 0 && stop >= 0 ? source.slice(start - 1, stop + 1).trim() : '';
}

/** Runme's parseAttributes: JSON when the block is a JSON object, else the HTML-style reading (which never fails). */
export function parseAttributes(raw: string): Record<string, string> {
  return parseJsonAttributes(raw) ?? parseHtmlAttributes(raw);
}

/** A JSON object's members as strings (non-strings as JSON text, as Go's json.Marshal writes them); undefined if not an object. */
export function parseJsonAttributes(raw: string): Record<string, string> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) attributes[k] = typeof v === 'string' ? v : goJson(v);
  return attributes;
}

/** JSON text as Go's encoding/json writes a decoded value: object keys sorted, no spaces. */
function goJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${goJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Runme's HTML-style attributes: braces trimmed, items split at single spaces (tabs are not separators), key=value. */
export function parseHtmlAttributes(raw: string): Record<string, string> {
  const body = extractAttributes(raw).replace(/^[{}]+|[{}]+$/g, '');
  const attributes: Record<string, string> = {};
  for (const item of body.split(' ')) {
    const eq = item.indexOf('=');
    const key = eq === -1 ? item : item.slice(0, eq);
    if (key === '') continue;
    attributes[key] = eq === -1 ? '' : item.slice(eq + 1);
  }
  return attributes;
}

/** Runme's CodeBlock.Ignored: transform=false or ignore=true, and mermaid blocks unless those say otherwise. Shown, never run. */
export function ignoredCell(language: string, attributes: Record<string, string>): boolean {
  const transform = runmeBool(attributes.transform);
  if (transform !== undefined) return !transform;
  const ignore = runmeBool(attributes.ignore);
  if (ignore !== undefined) return ignore;
  return language === 'mermaid';
}

/** Go's strconv.ParseBool, which Runme uses for every flag: true/false, undefined when it is neither. */
export function runmeBool(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

/** The attributes the cockpit acts on, read and checked. */
export interface CellOptions {
  name?: string;
  excludeFromRunAll: boolean;
  timeoutMs?: number;
  /** Refuse to run unless this is the cockpit's selected Kubernetes context. */
  context?: string;
  /** Always ask before running. */
  confirm: boolean;
  /**
   * The step is expected to fail sometimes: a shell step runs without errexit/pipefail (each command runs, the last
   * one's status is the step's), and Run All goes on past it when it fails.
   */
  allowFailure: boolean;
  cwd?: string;
  /** Runme's background=true: the cell starts and returns at once; its output keeps streaming until it ends or is stopped. */
  background: boolean;
  /**
   * Runme's interactive=true: the step runs in a terminal the user can type into (its output copied to the cell).
   * Off unless it reads as true (Runme's VS Code extension defaults it to on; see the README's Runme table).
   */
  interactive?: true;
  /** Runme's interpreter=: the program (with arguments) that runs the cell instead of the language's default. */
  interpreter?: string;
  /** SQL: the database name to use instead of the configured one. */
  database?: string;
  /** PromQL: a Prometheus base URL instead of the configured one. */
  prometheus?: string;
  /** PromQL: a range query over this long (ms), with this step (ms). */
  rangeMs?: number;
  stepMs?: number;
}

export function cellOptions(attributes: Record<string, string>): { options: CellOptions; errors: string[] } {
  const errors: string[] = [];
  const duration = (key: string): number | undefined => {
    const raw = attributes[key];
    if (raw === undefined) return undefined;
    const ms = parseDuration(raw);
    if (ms === undefined) errors.push(`${key}=${raw} is not a duration: write it like 30s, 5m, 1h or 1m30s`);
    return ms;
  };
  // Runme's flags: on only for what Go's ParseBool reads as true ("yes", "" and typos are off).
  const flag = (key: string) => runmeBool(attributes[key]) === true;
  const options: CellOptions = {
    excludeFromRunAll: flag('excludeFromRunAll'),
    // The cockpit's own safety flag fails safe: written at all, it asks, unless it is plainly false.
    confirm: attributes.confirm !== undefined && runmeBool(attributes.confirm) !== false,
    allowFailure: flag('allowFailure'),
    background: flag('background'),
    ...(flag('interactive') ? { interactive: true as const } : {}),
  };
  // A context restriction that reads as empty ("context = prod" is context="" in Runme) must not lift the restriction.
  if (attributes.context === '') errors.push('context has no value: write it as context=<name>, with no spaces around "="');
  const text = (key: 'name' | 'context' | 'cwd' | 'database' | 'prometheus' | 'interpreter') => {
    const v = attributes[key];
    if (v !== undefined && v !== '') options[key] = v;
  };
  text('name');
  text('context');
  text('cwd');
  text('database');
  text('prometheus');
  text('interpreter');
  const timeout = duration('timeout');
  const problem = timeout === undefined ? undefined : timeoutProblem(timeout);
  if (problem) errors.push(`timeout=${attributes.timeout} ${problem}: write it like 30s, 5m or 1h`);
  else if (timeout !== undefined) options.timeoutMs = timeout;
  const range = duration('range');
  if (range !== undefined) options.rangeMs = range;
  const step = duration('step');
  if (step !== undefined) options.stepMs = step;
  return { options, errors };
}

/** "30s", "5m", "1h30m", "250ms", "2d" or a bare number of seconds, in ms. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/y;
  let total = 0;
  let pos = 0;
  while (pos < t.length) {
    re.lastIndex = pos;
    const m = re.exec(t);
    if (!m) return undefined;
    total += Number(m[1]) * unit[m[2]];
    pos = re.lastIndex;
  }
  return t.length ? Math.round(total) : undefined;
}
