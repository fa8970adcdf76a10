// Sends a resource request to its handler by method and subresource, after the authorization check.
import type { RequestContext } from './context';
import { serveDelete, serveDeleteCollection } from './deleteHandlers';
import { serveEviction } from './evictionHandler';
import { serveLogs } from './logHandler';
import { negotiate } from './negotiation';
import { serveGet, serveList } from './readHandlers';
import type { ResourceRoute } from './router';
import { serveScale } from './scaleHandler';
import { serveServiceProxy } from './serviceProxy';
import { badRequest, forbidden, methodNotAllowed, pathNotFound } from './status';
import { serveWatch } from './watchHandler';
import { serveCreate, servePatch, serveUpdate } from './writeHandlers';

function isWatch(q: URLSearchParams): boolean {
  const w = q.get('watch');
  return w === 'true' || w === '1';
}

/** The RBAC verb of a request, for 403 messages. */
function verbOf(method: string, route: ResourceRoute, watch: boolean): string {
  if (watch || route.legacyWatch) return 'watch';
  switch (method) {
    case 'GET':
      return route.name ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return route.name ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

export async function dispatchResource(ctx: RequestContext, route: ResourceRoute): Promise<void> {
  const method = ctx.req.method ?? 'GET';
  const watch = isWatch(ctx.query);
  const info = route.info;
  if (info.namespaced && route.namespace !== undefined && ctx.settings.forbiddenNamespaces.has(route.namespace)) {
    throw forbidden({
      user: ctx.settings.user,
      verb: verbOf(method, route, watch),
      resource: info,
      subresource: route.subresource,
      name: route.name,
      namespace: route.namespace,
    });
  }
  const rep = negotiate(ctx.req.headers.accept);

  if (route.legacyWatch || (watch && method === 'GET')) {
    if (method !== 'GET' || route.subresource) throw methodNotAllowed();
    serveWatch(ctx, route, rep);
    return;
  }

  if (route.subresource === 'proxy' && info.resource === 'services' && route.proxyPath !== undefined) {
    if (method !== 'GET') throw methodNotAllowed();
    return serveServiceProxy(ctx, route);
  }
  if (route.subresource) {
    const sub = info.subresources.find((s) => s.name === route.subresource);
    if (!sub || !route.name) throw pathNotFound();
    // Exec streams arrive as upgrade requests (streams/execUpgrade.ts); a plain request is refused as the real server does.
    if (sub.name === 'exec') throw badRequest('Upgrade request required');
    if (sub.name === 'log') {
      if (method !== 'GET') throw methodNotAllowed();
      return serveLogs(ctx, route);
    }
    if (sub.name === 'eviction') {
      if (method !== 'POST') throw methodNotAllowed();
      return serveEviction(ctx, route);
    }
    if (sub.name === 'scale') {
      if (method !== 'GET' && method !== 'PUT' && method !== 'PATCH') throw methodNotAllowed();
      return serveScale(ctx, route);
    }
    // status
    if (method === 'GET') return serveGet(ctx, route, rep);
    if (method === 'PUT') return serveUpdate(ctx, route);
    if (method === 'PATCH') return servePatch(ctx, route);
    throw methodNotAllowed();
  }

  if (!route.name) {
    if (method === 'GET') return serveList(ctx, route, rep);
    if (method === 'POST' && (route.namespace !== undefined || !info.namespaced)) return serveCreate(ctx, route);
    if (method === 'DELETE' && info.verbs.includes('deletecollection')) return serveDeleteCollection(ctx, route);
    throw methodNotAllowed();
  }
  switch (method) {
    case 'GET':
      return serveGet(ctx, route, rep);
    case 'PUT':
      return serveUpdate(ctx, route);
    case 'PATCH':
      return servePatch(ctx, route);
    case 'DELETE':
      return serveDelete(ctx, route);
    default:
      throw methodNotAllowed();
  }
}
