// The fence info string, Runme-compatible: a language, then attributes as JSON ({"name":"x"}) or key=value ({ name=x timeout=30s }).
import { timeoutProblem } from '../../core/timers';

export interface FenceInfo {
  /** The first word of the info string ("sh", "sql", "" when none). */
  language: string;
  /** Every attribute, unknown ones included, as strings (JSON true → "true"). */
  attributes: Record<string, string>;
  /** Why the attribute block could not be read, if it could not. */
  error?: string;
}

export function parseFenceInfo(info: string): FenceInfo {
  const trimmed = info.trim();
  const m = /^([^\s{]*)\s*([\s\S]*)$/.exec(trimmed);
  const language = m?.[1] ?? '';
  const rest = (m?.[2] ?? '').trim();
  if (!rest) return { language, attributes: {} };
  if (!rest.startsWith('{') || !rest.endsWith('}')) return { language, attributes: {}, error: `"${rest}" after the language is not an attribute block like { name=step-1 }` };
  return { language, ...parseAttributeBlock(rest) };
}

function parseAttributeBlock(block: string): { attributes: Record<string, string>; error?: string } {
  if (/^\{\s*"/.test(block) || /^\{\s*\}$/.test(block)) {
    try {
      const parsed: unknown = JSON.parse(block);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        const attributes: Record<string, string> = {};
        for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) attributes[k] = typeof v === 'string' ? v : JSON.stringify(v);
        return { attributes };
      }
    } catch (e) {
      return { attributes: {}, error: `the attribute block is not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  return parseKeyValues(block.slice(1, -1));
}

// Pairs may be separated by commas too ({ name=a, timeout=30s }): an unquoted value stops at one.
const KEY_VALUE = /\s*([A-Za-z_][\w.-]*)(?:\s*=\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^\s},]+))?\s*,?/y;

function parseKeyValues(body: string): { attributes: Record<string, string>; error?: string } {
  const attributes: Record<string, string> = {};
  KEY_VALUE.lastIndex = 0;
  let pos = 0;
  while (pos < body.length) {
    if (/^\s*$/.test(body.slice(pos))) break;
    KEY_VALUE.lastIndex = pos;
    const m = KEY_VALUE.exec(body);
    if (!m || m[0].length === 0) return { attributes, error: `cannot read the attributes at "${body.slice(pos).trim()}": write key=value pairs separated by spaces` };
    attributes[m[1]] = unquote(m[2]);
    pos = KEY_VALUE.lastIndex;
  }
  return { attributes };
}

function unquote(v: string | undefined): string {
  if (v === undefined) return 'true';
  if (v.startsWith('"')) {
    try {
      return JSON.parse(v) as string;
    } catch {
      return v.slice(1, -1);
    }
  }
  if (v.startsWith("'")) return v.slice(1, -1);
  return v;
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
  const flag = (key: string) => /^(true|yes|1)$/i.test(attributes[key] ?? '');
  const options: CellOptions = {
    excludeFromRunAll: flag('excludeFromRunAll'),
    confirm: flag('confirm'),
    allowFailure: flag('allowFailure'),
  };
  const text = (key: 'name' | 'context' | 'cwd' | 'database' | 'prometheus') => {
    const v = attributes[key];
    if (v !== undefined && v !== '') options[key] = v;
  };
  text('name');
  text('context');
  text('cwd');
  text('database');
  text('prometheus');
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
