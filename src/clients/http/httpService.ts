// One HTTP API (base URL, optional bearer token, timeout) through axios; every call takes an
// AbortSignal and returns a Result with a ServiceError instead of throwing. The token goes only to its own
// origin (never across a redirect elsewhere), and a response past the size limit is an error, not a crash.
import axios, { type AxiosInstance, type AxiosRequestConfig } from 'axios';
import { err, ok, type Result } from '../../core/result';
import { keepCredentialsOnOrigin } from './origin';
import { type ServiceError, toServiceError } from './serviceError';

/** What a service may send at most unless told otherwise (phoenixOps.maxResponseMB). */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export interface HttpServiceOptions {
  service: string;
  baseUrl: string;
  timeoutMs: number;
  /** The bearer token for a request URL (read per request, so a token set while the cockpit runs is used at once); undefined sends none. */
  token?: (url: string) => Promise<string | undefined> | string | undefined;
  /** Pulls the service's own error message out of an error response body. */
  serviceMessage?: (body: unknown) => string | undefined;
  /** The largest response body accepted (default DEFAULT_MAX_RESPONSE_BYTES). */
  maxResponseBytes?: number;
}

export class HttpService {
  private readonly http: AxiosInstance;

  constructor(readonly opts: HttpServiceOptions) {
    const limit = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.http = axios.create({ baseURL: opts.baseUrl, timeout: opts.timeoutMs, maxRedirects: 3, maxContentLength: limit, maxBodyLength: limit, validateStatus: (s) => s >= 200 && s < 300 });
  }

  get baseUrl(): string {
    return this.opts.baseUrl;
  }

  async request<T>(config: AxiosRequestConfig, signal?: AbortSignal): Promise<Result<T, ServiceError>> {
    try {
      const url = this.http.getUri(config);
      const token = await this.opts.token?.(url);
      const res = await this.http.request<T>({
        ...config,
        signal,
        headers: { ...(config.headers as Record<string, string> | undefined), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        beforeRedirect: keepCredentialsOnOrigin(url),
      });
      return ok(res.data);
    } catch (e) {
      return err(toServiceError(this.opts.service, this.opts.baseUrl, e, this.opts.serviceMessage, this.opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES));
    }
  }
}
