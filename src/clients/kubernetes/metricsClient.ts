// metrics.k8s.io/v1beta1 (metrics-server): PodMetrics of one namespace or all in one request, NodeMetrics. A cluster
// without the API answers 404 (group not served) or 503 (APIService down): that is a state, 'unavailable', not an error.
import { err, ok, type Result } from '../../core/result';
import type { KubeError } from './kubeErrors';
import type { KubeHttp } from './kubeHttp';

const BASE = '/apis/metrics.k8s.io/v1beta1';

export interface PodMetricsItem {
  metadata?: { name?: string; namespace?: string };
  timestamp?: string;
  window?: string;
  containers?: Array<{ name?: string; usage?: Record<string, string> }>;
}

export interface NodeMetricsItem {
  metadata?: { name?: string };
  timestamp?: string;
  usage?: Record<string, string>;
}

export type MetricsError = KubeError | { kind: 'unavailable'; message: string; hint: string; status?: number };

/** 404 and 503 mean "no metrics API here"; anything else (403, timeout) is a real error to show. */
function unavailable(e: KubeError): MetricsError {
  if (e.status === 404 || e.status === 503) {
    return { kind: 'unavailable', message: 'metrics API not available', hint: 'The cluster serves no metrics.k8s.io API (metrics-server not installed or not ready).', status: e.status };
  }
  return e;
}

export class MetricsClient {
  constructor(private readonly http: KubeHttp) {}

  /** PodMetrics of a namespace, or of every namespace when `namespace` is undefined: one request either way. */
  async podMetrics(namespace: string | undefined, labelSelector?: string, signal?: AbortSignal): Promise<Result<PodMetricsItem[], MetricsError>> {
    const path = namespace === undefined ? `${BASE}/pods` : `${BASE}/namespaces/${encodeURIComponent(namespace)}/pods`;
    const r = await this.http.json<{ items?: PodMetricsItem[] }>({ path, query: labelSelector ? { labelSelector } : undefined }, signal);
    return r.ok ? ok(r.value.items ?? []) : err(unavailable(r.error));
  }

  async nodeMetrics(signal?: AbortSignal): Promise<Result<NodeMetricsItem[], MetricsError>> {
    const r = await this.http.json<{ items?: NodeMetricsItem[] }>({ path: `${BASE}/nodes` }, signal);
    return r.ok ? ok(r.value.items ?? []) : err(unavailable(r.error));
  }
}
