// POST (create), PUT (replace) and PATCH of objects and of their status subresource.
import { randomUUID } from 'node:crypto';
import { isoSeconds } from '../store/objectStore';
import type { KubeObject } from '../store/types';
import type { RequestContext } from './context';
import { parseObjectBody, readBody, sendJson } from './httpIo';
import { applyPatch, parsePatchBody, patchTypeOf } from './patch/applyPatch';
import { jsonEqual, type Json, type JsonObject } from './patch/patchTypes';
import type { ResourceRoute } from './router';
import { objectJson } from './serialize';
import { alreadyExists, conflict, namespaceNotFound, notFound, toApiError } from './status';
import { checkTypeMeta, isDryRun, prepareCreate, prepareUpdate } from './writePrep';

function randomName(prefix: string): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let s = prefix;
  for (let i = 0; i < 5; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)];
  return s;
}

export async function serveCreate(ctx: RequestContext, route: ResourceRoute): Promise<void> {
  const info = route.info;
  const store = ctx.cluster.store;
  const obj = prepareCreate(info, checkTypeMeta(info, parseObjectBody(await readBody(ctx.req))), route.namespace);
  const ns = obj.metadata.namespace;
  if (info.namespaced && ns && !store.get('namespaces', undefined, ns)) throw namespaceNotFound(ns);
  if (isDryRun(ctx.query)) {
    // What the store would have stored, without storing it.
    const name = obj.metadata.name || randomName(obj.metadata.generateName ?? '');
    if (store.get(info.resource, ns, name)) throw alreadyExists(info, name);
    obj.metadata.name = name;
    obj.metadata.uid ??= randomUUID();
    obj.metadata.creationTimestamp = isoSeconds(ctx.now);
    obj.metadata.generation = 1;
    sendJson(ctx.res, 201, JSON.stringify(obj));
    return;
  }
  let created: KubeObject;
  try {
    created = store.create(info.resource, obj, { uid: obj.metadata.uid });
  } catch (e) {
    throw toApiError(e, info, obj.metadata.name);
  }
  sendJson(ctx.res, 201, objectJson(created));
}

function commitUpdate(ctx: RequestContext, route: ResourceRoute, next: KubeObject, current: KubeObject): void {
  const info = route.info;
  if (isDryRun(ctx.query)) {
    const wanted = next.metadata.resourceVersion;
    if (wanted && wanted !== current.metadata.resourceVersion) throw conflict(info, current.metadata.name);
    // What the store would answer: same version, generation bumped when the spec changes.
    const generation = (current.metadata.generation ?? 1) + (jsonEqual((next.spec ?? null) as Json, (current.spec ?? null) as Json) ? 0 : 1);
    sendJson(ctx.res, 200, JSON.stringify({ ...next, metadata: { ...next.metadata, resourceVersion: current.metadata.resourceVersion, generation } }));
    return;
  }
  let updated: KubeObject;
  try {
    updated = ctx.cluster.store.update(info.resource, next);
  } catch (e) {
    throw toApiError(e, info, current.metadata.name);
  }
  sendJson(ctx.res, 200, objectJson(updated));
}

function currentOrThrow(ctx: RequestContext, route: ResourceRoute): KubeObject {
  const current = ctx.cluster.store.get(route.info.resource, route.namespace, route.name!);
  if (!current) throw notFound(route.info, route.name!);
  return current;
}

export async function serveUpdate(ctx: RequestContext, route: ResourceRoute): Promise<void> {
  const info = route.info;
  const body = checkTypeMeta(info, parseObjectBody(await readBody(ctx.req)));
  const current = currentOrThrow(ctx, route);
  const next = prepareUpdate(info, body, current, route.subresource === 'status' ? 'status' : undefined);
  commitUpdate(ctx, route, next, current);
}

export async function servePatch(ctx: RequestContext, route: ResourceRoute): Promise<void> {
  const info = route.info;
  const type = patchTypeOf(ctx.req.headers['content-type']);
  const patch = parsePatchBody(await readBody(ctx.req));
  const current = currentOrThrow(ctx, route);
  const patched = applyPatch(type, current as unknown as JsonObject, patch) as unknown as KubeObject;
  const body = checkTypeMeta(info, patched as unknown as Record<string, unknown>);
  // A patch that does not set resourceVersion applies to whatever is current (no conflict).
  if (body.metadata.resourceVersion === current.metadata.resourceVersion) delete body.metadata.resourceVersion;
  const next = prepareUpdate(info, body, current, route.subresource === 'status' ? 'status' : undefined);
  commitUpdate(ctx, route, next, current);
}
