// JSON of stored objects, computed once per object version: the store replaces an object on every
// change and never mutates a stored one, so a WeakMap keyed by the instance is a safe cache that
// lets a 10,000-item list or 50 watchers of one event share the same serialisation.
import type { KubeObject } from '../store/types';

const full = new WeakMap<KubeObject, string>();
const item = new WeakMap<KubeObject, string>();
const meta = new WeakMap<KubeObject, string>();

/** The object as GET and watch events send it (with kind and apiVersion). */
export function objectJson(obj: KubeObject): string {
  let s = full.get(obj);
  if (s === undefined) full.set(obj, (s = JSON.stringify(obj)));
  return s;
}

/** The object as a list item: the real server leaves kind/apiVersion out of the items of a typed list. */
export function itemJson(obj: KubeObject): string {
  let s = item.get(obj);
  if (s === undefined) {
    const { kind: _k, apiVersion: _a, ...rest } = obj;
    item.set(obj, (s = JSON.stringify(rest)));
  }
  return s;
}

export function metadataJson(obj: KubeObject): string {
  let s = meta.get(obj);
  if (s === undefined) meta.set(obj, (s = JSON.stringify(obj.metadata)));
  return s;
}

export interface ListMeta {
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export function listJson(kind: string, apiVersion: string, items: readonly KubeObject[], listMeta: ListMeta): string {
  const parts = new Array<string>(items.length);
  for (let i = 0; i < items.length; i++) parts[i] = itemJson(items[i]);
  return `{"kind":"${kind}List","apiVersion":"${apiVersion}","metadata":${JSON.stringify(listMeta)},"items":[${parts.join(',')}]}`;
}

/** PartialObjectMetadataList (Accept as=PartialObjectMetadataList): metadata-only lists for metadata informers. */
export function partialListJson(items: readonly KubeObject[], listMeta: ListMeta): string {
  const parts = items.map((o) => `{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":${metadataJson(o)}}`);
  return `{"kind":"PartialObjectMetadataList","apiVersion":"meta.k8s.io/v1","metadata":${JSON.stringify(listMeta)},"items":[${parts.join(',')}]}`;
}

export function partialObjectJson(obj: KubeObject): string {
  return `{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":${metadataJson(obj)}}`;
}
