// JSON Merge Patch (RFC 7386): objects merge recursively, null deletes, anything else replaces.
import { isPlainObject, type Json, type JsonObject } from './patchTypes';

export function applyMergePatch(target: Json | undefined, patch: Json): Json {
  if (!isPlainObject(patch)) return structuredClone(patch);
  const out: JsonObject = isPlainObject(target ?? null) ? { ...(target as JsonObject) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}
