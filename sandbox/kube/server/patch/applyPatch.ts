// Picks the patch format from the request's Content-Type and applies it, turning failures into Status errors.
import { ApiError, badRequest, unprocessable, unsupportedMediaType } from '../status';
import { applyJsonPatch } from './jsonPatch';
import { applyMergePatch } from './mergePatch';
import { PatchError, isPlainObject, type Json, type JsonObject } from './patchTypes';
import { applyStrategicMergePatch } from './strategicMerge';

export type PatchType = 'json' | 'merge' | 'strategic';

export function patchTypeOf(contentType: string | undefined): PatchType {
  const t = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (t === 'application/json-patch+json') return 'json';
  if (t === 'application/merge-patch+json') return 'merge';
  if (t === 'application/strategic-merge-patch+json') return 'strategic';
  throw unsupportedMediaType(t);
}

export function parsePatchBody(body: string): Json {
  try {
    return JSON.parse(body) as Json;
  } catch (e) {
    throw badRequest(`error decoding patch: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Applies `patch` to a copy of `doc`; the result is always a fresh object the caller may mutate. */
export function applyPatch(type: PatchType, doc: JsonObject, patch: Json): JsonObject {
  try {
    let out: Json;
    if (type === 'json') out = applyJsonPatch(doc, patch);
    else if (type === 'merge') out = applyMergePatch(doc, patch);
    else out = applyStrategicMergePatch(doc, patch);
    if (!isPlainObject(out)) throw new PatchError('the patched object is not a JSON object');
    return structuredClone(out);
  } catch (e) {
    if (e instanceof ApiError) throw e;
    if (e instanceof PatchError) throw e.code === 400 ? badRequest(e.message) : unprocessable(e.message);
    throw e;
  }
}
