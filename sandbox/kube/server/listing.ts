// Lists in etcd key order (namespace/name) with limit/continue paging. Sorted snapshots are cached
// per resource and namespace until that resource changes, so kubectl's limit=500 chunking of a
// 10,000-item list sorts once, not once per page.
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject, ResourceName } from '../store/types';
import type { ResourceInfo } from './resources';
import type { Selection } from './selectors/selection';
import type { ListMeta } from './serialize';
import { badRequest, expired } from './status';

interface Sorted {
  generation: number;
  keys: string[];
  items: KubeObject[];
}

const keyOf = (o: KubeObject) => (o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name);

export class ListCache {
  private readonly generations = new Map<ResourceName, number>();
  private readonly sorted = new Map<string, Sorted>();
  private readonly unsubscribe: () => void;

  constructor(private readonly store: ObjectStore) {
    this.unsubscribe = store.subscribe((e) => {
      this.generations.set(e.resource, (this.generations.get(e.resource) ?? 0) + 1);
    });
  }

  dispose(): void {
    this.unsubscribe();
    this.sorted.clear();
  }

  /** Objects of a resource (one namespace, or all) sorted by key, with their keys. */
  snapshot(resource: ResourceName, namespace: string | undefined): Sorted {
    const generation = this.generations.get(resource) ?? 0;
    const cacheKey = `${resource}|${namespace ?? ''}`;
    const hit = this.sorted.get(cacheKey);
    if (hit && hit.generation === generation) return hit;
    const withKeys = this.store.list(resource, namespace).map((o) => ({ k: keyOf(o), o }));
    withKeys.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
    const s = { generation, keys: withKeys.map((x) => x.k), items: withKeys.map((x) => x.o) };
    this.sorted.set(cacheKey, s);
    return s;
  }
}

interface ContinueToken {
  v: string;
  rv: number;
  start: string;
}

function encodeContinue(rv: number, start: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start })).toString('base64');
}

function decodeContinue(token: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as Partial<ContinueToken>;
    if (t.v !== 'meta.k8s.io/v1' || typeof t.rv !== 'number' || typeof t.start !== 'string') throw new Error('bad token');
    return t as ContinueToken;
  } catch {
    throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}

export interface Page {
  items: KubeObject[];
  meta: ListMeta;
}

/** First index whose key is >= start. */
function lowerBound(keys: string[], start: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * One page of a list. Pages after the first keep the first page's resourceVersion (as the real
 * server's consistent snapshot does); their content is the current state after the token's key.
 * A token older than the store's history answers 410 Expired, like a compacted etcd.
 */
export function listPage(cache: ListCache, store: ObjectStore, info: ResourceInfo, namespace: string | undefined, selection: Selection, query: URLSearchParams): Page {
  const limitText = query.get('limit');
  const limit = limitText ? Number.parseInt(limitText, 10) : 0;
  if (limitText && (!Number.isFinite(limit) || limit < 0)) throw badRequest(`limit: Invalid value: "${limitText}"`);
  const continueText = query.get('continue');
  let rv = store.resourceVersion;
  let from = 0;
  const snap = cache.snapshot(info.resource, info.namespaced ? namespace : undefined);
  if (continueText) {
    const token = decodeContinue(continueText);
    if (token.rv < store.oldestResumableVersion) {
      throw expired(
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
      );
    }
    rv = token.rv;
    from = lowerBound(snap.keys, token.start);
  }
  const meta: ListMeta = { resourceVersion: String(rv) };
  const items: KubeObject[] = [];
  let i = from;
  for (; i < snap.items.length; i++) {
    const o = snap.items[i];
    if (!selection.matches(o)) continue;
    if (limit > 0 && items.length === limit) break;
    items.push(o);
  }
  if (limit > 0 && i < snap.items.length) {
    meta.continue = encodeContinue(rv, `${snap.keys[i - 1] ?? ''}\u0000`);
    if (selection.everything) meta.remainingItemCount = snap.items.length - i;
  }
  return { items, meta };
}
