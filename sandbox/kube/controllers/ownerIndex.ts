// Who owns whom, kept from store events, so a controller finds an object's children or owner in O(1) whatever the cluster's size.
import type { KubeObject, ResourceName, StoreEvent } from '../store/types';

export interface ObjRef {
  resource: ResourceName;
  namespace: string;
  name: string;
  uid: string;
}

export class OwnerIndex {
  private readonly byUid = new Map<string, ObjRef>();
  /** owner uid → child uid → child */
  private readonly children = new Map<string, Map<string, ObjRef>>();
  /** child uid → the owner uids it is linked under (to unlink on change or deletion) */
  private readonly ownersOf = new Map<string, string[]>();

  /** Events never own anything and are the most numerous objects: they are not indexed. */
  static indexes(resource: ResourceName): boolean {
    return resource !== 'events';
  }

  apply(e: StoreEvent): void {
    if (!OwnerIndex.indexes(e.resource)) return;
    if (e.type === 'DELETED') this.remove(e.object);
    else this.put(e.resource, e.object);
  }

  put(resource: ResourceName, o: KubeObject): void {
    const uid = o.metadata.uid;
    if (!uid) return;
    if (!this.byUid.has(uid)) this.byUid.set(uid, { resource, namespace: o.metadata.namespace ?? '', name: o.metadata.name, uid });
    const owners = (o.metadata.ownerReferences ?? []).map((r) => r.uid);
    const before = this.ownersOf.get(uid);
    if (before && before.length === owners.length && before.every((u, i) => u === owners[i])) return;
    if (before) this.unlink(uid, before);
    if (!owners.length) {
      this.ownersOf.delete(uid);
      return;
    }
    const ref = this.byUid.get(uid);
    if (!ref) return;
    for (const ownerUid of owners) {
      let m = this.children.get(ownerUid);
      if (!m) this.children.set(ownerUid, (m = new Map()));
      m.set(uid, ref);
    }
    this.ownersOf.set(uid, owners);
  }

  remove(o: KubeObject): void {
    const uid = o.metadata.uid;
    if (!uid) return;
    const owners = this.ownersOf.get(uid);
    if (owners) this.unlink(uid, owners);
    this.ownersOf.delete(uid);
    this.byUid.delete(uid);
    // Children keep their links until they go too: the garbage collector reads them after the owner is gone.
  }

  lookup(uid: string): ObjRef | undefined {
    return this.byUid.get(uid);
  }

  childrenOf(ownerUid: string, resource?: ResourceName): ObjRef[] {
    const m = this.children.get(ownerUid);
    if (!m) return [];
    const out: ObjRef[] = [];
    for (const r of m.values()) if (!resource || r.resource === resource) out.push(r);
    return out;
  }

  /** Forgets an owner's children list once they have all been collected. */
  dropChildren(ownerUid: string): void {
    if (!this.byUid.has(ownerUid)) this.children.delete(ownerUid);
  }

  private unlink(uid: string, owners: string[]): void {
    for (const ownerUid of owners) {
      const m = this.children.get(ownerUid);
      if (!m) continue;
      m.delete(uid);
      if (m.size === 0) this.children.delete(ownerUid);
    }
  }
}
