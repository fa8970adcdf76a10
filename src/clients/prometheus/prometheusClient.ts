// Prometheus' HTTP API (v1): instant and range queries, rules and alerts. Prometheus' own error
// text (e.g. "1:9: parse error: unexpected <by>") is what the user sees for a bad PromQL query.
import type { Result } from '../../core/result';
import { HttpService, type HttpServiceOptions } from '../http/httpService';
import type { ServiceError } from '../http/serviceError';

export type Labels = Record<string, string>;
export type SamplePair = [number, string];

export type QueryData =
  | { resultType: 'vector'; result: { metric: Labels; value: SamplePair }[] }
  | { resultType: 'matrix'; result: { metric: Labels; values: SamplePair[] }[] }
  | { resultType: 'scalar'; result: SamplePair }
  | { resultType: 'string'; result: SamplePair };

export interface AlertingRule {
  type: 'alerting';
  name: string;
  query: string;
  duration: number;
  labels: Labels;
  annotations: Labels;
  state: 'inactive' | 'pending' | 'firing';
  health: string;
  lastError?: string;
  /** The rule's pending and firing instances (Prometheus includes them in /api/v1/rules). */
  alerts?: { labels: Labels; annotations: Labels; state: 'pending' | 'firing'; activeAt?: string; value?: string }[];
}

export interface RecordingRule {
  type: 'recording';
  name: string;
  query: string;
  labels?: Labels;
  health: string;
}

export interface RuleGroup {
  name: string;
  file: string;
  interval: number;
  rules: (AlertingRule | RecordingRule)[];
}

interface ApiEnvelope<T> {
  status: 'success' | 'error';
  data: T;
  errorType?: string;
  error?: string;
  warnings?: string[];
}

export class PrometheusClient {
  private readonly http: HttpService;

  constructor(opts: Omit<HttpServiceOptions, 'service' | 'serviceMessage'>) {
    this.http = new HttpService({ ...opts, service: 'Prometheus', serviceMessage: (b) => (b as Partial<ApiEnvelope<unknown>> | undefined)?.error });
  }

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  query(expr: string, opts: { time?: Date; signal?: AbortSignal } = {}): Promise<Result<QueryData, ServiceError>> {
    const params = new URLSearchParams({ query: expr });
    if (opts.time) params.set('time', String(opts.time.getTime() / 1000));
    return this.api<QueryData>('/api/v1/query', params, opts.signal);
  }

  queryRange(expr: string, opts: { start: Date; end: Date; stepSeconds: number; signal?: AbortSignal }): Promise<Result<QueryData, ServiceError>> {
    const params = new URLSearchParams({ query: expr, start: String(opts.start.getTime() / 1000), end: String(opts.end.getTime() / 1000), step: String(opts.stepSeconds) });
    return this.api<QueryData>('/api/v1/query_range', params, opts.signal);
  }

  async rules(opts: { type?: 'alert' | 'record'; signal?: AbortSignal } = {}): Promise<Result<RuleGroup[], ServiceError>> {
    const r = await this.api<{ groups: RuleGroup[] }>('/api/v1/rules', new URLSearchParams(opts.type ? { type: opts.type } : {}), opts.signal, 'GET');
    return r.ok ? { ok: true, value: r.value.groups } : r;
  }

  /** POST with a form body, as Prometheus recommends for queries (no URL length limit). */
  private async api<T>(path: string, params: URLSearchParams, signal?: AbortSignal, method: 'GET' | 'POST' = 'POST'): Promise<Result<T, ServiceError>> {
    const r = await this.http.request<ApiEnvelope<T>>(
      method === 'POST'
        ? { method, url: path, data: params.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }
        : { method, url: path, params },
      signal,
    );
    if (!r.ok) return r;
    if (r.value.status !== 'success') return { ok: false, error: { kind: 'badRequest', service: 'Prometheus', message: r.value.error ?? 'query failed', hint: '' } };
    return { ok: true, value: r.value.data };
  }
}
