// One HTTP API (base URL, optional bearer token, timeout) through axios; every call takes an
// AbortSignal and returns a Result with a ServiceError instead of throwing. The token goes only to its own
// origin (never across a redirect elsewhere), and a response past the size limit is an error, not a crash.
// axios is imported on the first request (a chunk of its own), so building clients at start-up costs nothing.
import type { AxiosInstance, AxiosRequestConfig } from 'axios';
import { err, ok, type Result } from '../../core/result';
import { axiosLib } from './axiosLib';
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
  private http: Promise<AxiosInstance> | undefined;

  constructor(readonly opts: HttpServiceOptions) {}

  private instance(): Promise<AxiosInstance> {
    const o = this.opts;
    const limit = o.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    return (this.http ??= axiosLib().then((axios) =>
      axios.create({ baseURL: o.baseUrl, timeout: o.timeoutMs, maxRedirects: 3, maxContentLength: limit, maxBodyLength: limit, validateStatus: (s) => s >= 200 && s < 300 }),
    ));
  }

  get baseUrl(): string {
    return this.opts.baseUrl;
  }

  async request<T>(config: AxiosRequestConfig, signal?: AbortSignal): Promise<Result<T, ServiceError>> {
    try {
      const http = await this.instance();
      const url = http.getUri(config);
      const token = await this.opts.token?.(url);
      const res = await http.request<T>({
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
