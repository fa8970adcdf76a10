// The API server's own request metrics, as kube-apiserver exposes them on /metrics: apiserver_request_total (each
// resource request once it has ended, by verb, group, version, resource, subresource, scope and code) and
// apiserver_longrunning_requests (watches open now). Benchmarks and tests read them with `kubectl get --raw /metrics`
// to count what a client asked for (e.g. that a collapsed kind costs no list and no watch). Resource requests only:
// discovery, openapi and health are not counted (kube-apiserver counts them with an empty resource).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResourceRoute } from './router';

interface Labels {
  verb: string;
  dry_run: string;
  group: string;
  version: string;
  resource: string;
  subresource: string;
  scope: string;
}

const LABEL_ORDER = ['code', 'component', 'dry_run', 'group', 'resource', 'scope', 'subresource', 'verb', 'version'] as const;

/** kube-apiserver's verb label: the RBAC verb in capitals, LIST and WATCH told apart from GET. */
export function metricVerb(method: string, route: ResourceRoute, query: URLSearchParams): string {
  const watch = route.legacyWatch || query.get('watch') === 'true' || query.get('watch') === '1';
  if (watch) return 'WATCH';
  switch (method) {
    case 'GET':
    case 'HEAD':
      return route.name ? 'GET' : 'LIST';
    case 'DELETE':
      return route.name ? 'DELETE' : 'DELETECOLLECTION';
    default:
      return method;
  }
}

function labelsOf(method: string, route: ResourceRoute, query: URLSearchParams, req: IncomingMessage): Labels {
  let verb = metricVerb(method, route, query);
  if (verb === 'PATCH' && /apply-patch/.test(req.headers['content-type'] ?? '')) verb = 'APPLY';
  return {
    verb,
    dry_run: query.has('dryRun') ? 'All' : '',
    group: route.info.group,
    version: route.info.version,
    resource: route.info.resource.split('.')[0],
    subresource: route.subresource ?? '',
    scope: route.name ? 'resource' : route.namespace !== undefined ? 'namespace' : 'cluster',
  };
}

function key(l: Record<string, string>): string {
  return LABEL_ORDER.filter((k) => k in l)
    .map((k) => `${k}=${JSON.stringify(l[k])}`)
    .join(',');
}

export class RequestMetrics {
  private readonly totals = new Map<string, number>();
  private readonly open = new Map<string, number>();

  /** Counts a resource request when its response ends (a watch: when it is closed, and as open meanwhile). */
  observe(req: IncomingMessage, res: ServerResponse, route: ResourceRoute, query: URLSearchParams): void {
    const l = labelsOf(req.method ?? 'GET', route, query, req);
    const longRunning = l.verb === 'WATCH' || (route.subresource === 'log' && query.get('follow') === 'true');
    const openKey = longRunning ? key({ component: 'apiserver', group: l.group, resource: l.resource, scope: l.scope, subresource: l.subresource, verb: l.verb, version: l.version }) : '';
    if (openKey) this.open.set(openKey, (this.open.get(openKey) ?? 0) + 1);
    res.once('close', () => {
      if (openKey) this.open.set(openKey, (this.open.get(openKey) ?? 1) - 1);
      const k = key({ ...l, code: String(res.statusCode), component: 'apiserver' });
      this.totals.set(k, (this.totals.get(k) ?? 0) + 1);
    });
  }

  /** The Prometheus text exposition kube-apiserver's /metrics serves for these two metrics. */
  text(): string {
    const lines = [
      '# HELP apiserver_request_total [STABLE] Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.',
      '# TYPE apiserver_request_total counter',
      ...[...this.totals].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `apiserver_request_total{${k}} ${v}`),
      '# HELP apiserver_longrunning_requests [ALPHA] Gauge of all active long-running apiserver requests broken out by verb, group, version, resource, scope and component. Not all requests are tracked this way.',
      '# TYPE apiserver_longrunning_requests gauge',
      ...[...this.open].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `apiserver_longrunning_requests{${k}} ${v}`),
    ];
    return lines.join('\n') + '\n';
  }
}

/** One sample of the text above, parsed (for benchmarks and tests that read /metrics). */
export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export function parseMetrics(text: string): MetricSample[] {
  const out: MetricSample[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\w+)\{(.*)\} (\S+)$/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const lm of m[2].matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[lm[1]] = lm[2];
    out.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return out;
}
