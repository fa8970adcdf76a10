// The metrics.k8s.io/v1beta1 API metrics-server serves (PodMetrics per namespace or across all, with label
// selectors; NodeMetrics): what `kubectl top pods|nodes` reads. Numbers come from the cluster's UsageSource at the
// start of the current 15 s window, so two readers in the same window see the same figures.
import type { KubeObject } from '../store/types';
import { METRICS_RESOLUTION_MS, NODE_SYSTEM_USAGE, type ContainerUsageSample } from '../metrics/usageSource';
import type { RequestContext } from './context';
import { sendJson } from './httpIo';
import { matchesLabels, parseLabelSelector, SelectorError } from './selectors/labelSelector';
import { ApiError, badRequest, methodNotAllowed } from './status';

export const METRICS_GROUP = 'metrics.k8s.io';
export const METRICS_VERSION = 'v1beta1';
const API_VERSION = `${METRICS_GROUP}/${METRICS_VERSION}`;

export interface MetricsRoute {
  type: 'metrics';
  resource: 'pods' | 'nodes';
  namespace?: string;
  name?: string;
}

/** segs after /apis/metrics.k8s.io/v1beta1: pods, pods/{n}, namespaces/{ns}/pods[/{n}], nodes, nodes/{n}. */
export function metricsRoute(segs: readonly string[]): MetricsRoute | undefined {
  if (segs[0] === 'namespaces' && segs[2] === 'pods' && segs.length <= 4) return { type: 'metrics', resource: 'pods', namespace: segs[1], name: segs[3] };
  if ((segs[0] === 'pods' || segs[0] === 'nodes') && segs.length <= 2 && !(segs[0] === 'pods' && segs.length === 2)) return { type: 'metrics', resource: segs[0], name: segs[1] };
  return undefined;
}

const cpu = (cores: number) => `${Math.max(0, Math.round(cores * 1e9))}n`;
const memory = (bytes: number) => `${Math.max(0, Math.round(bytes / 1024))}Ki`;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

function notFound(kind: 'podmetrics' | 'nodemetrics', name: string): ApiError {
  return new ApiError(404, 'NotFound', `${kind}.${METRICS_GROUP} "${name}" not found`, { name, group: METRICS_GROUP, kind });
}

function selectorOf(ctx: RequestContext) {
  try {
    return parseLabelSelector(ctx.query.get('labelSelector') ?? '');
  } catch (e) {
    if (e instanceof SelectorError) throw badRequest(`unable to parse requirement: ${e.message}`);
    throw e;
  }
}

export function serveMetrics(ctx: RequestContext, r: MetricsRoute): void {
  const method = ctx.req.method ?? 'GET';
  if (method !== 'GET') throw methodNotAllowed();
  const source = ctx.cluster.usage;
  // The route is only served while a source is wired; a request racing its removal gets what an absent APIService gives.
  if (!source) throw new ApiError(503, 'ServiceUnavailable', 'the server is currently unable to handle the request', { group: METRICS_GROUP, kind: r.resource });
  const windowStart = Math.floor(ctx.now.getTime() / METRICS_RESOLUTION_MS) * METRICS_RESOLUTION_MS;
  const samples = source(windowStart);
  const byPod = new Map<string, ContainerUsageSample[]>();
  for (const s of samples) {
    const key = `${s.namespace}/${s.pod}`;
    const list = byPod.get(key);
    if (list) list.push(s);
    else byPod.set(key, [s]);
  }
  const selector = selectorOf(ctx);
  const pods = ctx.cluster.store.list('pods', r.resource === 'pods' ? r.namespace : undefined);
  if (r.resource === 'pods') {
    const items = pods
      .filter((p) => byPod.has(`${p.metadata.namespace}/${p.metadata.name}`) && (!r.name || p.metadata.name === r.name) && matchesLabels(selector, p.metadata.labels))
      .map((p) => podMetrics(p, byPod.get(`${p.metadata.namespace}/${p.metadata.name}`) ?? [], windowStart));
    if (r.name) {
      if (!items.length) throw notFound('podmetrics', r.name);
      return sendJson(ctx.res, 200, JSON.stringify(items[0]));
    }
    return sendJson(ctx.res, 200, JSON.stringify({ kind: 'PodMetricsList', apiVersion: API_VERSION, metadata: {}, items }));
  }
  const nodes = ctx.cluster.store.list('nodes').filter((n) => (!r.name || n.metadata.name === r.name) && matchesLabels(selector, n.metadata.labels));
  const items = nodes.map((n) => nodeMetrics(n, pods, byPod, windowStart));
  if (r.name) {
    if (!items.length) throw notFound('nodemetrics', r.name);
    return sendJson(ctx.res, 200, JSON.stringify(items[0]));
  }
  return sendJson(ctx.res, 200, JSON.stringify({ kind: 'NodeMetricsList', apiVersion: API_VERSION, metadata: {}, items }));
}

function podMetrics(pod: KubeObject, containers: readonly ContainerUsageSample[], windowStart: number): object {
  return {
    kind: 'PodMetrics',
    apiVersion: API_VERSION,
    metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, creationTimestamp: iso(windowStart + METRICS_RESOLUTION_MS), labels: pod.metadata.labels ?? {} },
    timestamp: iso(windowStart),
    window: '15s',
    containers: containers.map((c) => ({ name: c.container, usage: { cpu: cpu(c.cores), memory: memory(c.memoryBytes) } })),
  };
}

function nodeMetrics(node: KubeObject, pods: readonly KubeObject[], byPod: ReadonlyMap<string, ContainerUsageSample[]>, windowStart: number): object {
  let cores = NODE_SYSTEM_USAGE.cores;
  let bytes = NODE_SYSTEM_USAGE.memoryBytes;
  for (const p of pods) {
    if ((p.spec as { nodeName?: string } | undefined)?.nodeName !== node.metadata.name) continue;
    for (const c of byPod.get(`${p.metadata.namespace}/${p.metadata.name}`) ?? []) {
      cores += c.cores;
      bytes += c.memoryBytes;
    }
  }
  return {
    kind: 'NodeMetrics',
    apiVersion: API_VERSION,
    metadata: { name: node.metadata.name, creationTimestamp: iso(windowStart + METRICS_RESOLUTION_MS), labels: node.metadata.labels ?? {} },
    timestamp: iso(windowStart),
    window: '15s',
    usage: { cpu: cpu(cores), memory: memory(bytes) },
  };
}
