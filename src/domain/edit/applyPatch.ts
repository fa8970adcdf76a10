// The patch Apply File… sends for an object that exists, as `kubectl apply` (client-side) builds it: the manifest as a
// strategic merge patch, recording itself in the last-applied-configuration annotation, and deleting the map keys the
// previous apply set that the manifest no longer has (so a removed label goes away). Pure.
import type { KubeJson } from './editableObject';
import { metadataOf } from './editableObject';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The manifest with its last-applied annotation set to itself, as kubectl writes it (sorted-key JSON, then a newline). */
export function withLastApplied(manifest: KubeJson): KubeJson {
  const bare = structuredClone(manifest);
  // kubectl adds the annotations map before it removes its own key from the copy it records: an object applied without
  // annotations records "annotations":{} (matched byte for byte, so kubectl and the cockpit see each other's applies).
  const meta = metadataOf(bare);
  bare.metadata = meta;
  const annotations = { ...((meta.annotations as Record<string, unknown> | undefined) ?? {}) };
  delete annotations[LAST_APPLIED];
  meta.annotations = annotations;
  const out = structuredClone(bare);
  const outMeta = metadataOf(out);
  outMeta.annotations = { ...((outMeta.annotations as Record<string, unknown> | undefined) ?? {}), [LAST_APPLIED]: `${sortedJson(bare)}\n` };
  return out;
}

/** The strategic merge patch that takes `live` to what `manifest` says. */
export function applyPatchFor(manifest: KubeJson, live: KubeJson): KubeJson {
  const patch = withLastApplied(manifest);
  const previous = lastAppliedOf(live);
  if (previous) addDeletions(previous, patch);
  return patch;
}

/** The configuration the last `kubectl apply` (or Apply File…) recorded on the object, if any and readable. */
export function lastAppliedOf(live: KubeJson): KubeJson | undefined {
  const text = (metadataOf(live).annotations as Record<string, unknown> | undefined)?.[LAST_APPLIED];
  if (typeof text !== 'string') return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

// Maps only: a list in the manifest replaces or merges by key on the server, and its removed items are not
// deleted here (kubectl sends $setElementOrder/$patch directives for that; see the README's Apply File… notes).
function addDeletions(previous: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [k, was] of Object.entries(previous)) {
    if (!(k in patch)) patch[k] = null;
    else if (isObject(was) && isObject(patch[k])) addDeletions(was, patch[k]);
  }
}

function sortedJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (isObject(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]])) : x));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
