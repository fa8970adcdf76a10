// The garbage collector: deletes objects whose owners are all gone (a deleted deployment takes its ReplicaSets, a deleted set its pods).
import type { ResourceName, StoreEvent } from '../store/types';
import { type ControllerContext, tryWrite, WORK } from './controllerContext';
import { OwnerIndex } from './ownerIndex';

export class GarbageCollector {
  constructor(private readonly ctx: ControllerContext) {
    ctx.queue.register(WORK.collect, (key) => this.collect(key));
  }

  /** Call after the owner index has seen the event. */
  onEvent(e: StoreEvent): void {
    if (!OwnerIndex.indexes(e.resource)) return;
    const uid = e.object.metadata.uid;
    if (!uid) return;
    if (e.type === 'DELETED') {
      for (const child of this.ctx.index.childrenOf(uid)) this.ctx.queue.add(WORK.collect, `${child.resource}:${child.namespace}/${child.name}`);
    } else if (e.type === 'ADDED' && e.object.metadata.ownerReferences?.length) {
      // Created with owners that do not exist (any more): a dangling dependent, collected like the real GC does.
      if (!e.object.metadata.ownerReferences.some((r) => this.ctx.index.lookup(r.uid))) {
        this.ctx.queue.add(WORK.collect, `${e.resource}:${e.object.metadata.namespace ?? ''}/${e.object.metadata.name}`);
      }
    }
  }

  private collect(key: string): void {
    const colon = key.indexOf(':');
    const slash = key.indexOf('/', colon);
    const resource = key.slice(0, colon) as ResourceName;
    const namespace = key.slice(colon + 1, slash);
    const name = key.slice(slash + 1);
    const o = this.ctx.store.get(resource, namespace || undefined, name);
    const owners = o?.metadata.ownerReferences ?? [];
    if (!o || !owners.length || owners.some((r) => this.ctx.index.lookup(r.uid))) return;
    // Background propagation: pods get their graceful deletion, everything else goes at once.
    if (resource === 'pods') this.ctx.terminatePod(o);
    else tryWrite(() => this.ctx.store.delete(resource, o.metadata.namespace, name));
  }
}
