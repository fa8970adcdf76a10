// GET of one object and of collections, in the representation the client asked for (object, Table, partial metadata).
import type { RequestContext } from './context';
import { sendJson } from './httpIo';
import { listPage } from './listing';
import { contentTypeOf, type Representation } from './negotiation';
import type { ResourceRoute } from './router';
import { groupVersionString } from './resources';
import { selectionFromQuery } from './selectors/selection';
import { listJson, objectJson, partialListJson, partialObjectJson } from './serialize';
import { notFound } from './status';
import { includeObjectFrom, tableJson } from './table/table';

export function serveGet(ctx: RequestContext, route: ResourceRoute, rep: Representation): void {
  const info = route.info;
  const name = route.name!;
  const obj = ctx.cluster.store.get(info.resource, route.namespace, name);
  if (!obj) throw notFound(info, name);
  if (rep.as === 'table') {
    const opts = { includeObject: includeObjectFrom(ctx.query), now: ctx.now, apiVersion: rep.apiVersion };
    sendJson(ctx.res, 200, tableJson(info, [obj], { resourceVersion: obj.metadata.resourceVersion ?? '' }, opts), contentTypeOf(rep));
  } else if (rep.as === 'partial') {
    sendJson(ctx.res, 200, partialObjectJson(obj), 'application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io');
  } else {
    sendJson(ctx.res, 200, objectJson(obj));
  }
}

export function serveList(ctx: RequestContext, route: ResourceRoute, rep: Representation): void {
  const info = route.info;
  const selection = selectionFromQuery(ctx.query, info);
  const page = listPage(ctx.lists, ctx.cluster.store, info, route.namespace, selection, ctx.query);
  let body: string;
  if (rep.as === 'table') {
    const opts = { includeObject: includeObjectFrom(ctx.query), now: ctx.now, apiVersion: rep.apiVersion };
    body = tableJson(info, page.items, page.meta, opts);
  } else if (rep.as === 'partial') {
    body = partialListJson(page.items, page.meta);
  } else {
    body = listJson(info.kind, groupVersionString(info), page.items, page.meta);
  }
  sendJson(ctx.res, 200, body, contentTypeOf(rep));
}
