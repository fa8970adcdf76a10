// JSON Patch (RFC 6902): add, remove, replace, move, copy, test over plain JSON, with JSON Pointer (RFC 6901).
import { PatchError, isPlainObject, jsonEqual, type Json, type JsonObject } from './patchTypes';

export interface JsonPatchOp {
  op: string;
  path: string;
  from?: string;
  value?: Json;
}

function parsePointer(p: string): string[] {
  if (p === '') return [];
  if (!p.startsWith('/')) throw new PatchError(`invalid JSON pointer: "${p}"`, 400);
  return p
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function arrayIndex(arr: Json[], token: string, path: string, forInsert: boolean): number {
  if (forInsert && token === '-') return arr.length;
  if (!/^(0|[1-9]\d*)$/.test(token)) throw new PatchError(`unable to parse index "${token}" in path ${path}`);
  const i = Number(token);
  if (i > arr.length || (!forInsert && i === arr.length)) throw new PatchError(`index ${i} out of bounds for path ${path}`);
  return i;
}

/** The container holding the pointer's last token, and that token. */
function resolveParent(doc: Json, tokens: string[], path: string, op: string): { parent: JsonObject | Json[]; key: string } {
  let cur: Json = doc;
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i];
    if (Array.isArray(cur)) cur = cur[arrayIndex(cur, t, path, false)]!;
    else if (isPlainObject(cur) && t in cur) cur = cur[t]!;
    else throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  }
  if (!Array.isArray(cur) && !isPlainObject(cur)) throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  return { parent: cur, key: tokens[tokens.length - 1] };
}

function getAt(doc: Json, path: string, op: string): Json {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return doc;
  const { parent, key } = resolveParent(doc, tokens, path, op);
  if (Array.isArray(parent)) return parent[arrayIndex(parent, key, path, false)]!;
  if (!(key in parent)) throw new PatchError(`${op} operation does not apply: doc is missing key: ${path}: missing value`);
  return parent[key]!;
}

function addAt(doc: Json, path: string, value: Json, op: string): Json {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return value;
  const { parent, key } = resolveParent(doc, tokens, path, op);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, path, true), 0, value);
  else parent[key] = value;
  return doc;
}

function removeAt(doc: Json, path: string, op: string): Json {
  const tokens = parsePointer(path);
  if (tokens.length === 0) throw new PatchError(`${op} operation does not apply: cannot remove the whole document`);
  const { parent, key } = resolveParent(doc, tokens, path, op);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, path, false), 1);
  else if (key in parent) delete parent[key];
  else throw new PatchError(`${op} operation does not apply: doc is missing key: ${path}: missing value`);
  return doc;
}

function replaceAt(doc: Json, path: string, value: Json): Json {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return value;
  const { parent, key } = resolveParent(doc, tokens, path, 'replace');
  if (Array.isArray(parent)) parent[arrayIndex(parent, key, path, false)] = value;
  else if (key in parent) parent[key] = value;
  else throw new PatchError(`replace operation does not apply: doc is missing key: ${path}: missing value`);
  return doc;
}

/** Applies the operations in order to a copy of `doc`. Throws PatchError (422, or 400 for a malformed patch). */
export function applyJsonPatch(doc: Json, patch: unknown): Json {
  if (!Array.isArray(patch)) throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch', 400);
  let out: Json = structuredClone(doc);
  for (const raw of patch as unknown[]) {
    if (!isPlainObject(raw as Json)) throw new PatchError('json: cannot unmarshal into jsonpatch.Operation', 400);
    const op = raw as JsonPatchOp;
    if (typeof op.path !== 'string') throw new PatchError(`${String(op.op)} operation does not apply: missing path`, 400);
    const hasValue = Object.prototype.hasOwnProperty.call(op, 'value');
    switch (op.op) {
      case 'add':
        if (!hasValue) throw new PatchError('add operation does not apply: missing value', 400);
        out = addAt(out, op.path, structuredClone(op.value!), 'add');
        break;
      case 'remove':
        out = removeAt(out, op.path, 'remove');
        break;
      case 'replace':
        if (!hasValue) throw new PatchError('replace operation does not apply: missing value', 400);
        out = replaceAt(out, op.path, structuredClone(op.value!));
        break;
      case 'move': {
        if (typeof op.from !== 'string') throw new PatchError('move operation does not apply: missing from', 400);
        const v = getAt(out, op.from, 'move');
        out = removeAt(out, op.from, 'move');
        out = addAt(out, op.path, v, 'move');
        break;
      }
      case 'copy': {
        if (typeof op.from !== 'string') throw new PatchError('copy operation does not apply: missing from', 400);
        out = addAt(out, op.path, structuredClone(getAt(out, op.from, 'copy')), 'copy');
        break;
      }
      case 'test': {
        let actual: Json | undefined;
        try {
          actual = getAt(out, op.path, 'test');
        } catch {
          actual = undefined;
        }
        if (actual === undefined || !jsonEqual(actual, op.value ?? null)) {
          throw new PatchError(`testing value ${op.path} failed: test failed`);
        }
        break;
      }
      default:
        throw new PatchError(`Unexpected kind: ${String(op.op)}`, 400);
    }
  }
  return out;
}
