// One HTTP API (base URL, optional bearer token, timeout) through axios; every call takes an
// AbortSignal and returns a Result with a ServiceError instead of throwing. axios is imported on the
// first request (a chunk of its own), so building clients at start-up costs nothing.
import type { AxiosInstance, AxiosRequestConfig } from 'axios';
import { axiosLib } from './axiosLib';
import { err, ok, type Result } from '../../core/result';
import { type ServiceError, toServiceError } from './serviceError';

export interface HttpServiceOptions {
  service: string;
  baseUrl: string;
  timeoutMs: number;
  /** Read per request, so a token set while the cockpit runs is used at once. */
  token?: () => Promise<string | undefined> | string | undefined;
  /** Pulls the service's own error message out of an error response body. */
  serviceMessage?: (body: unknown) => string | undefined;
}

export class HttpService {
  private http: Promise<AxiosInstance> | undefined;

  constructor(readonly opts: HttpServiceOptions) {}

  private instance(): Promise<AxiosInstance> {
    const o = this.opts;
    return (this.http ??= axiosLib().then((axios) => axios.create({ baseURL: o.baseUrl, timeout: o.timeoutMs, maxRedirects: 3, validateStatus: (s) => s >= 200 && s < 300 })));
  }

  get baseUrl(): string {
    return this.opts.baseUrl;
  }

  async request<T>(config: AxiosRequestConfig, signal?: AbortSignal): Promise<Result<T, ServiceError>> {
    try {
      const token = await this.opts.token?.();
      const http = await this.instance();
      const res = await http.request<T>({ ...config, signal, headers: { ...(config.headers as Record<string, string> | undefined), ...(token ? { Authorization: `Bearer ${token}` } : {}) } });
      return ok(res.data);
    } catch (e) {
      return err(toServiceError(this.opts.service, this.opts.baseUrl, e, this.opts.serviceMessage));
    }
  }
}
