// Strategic merge patch as the API server applies it for built-in kinds: lists merge by their
// patch merge key (containers/env/volumes by name, ports by containerPort, volumeMounts by
// mountPath, ...), other lists replace, and the directives kubectl emits are honoured:
// $patch (replace|delete|merge), $setElementOrder/<list>, $retainKeys, $deleteFromPrimitiveList/<list>.
import { PatchError, isPlainObject, type Json, type JsonObject } from './patchTypes';

type ListStrategy = { type: 'merge'; key: string } | { type: 'primitive' } | { type: 'replace' };

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** Merge keys by field name, from the Go types' `patchMergeKey` tags. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  conditions: 'type',
  ownerReferences: 'uid',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
  schedulingGates: 'name',
};

/** `path` is the field names from the object root to the list (array indices left out). */
export function listStrategy(path: readonly string[]): ListStrategy {
  const field = path[path.length - 1] ?? '';
  if (field === 'ports') {
    const parent = path[path.length - 2] ?? '';
    if (CONTAINER_LISTS.has(parent)) return { type: 'merge', key: 'containerPort' };
    if (path.length === 2 && path[0] === 'spec') return { type: 'merge', key: 'port' }; // Service spec.ports
    return { type: 'replace' };
  }
  if (field === 'finalizers' && path.length === 2 && path[0] === 'metadata') return { type: 'primitive' };
  const key = MERGE_KEYS[field];
  return key ? { type: 'merge', key } : { type: 'replace' };
}

const DELETE = Symbol('delete');

const SET_ORDER = '$setElementOrder/';
const DELETE_FROM = '$deleteFromPrimitiveList/';

/** Applies a strategic merge patch to `original` (not modified) and returns the result. */
export function applyStrategicMergePatch(original: JsonObject, patch: Json): JsonObject {
  if (!isPlainObject(patch)) throw new PatchError('strategic merge patch must be a JSON object', 400);
  const out = mergeMap(original, patch, []);
  if (out === DELETE) return {};
  return out;
}

function mergeMap(original: JsonObject, patch: JsonObject, path: string[]): JsonObject | typeof DELETE {
  const directive = patch['$patch'];
  if (directive === 'delete') return DELETE;
  if (directive === 'replace') return stripDirectives(patch) as JsonObject;
  if (directive !== undefined && directive !== 'merge') throw new PatchError(`Unknown patch type: ${JSON.stringify(directive)} in map: ${JSON.stringify(patch)}`, 400);

  const out: JsonObject = { ...original };
  const orders: [string, Json[]][] = [];
  const deletions: [string, Json[]][] = [];
  for (const [key, pv] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys') continue;
    if (key.startsWith(SET_ORDER)) {
      if (!Array.isArray(pv)) throw new PatchError(`invalid type for ${key}: must be a list`, 400);
      orders.push([key.slice(SET_ORDER.length), pv]);
      continue;
    }
    if (key.startsWith(DELETE_FROM)) {
      if (!Array.isArray(pv)) throw new PatchError(`invalid type for ${key}: must be a list`, 400);
      deletions.push([key.slice(DELETE_FROM.length), pv]);
      continue;
    }
    if (pv === null) {
      delete out[key];
      continue;
    }
    const ov = out[key];
    const childPath = [...path, key];
    if (isPlainObject(pv)) {
      const merged = mergeMap(isPlainObject(ov ?? null) ? (ov as JsonObject) : {}, pv, childPath);
      if (merged === DELETE) delete out[key];
      else out[key] = merged;
    } else if (Array.isArray(pv)) {
      out[key] = mergeList(Array.isArray(ov) ? ov : [], pv, childPath);
    } else {
      out[key] = pv;
    }
  }
  for (const [field, values] of deletions) {
    const cur = out[field];
    if (Array.isArray(cur)) out[field] = cur.filter((v) => !values.some((d) => d === v));
  }
  for (const [field, order] of orders) {
    const cur = out[field];
    if (Array.isArray(cur)) out[field] = applyElementOrder(cur, order, original[field], listStrategy([...path, field]));
  }
  const retain = patch['$retainKeys'];
  if (retain !== undefined) {
    if (!Array.isArray(retain)) throw new PatchError('$retainKeys must be a list of strings', 400);
    for (const k of Object.keys(out)) if (!retain.includes(k)) delete out[k];
  }
  return out;
}

