// Alertmanager's v2 API: alerts (with active/silenced/inhibited filters), silences, create and expire a silence.
// Errors are values (ServiceError) carrying Alertmanager's own message.
import { err, ok, type Result } from '../../core/result';
import { HttpService, type HttpServiceOptions } from '../http/httpService';
import type { ServiceError } from '../http/serviceError';
import { type AmAlert, type AmSilence, decodeAlerts, decodeSilences, type NewSilence } from './alertmanagerTypes';

export interface AlertFilter {
  active?: boolean;
  silenced?: boolean;
  inhibited?: boolean;
  unprocessed?: boolean;
  /** Label matchers as Alertmanager takes them, e.g. `severity="critical"`. */
  filter?: string[];
  receiver?: string;
}

export class AlertmanagerClient {
  private readonly http: HttpService;

  constructor(opts: Omit<HttpServiceOptions, 'service' | 'serviceMessage'>) {
    // Alertmanager answers errors as a bare JSON string or {"message": …}.
    this.http = new HttpService({ ...opts, service: 'Alertmanager', serviceMessage: (b) => (typeof b === 'string' ? b.trim() || undefined : undefined) });
  }

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  async alerts(f: AlertFilter = {}, signal?: AbortSignal): Promise<Result<AmAlert[], ServiceError>> {
    const params = new URLSearchParams();
    for (const k of ['active', 'silenced', 'inhibited', 'unprocessed'] as const) if (f[k] !== undefined) params.set(k, String(f[k]));
    for (const m of f.filter ?? []) params.append('filter', m);
    if (f.receiver) params.set('receiver', f.receiver);
    const r = await this.http.request<unknown>({ method: 'GET', url: '/api/v2/alerts', params }, signal);
    return r.ok ? this.decoded(decodeAlerts(r.value)) : r;
  }

  async silences(signal?: AbortSignal): Promise<Result<AmSilence[], ServiceError>> {
    const r = await this.http.request<unknown>({ method: 'GET', url: '/api/v2/silences' }, signal);
    return r.ok ? this.decoded(decodeSilences(r.value)) : r;
  }

  /** Returns the new silence's id. */
  async createSilence(s: NewSilence, signal?: AbortSignal): Promise<Result<string, ServiceError>> {
    const r = await this.http.request<unknown>({ method: 'POST', url: '/api/v2/silences', data: s }, signal);
    if (!r.ok) return r;
    const id = typeof r.value === 'object' && r.value !== null && 'silenceID' in r.value ? r.value.silenceID : undefined;
    return typeof id === 'string' ? ok(id) : err(this.invalid('no silenceID in the answer'));
  }

  async expireSilence(id: string, signal?: AbortSignal): Promise<Result<void, ServiceError>> {
    const r = await this.http.request<unknown>({ method: 'DELETE', url: `/api/v2/silence/${encodeURIComponent(id)}` }, signal);
    return r.ok ? ok(undefined) : r;
  }

  private decoded<T>(v: T[] | string): Result<T[], ServiceError> {
    return typeof v === 'string' ? err(this.invalid(v)) : ok(v);
  }

  private invalid(what: string): ServiceError {
    return { kind: 'invalidResponse', service: 'Alertmanager', message: `Alertmanager at ${this.baseUrl} answered unexpectedly: ${what}`, hint: 'Check that phoenixOps.alertmanager.urls points at Alertmanager (v2 API).' };
  }
}
