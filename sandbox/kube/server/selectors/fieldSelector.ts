// Field selectors (=, ==, !=; backslash escapes) and the field values of an object they compare.
import type { KubeObject } from '../../store/types';
import { SelectorError } from './labelSelector';

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

/** Splits on unescaped commas, then on the first unescaped operator; values keep their unescaped text. */
export function parseFieldSelector(input: string): FieldRequirement[] {
  const out: FieldRequirement[] = [];
  if (input.trim() === '') return out;
  for (const term of splitUnescaped(input, ',')) {
    const t = term.trim();
    if (!t) continue;
    const m = findOperator(t);
    if (!m) throw new SelectorError(`invalid selector: '${input}'; can't understand '${t}'`);
    const field = t.slice(0, m.at).trim();
    const value = unescape(t.slice(m.at + m.op.length));
    if (!field) throw new SelectorError(`invalid selector: '${input}'; can't understand '${t}'`);
    out.push({ field, op: m.op === '!=' ? '!=' : '=', value });
  }
  return out;
}

function splitUnescaped(s: string, sep: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      cur += c + s[i + 1];
      i++;
    } else if (c === sep) {
      parts.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  parts.push(cur);
  return parts;
}

function findOperator(t: string): { at: number; op: string } | undefined {
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '\\') {
      i++;
    } else if (c === '!' && t[i + 1] === '=') {
      return { at: i, op: '!=' };
    } else if (c === '=') {
      return { at: i, op: t[i + 1] === '=' ? '==' : '=' };
    }
  }
  return undefined;
}

function unescape(v: string): string {
  let out = '';
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (c === '\\' && i + 1 < v.length) {
      out += v[i + 1];
      i++;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * The value a field selector compares: a dotted path into the object, stringified like the
 * server's field sets ("" for a missing field, so `spec.nodeName=` finds unscheduled pods).
 * Events' `source` is the reporting component, as in the real field set.
 */
export function fieldValue(obj: KubeObject, field: string): string {
  if (field === 'source' && obj.kind === 'Event') {
    const src = (obj as { source?: { component?: string } }).source;
    return src?.component ?? String((obj as { reportingComponent?: string }).reportingComponent ?? '');
  }
  let cur: unknown = obj;
  for (const part of field.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[part];
  }
  if (cur === undefined || cur === null) return '';
  if (typeof cur === 'string') return cur;
  if (typeof cur === 'number' || typeof cur === 'boolean') return String(cur);
  return '';
}

export function matchesFields(reqs: readonly FieldRequirement[], obj: KubeObject): boolean {
  for (const r of reqs) {
    const v = fieldValue(obj, r.field);
    if (r.op === '=' ? v !== r.value : v === r.value) return false;
  }
  return true;
}

/** Rejects field labels the resource does not index, with the real server's message. */
export function checkFieldLabels(reqs: readonly FieldRequirement[], allowed: readonly string[]): void {
  for (const r of reqs) {
    if (r.field === 'metadata.name' || r.field === 'metadata.namespace') continue;
    if (!allowed.includes(r.field)) throw new SelectorError(`field label not supported: ${r.field}`);
  }
}
