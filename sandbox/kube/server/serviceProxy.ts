// services/{name[:port]}/proxy/{path}: the API server's service proxy, so a client outside the cluster can run
// guide 000's health check (`curl http://$svc:8080/health | jq .status`) through it. No pods run here, so the
// simulated endpoints answer /health from what they are: no ready pod behind the Service → 503 "no endpoints
// available" (as the real proxy says), a ready pod on a `-bad` image → 503 {"status":"unhealthy"}, else 200
// {"status":"healthy"}. Any other path is a 404 from the "application".
import { containerImages, imageTag, isBadImage, isPodReady, labelsOf, selects, serviceSelectorOf } from '../../metrics/kubeShapes';
import type { RequestContext } from './context';
import { sendJson, sendText } from './httpIo';
import type { ResourceRoute } from './router';
import { ApiError, notFound } from './status';

export function serveServiceProxy(ctx: RequestContext, route: ResourceRoute): void {
  const parts = (route.name ?? '').split(':');
  // [scheme:]name[:port]
  const [name, port] = parts.length === 3 ? [parts[1] ?? '', parts[2]] : [parts[0] ?? '', parts[1]];
  const service = ctx.cluster.store.get('services', route.namespace, name);
  if (!service) throw notFound(route.info, name);
  const ports = Array.isArray(service.spec?.ports) ? (service.spec.ports as { name?: string; port?: number }[]) : [];
  const unavailable = () => new ApiError(503, 'ServiceUnavailable', `no endpoints available for service "${route.name ?? name}"`, {});
  if (port !== undefined && port !== '' && !ports.some((p) => String(p.port) === port || p.name === port)) throw unavailable();
  const selector = serviceSelectorOf(service);
  const endpoints = ctx.cluster.store.list('pods', route.namespace).filter((pod) => isPodReady(pod) && selects(selector, labelsOf(pod)));
  if (!endpoints.length) throw unavailable();
  ctx.req.resume();
  if (route.proxyPath !== '/health') return sendText(ctx.res, 404, '404 page not found\n');
  const images = endpoints.flatMap(containerImages);
  const bad = images.filter(isBadImage);
  const version = imageTag(images[0] ?? '');
  if (bad.length) return sendJson(ctx.res, 503, JSON.stringify({ status: 'unhealthy', version, checks: { requests: `${bad.length} of ${endpoints.length} pods fail requests` } }));
  sendJson(ctx.res, 200, JSON.stringify({ status: 'healthy', version }));
}
