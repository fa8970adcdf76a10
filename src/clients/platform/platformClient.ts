// The Phoenix platform API (guide 003): health, experiments (create, list, get, stop, results, analysis),
// pipeline deployments and cost flow. Every call takes an AbortSignal and returns a Result.
import { err, ok, type Result } from '../../core/result';
import { HttpService, type HttpServiceOptions } from '../http/httpService';
import type { ServiceError } from '../http/serviceError';
import {
  type CostFlow,
  decodeAnalysis,
  decodeCostFlow,
  decodeExperiment,
  decodePipelineDeployment,
  decodeResults,
  type Experiment,
  type ExperimentAnalysis,
  type ExperimentResults,
  listOf,
  type NewExperiment,
  type PipelineDeployment,
} from './platformTypes';

export const PLATFORM_SERVICE = 'Phoenix platform API';

export class PlatformClient {
  private readonly http: HttpService;

  constructor(opts: Omit<HttpServiceOptions, 'service'>) {
    this.http = new HttpService({ ...opts, service: PLATFORM_SERVICE });
  }

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  async health(signal?: AbortSignal): Promise<Result<{ status: string }, ServiceError>> {
    const r = await this.http.request<unknown>({ method: 'GET', url: '/health' }, signal);
    if (!r.ok) return r;
    const status = typeof r.value === 'object' && r.value !== null && 'status' in r.value ? String(r.value.status) : 'unknown';
    return ok({ status });
  }

  async experiments(signal?: AbortSignal): Promise<Result<Experiment[], ServiceError>> {
    const r = await this.http.request<unknown>({ method: 'GET', url: '/api/v1/experiments' }, signal);
    return r.ok ? this.list(r.value, 'experiments', decodeExperiment) : r;
  }

  async experiment(id: string, signal?: AbortSignal): Promise<Result<Experiment, ServiceError>> {
    const r = await this.http.request<unknown>({ method: 'GET', url: `/api/v1/experiments/${encodeURIComponent(id)}` }, signal);
    return r.ok ? this.one(decodeExperiment(r.value)) : r;
  }

  async createExperiment(e: NewExperiment, signal?: AbortSignal): Promise<Result<Experiment, ServiceError>> {
    const data = {
      name: e.name,
      ...(e.description ? { description: e.description } : {}),
      baseline_pipeline: e.baselinePipeline,
      candidate_pipeline: e.candidatePipeline,
      target_namespaces: e.targetNamespaces,
      ...(e.durationSeconds ? { duration_seconds: e.durationSeconds } : {}),
    };
    const r = await this.http.request<unknown>({ method: 'POST', url: '/api/v1/experiments', data }, signal);
    return r.ok ? this.one(decodeExperiment(r.value)) : r;
  }

  async stopExperiment(id: string, reason: string, signal?: AbortSignal): Promise<Result<Experiment, ServiceError>> {
    const r = await this.http.request<unknown>({ method: 'POST', url: `/api/v1/experiments/${encodeURIComponent(id)}/stop`, data: { reason } }, signal);
    return r.ok ? this.one(decodeExperiment(r.value)) : r;
  }

  async results(id: string, signal?: AbortSignal): Promise<Result<ExperimentResults, ServiceError>> {
    const r = await this.http.request<unknown>({ method: 'GET', url: `/api/v1/experiments/${encodeURIComponent(id)}/results` }, signal);
    return r.ok ? this.one(decodeResults(r.value)) : r;
  }

  async analysis(id: string, signal?: AbortSignal): Promise<Result<ExperimentAnalysis, ServiceError>> {
    const r = await this.http.request<unknown>({ method: 'GET', url: `/api/v1/experiments/${encodeURIComponent(id)}/analysis` }, signal);
    return r.ok ? this.one(decodeAnalysis(r.value)) : r;
  }

  async pipelineDeployments(namespace: string | undefined, signal?: AbortSignal): Promise<Result<PipelineDeployment[], ServiceError>> {
    const r = await this.http.request<unknown>({ method: 'GET', url: '/api/v1/pipeline-deployments', params: namespace ? { namespace } : {} }, signal);
    return r.ok ? this.list(r.value, 'deployments', decodePipelineDeployment) : r;
  }

  async createPipelineDeployment(d: { name: string; namespace: string; template: string }, signal?: AbortSignal): Promise<Result<PipelineDeployment, ServiceError>> {
    const r = await this.http.request<unknown>({ method: 'POST', url: '/api/v1/pipeline-deployments', data: d }, signal);
    return r.ok ? this.one(decodePipelineDeployment(r.value)) : r;
  }

  async costFlow(signal?: AbortSignal): Promise<Result<CostFlow, ServiceError>> {
    const r = await this.http.request<unknown>({ method: 'GET', url: '/api/v1/cost-flow' }, signal);
    return r.ok ? this.one(decodeCostFlow(r.value)) : r;
  }

  private list<T>(body: unknown, key: string, decode: (v: unknown) => T | string): Result<T[], ServiceError> {
    const items = listOf(body, key);
    if (!items) return err(this.invalid(`expected a list of ${key}`));
    const out: T[] = [];
    for (const item of items) {
      const d = decode(item);
      if (typeof d === 'string') return err(this.invalid(d));
      out.push(d);
    }
    return ok(out);
  }

  private one<T>(d: T | string): Result<T, ServiceError> {
    return typeof d === 'string' ? err(this.invalid(d)) : ok(d);
  }

  private invalid(what: string): ServiceError {
    return { kind: 'invalidResponse', service: PLATFORM_SERVICE, message: `${PLATFORM_SERVICE} at ${this.baseUrl} answered unexpectedly: ${what}`, hint: 'Check that phoenixOps.platformApi.url points at the Phoenix API (e.g. http://phoenix-api:8080).' };
  }
}
