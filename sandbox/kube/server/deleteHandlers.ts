// DELETE of one object (DeleteOptions: preconditions, propagationPolicy, dryRun) and of a collection.
// Deletion goes through the store, so watchers (kubectl delete --wait) and the garbage collector
// see DELETED; Orphan strips the owner references of dependents first, the GC's part of orphaning.
import { isoSeconds } from '../store/objectStore';
import type { KubeObject, ResourceName } from '../store/types';
import type { RequestContext } from './context';
import { readBody, sendJson } from './httpIo';
import { listPage } from './listing';
import type { ResourceRoute } from './router';
import { groupVersionString, type ResourceInfo } from './resources';
import { selectionFromQuery } from './selectors/selection';
import { listJson, objectJson } from './serialize';
import { badRequest, conflict, notFound, toApiError } from './status';
import { isDryRun } from './writePrep';

interface DeleteOptions {
  propagationPolicy?: string;
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: string[];
}

async function readDeleteOptions(ctx: RequestContext): Promise<DeleteOptions> {
  const text = (await readBody(ctx.req)).trim();
  let opts: DeleteOptions = {};
  if (text) {
    try {
      opts = JSON.parse(text) as DeleteOptions;
    } catch (e) {
      throw badRequest(`error decoding DeleteOptions: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const q = ctx.query;
  const policy = q.get('propagationPolicy');
  if (policy) opts.propagationPolicy = policy;
  if (q.get('orphanDependents') === 'true') opts.orphanDependents = true;
  const p = opts.propagationPolicy;
  if (p !== undefined && p !== 'Orphan' && p !== 'Background' && p !== 'Foreground') {
    throw badRequest(`propagationPolicy: Unsupported value: "${p}": supported values: "Foreground", "Background", "Orphan"`);
  }
  return opts;
}

function checkPreconditions(info: ResourceInfo, current: KubeObject, opts: DeleteOptions): void {
  const pre = opts.preconditions;
  if (pre?.uid && pre.uid !== current.metadata.uid) {
    throw conflict(info, current.metadata.name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid ?? ''}`);
  }
  if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
    throw conflict(info, current.metadata.name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion ?? ''}`);
  }
}

/** Removes owner references to `owner` from every object in its namespace (what the GC does for Orphan). */
function orphanDependents(ctx: RequestContext, owner: KubeObject): void {
  const store = ctx.cluster.store;
  const uid = owner.metadata.uid;
  for (const resource of new Set<ResourceName>(ctx.resources.all().map((r) => r.resource))) {
    if (store.isClusterScoped(resource)) continue;
    for (const o of store.list(resource, owner.metadata.namespace)) {
      const refs = o.metadata.ownerReferences;
      if (!refs?.some((ref) => ref.uid === uid)) continue;
      const next = structuredClone(o);
      next.metadata.ownerReferences = refs.filter((ref) => ref.uid !== uid);
      if (next.metadata.ownerReferences.length === 0) delete next.metadata.ownerReferences;
      store.update(resource, next);
    }
  }
}

function deletedResponse(ctx: RequestContext, info: ResourceInfo, last: KubeObject): void {
  if (info.resource === 'namespaces') {
    // The real server answers with the namespace entering Terminating.
    const terminating = { ...last, metadata: { ...last.metadata, deletionTimestamp: isoSeconds(ctx.now) }, status: { phase: 'Terminating' } };
    sendJson(ctx.res, 200, JSON.stringify(terminating));
    return;
  }
  if (info.returnsDeletedObject) {
    sendJson(ctx.res, 200, objectJson(last));
    return;
  }
  const details: Record<string, string> = { name: last.metadata.name };
  if (info.group) details.group = info.group;
  details.kind = info.resource;
  details.uid = last.metadata.uid ?? '';
  sendJson(ctx.res, 200, JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details }));
}

export async function serveDelete(ctx: RequestContext, route: ResourceRoute): Promise<void> {
  const info = route.info;
  const name = route.name!;
  const opts = await readDeleteOptions(ctx);
  const store = ctx.cluster.store;
  const current = store.get(info.resource, route.namespace, name);
  if (!current) throw notFound(info, name);
  checkPreconditions(info, current, opts);
  if (isDryRun(ctx.query) || opts.dryRun?.includes('All')) {
    deletedResponse(ctx, info, current);
    return;
  }
  if (opts.propagationPolicy === 'Orphan' || (opts.propagationPolicy === undefined && opts.orphanDependents)) orphanDependents(ctx, current);
  let last: KubeObject;
  try {
    last = store.delete(info.resource, route.namespace, name);
  } catch (e) {
    throw toApiError(e, info, name);
  }
  deletedResponse(ctx, info, last);
}

export async function serveDeleteCollection(ctx: RequestContext, route: ResourceRoute): Promise<void> {
  const info = route.info;
  const opts = await readDeleteOptions(ctx);
  const store = ctx.cluster.store;
  const selection = selectionFromQuery(ctx.query, info);
  const page = listPage(ctx.lists, store, info, route.namespace, selection, new URLSearchParams());
  const dry = isDryRun(ctx.query) || opts.dryRun?.includes('All');
  const deleted: KubeObject[] = [];
  for (const o of page.items) {
    if (dry) {
      deleted.push(o);
      continue;
    }
    if (opts.propagationPolicy === 'Orphan') orphanDependents(ctx, o);
    try {
      deleted.push(store.delete(info.resource, o.metadata.namespace, o.metadata.name));
    } catch {
      // Already gone (a cascade removed it): nothing to report.
    }
  }
  sendJson(ctx.res, 200, listJson(info.kind, groupVersionString(info), deleted, { resourceVersion: String(store.resourceVersion) }));
}
