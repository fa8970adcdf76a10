// Turns a request path into what it addresses: discovery documents, openapi, health, or a resource
// (collection / object / subresource, namespaced or not, legacy /watch/ prefix).
import type { ResourceRegistry } from './resourceRegistry';
import { metricsRoute, type MetricsRoute } from './metricsApi';
import { AUTHORIZATION, METRICS, type GroupVersion, type ResourceInfo } from './resources';

export type Route =
  | { type: 'version' }
  | { type: 'health'; check: string }
  | { type: 'apiVersions' } // /api
  | { type: 'apiGroups' } // /apis
  | { type: 'apiGroup'; group: string } // /apis/{group}
  | { type: 'apiResources'; gv: GroupVersion } // /api/v1, /apis/{group}/{version}
  | { type: 'openapi'; path: string }
  | { type: 'apiserverMetrics' } // /metrics: the server's own request counters (requestMetrics.ts)
  | { type: 'accessReview' } // POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews
  | ResourceRoute
  | MetricsRoute // /apis/metrics.k8s.io/v1beta1/... while the cluster has a usage source
  | { type: 'notFound'; api: boolean };

export interface ResourceRoute {
  type: 'resource';
  info: ResourceInfo;
  /** Set for namespaced requests (and for cluster-scoped namespaces/{name} as the object's name). */
  namespace?: string;
  name?: string;
  subresource?: string;
  /** The deprecated /watch/ path form. */
  legacyWatch: boolean;
  /** services/{name}/proxy/{path}: the path sent on to the Service ("/health"). */
  proxyPath?: string;
}

const HEALTH = new Set(['/healthz', '/livez', '/readyz']);

export function route(pathname: string, registry: ResourceRegistry): Route {
  const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  if (path === '/version') return { type: 'version' };
  if (path === '/metrics') return { type: 'apiserverMetrics' };
  for (const h of HEALTH) if (path === h || path.startsWith(h + '/')) return { type: 'health', check: path };
  if (path === '/openapi/v2' || path === '/openapi/v3' || path.startsWith('/openapi/v3/')) return { type: 'openapi', path };
  const segs = path.split('/').slice(1).map(decodeSegment);
  if (segs[0] === 'api') {
    if (segs.length === 1) return { type: 'apiVersions' };
    const gv = { group: '', version: segs[1] };
    if (!registry.isServedGroupVersion(gv)) return { type: 'notFound', api: true };
    if (segs.length === 2) return { type: 'apiResources', gv };
    return resourceRoute(registry, gv, segs.slice(2));
  }
  if (segs[0] === 'apis') {
    if (segs.length === 1) return { type: 'apiGroups' };
    if (segs.length === 2) return registry.isServedGroup(segs[1]) ? { type: 'apiGroup', group: segs[1] } : { type: 'notFound', api: true };
    const gv = { group: segs[1], version: segs[2] };
    if (!registry.isServedGroupVersion(gv)) return { type: 'notFound', api: true };
    if (segs.length === 3) return { type: 'apiResources', gv };
    if (gv.group === AUTHORIZATION.group && segs.length === 4 && segs[3] === 'selfsubjectaccessreviews') return { type: 'accessReview' };
    if (gv.group === METRICS.group) return metricsRoute(segs.slice(3)) ?? { type: 'notFound', api: true };
    return resourceRoute(registry, gv, segs.slice(3));
  }
  return { type: 'notFound', api: false };
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function resourceRoute(registry: ResourceRegistry, gv: GroupVersion, segs: string[]): Route {
  let legacyWatch = false;
  if (segs[0] === 'watch') {
    legacyWatch = true;
    segs = segs.slice(1);
  }
  if (segs.length === 0 || segs.some((s) => s === '')) return { type: 'notFound', api: true };
  // namespaces/{ns}/{resource}/... unless the third segment is a subresource of the namespace itself.
  if (segs[0] === 'namespaces' && segs.length >= 3) {
    const info = registry.find(gv, segs[2]);
    if (info?.namespaced) {
      // The API server's service proxy: services/{name[:port]}/proxy/{path…} (guide 000's health check from outside the cluster).
      if (info.resource === 'services' && segs[4] === 'proxy' && segs[3]) return { type: 'resource', info, namespace: segs[1], name: segs[3], subresource: 'proxy', legacyWatch, proxyPath: `/${segs.slice(5).join('/')}` };
      if (segs.length > 5) return { type: 'notFound', api: true };
      return { type: 'resource', info, namespace: segs[1], name: segs[3], subresource: segs[4], legacyWatch };
    }
  }
  const info = registry.find(gv, segs[0]);
  if (!info || segs.length > 3) return { type: 'notFound', api: true };
  // A namespaced resource's collection across all namespaces has no name here (/apis/apps/v1/deployments).
  if (info.namespaced && segs.length > 1) return { type: 'notFound', api: true };
  return { type: 'resource', info, name: segs[1], subresource: segs[2], legacyWatch };
}
