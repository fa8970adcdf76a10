// What a change does to an object, field by field: the diff's one-line summary for the confirmation and the audit
// log, and whether an apply changes anything at all (kubectl's "unchanged"). Pure.
import { editableObject, type KubeJson, metadataOf } from './editableObject';

export interface FieldChange {
  /** spec.template.spec.containers[0].image, metadata.labels["app.kubernetes.io/name"] */
  path: string;
  before?: unknown;
  after?: unknown;
}

/** The object as both sides of a diff show it: no managedFields or status, no server counters. */
export function comparableObject(o: KubeJson): KubeJson {
  const copy = editableObject(o);
  const m = metadataOf(copy);
  delete m.resourceVersion;
  delete m.generation;
  return copy;
}

/** Every leaf that differs, in document order of `before` then the additions of `after`. */
export function fieldChanges(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...Object.keys(before), ...Object.keys(after).filter((k) => !(k in before))];
    return keys.flatMap((k) => fieldChanges(before[k], after[k], join(path, k)));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((b, i) => fieldChanges(b, after[i], `${path}[${i}]`));
  }
  if (same(before, after)) return [];
  return [{ path: path || '(the whole object)', ...(before === undefined ? {} : { before }), ...(after === undefined ? {} : { after }) }];
}

/** "spec.replicas: 2 → 3; metadata.labels.tier: added" — at most `max` fields named, then "and N more". */
export function changeSummary(changes: readonly FieldChange[], max = 4): string {
  if (changes.length === 0) return 'no changes';
  const shown = changes.slice(0, max).map(describe);
  const more = changes.length - shown.length;
  return `${changes.length} field${changes.length === 1 ? '' : 's'} changed: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

function describe(c: FieldChange): string {
  if (c.before === undefined) return `${c.path} added`;
  if (c.after === undefined) return `${c.path} removed`;
  if (isScalar(c.before) && isScalar(c.after)) return `${c.path}: ${short(c.before)} → ${short(c.after)}`;
  return `${c.path} changed`;
}

function isScalar(v: unknown): v is string | number | boolean | null {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

function short(v: string | number | boolean | null): string {
  const s = JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}

function join(path: string, key: string): string {
  const k = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
  if (!path) return k.startsWith('"') ? `[${k}]` : k;
  return k.startsWith('"') ? `${path}[${k}]` : `${path}.${k}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && same(a[k], b[k]));
  }
  return false;
}