function mergeList(original: Json[], patch: Json[], path: string[]): Json[] {
  const strategy = listStrategy(path);
  if (strategy.type === 'replace') return patch.map(stripDirectives);
  if (strategy.type === 'primitive') {
    if (patch.some((v) => isPlainObject(v) && v['$patch'] === 'replace')) return patch.filter((v) => !isPlainObject(v));
    const out = [...original];
    for (const v of patch) if (!out.some((o) => o === v)) out.push(v);
    return out;
  }
  const key = strategy.key;
  // A {$patch: replace} element replaces the whole list with the other elements.
  if (patch.some((v) => isPlainObject(v) && v['$patch'] === 'replace')) {
    return patch.filter((v) => !(isPlainObject(v) && v['$patch'] === 'replace')).map(stripDirectives);
  }
  const out = [...original];
  for (const item of patch) {
    if (!isPlainObject(item)) throw new PatchError(`mergeKey "${key}" of list ${path.join('.')}: elements must be maps`, 400);
    if (!(key in item)) throw new PatchError(`map: ${JSON.stringify(item)} does not contain declared merge key: ${key}`, 400);
    const idx = out.findIndex((o) => isPlainObject(o) && o[key] === item[key]);
    if (item['$patch'] === 'delete') {
      if (idx >= 0) {
        for (let i = out.length - 1; i >= 0; i--) {
          const o = out[i];
          if (isPlainObject(o) && o[key] === item[key]) out.splice(i, 1);
        }
      }
      continue;
    }
    const merged = mergeMap(idx >= 0 ? (out[idx] as JsonObject) : {}, item, path);
    if (merged === DELETE) {
      if (idx >= 0) out.splice(idx, 1);
    } else if (idx >= 0) {
      out[idx] = merged;
    } else {
      out.push(merged);
    }
  }
  return out;
}

/**
 * $setElementOrder: items named in the order list come in that order; items the patch did not
 * mention (server-only) keep their relative order and are interleaved by their position in the
 * live list, as apimachinery's normalizeElementOrder + mergeSortedSlice do.
 */
function applyElementOrder(merged: Json[], order: Json[], live: Json | undefined, strategy: ListStrategy): Json[] {
  const id = (v: Json): Json => (strategy.type === 'merge' && isPlainObject(v) ? (v[strategy.key] ?? null) : v);
  const orderIds = order.map(id);
  const liveIds = Array.isArray(live) ? live.map(id) : [];
  const inOrder = (v: Json) => orderIds.some((o) => o === id(v));
  const patched = merged.filter(inOrder).sort((a, b) => orderIds.indexOf(id(a)) - orderIds.indexOf(id(b)));
  const serverOnly = merged.filter((v) => !inOrder(v));
  const liveIndex = (v: Json) => liveIds.indexOf(id(v));
  const out = [...patched];
  let pos = 0;
  for (const s of serverOnly) {
    const si = liveIndex(s);
    let at = out.length;
    for (let i = pos; i < out.length; i++) {
      const li = liveIndex(out[i]);
      if (li >= 0 && si >= 0 && li > si) {
        at = i;
        break;
      }
    }
    out.splice(at, 0, s);
    pos = at + 1;
  }
  return out;
}

/** Removes directive keys from a value that is placed as-is (replace semantics). */
function stripDirectives(v: Json): Json {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isPlainObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === '$patch' || k === '$retainKeys' || k.startsWith(SET_ORDER) || k.startsWith(DELETE_FROM)) continue;
    out[k] = stripDirectives(x);
  }
  return out;
}
