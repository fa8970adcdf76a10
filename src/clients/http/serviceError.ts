// Failures of the HTTP services (Prometheus, Alertmanager, platform API) as values a view can show.
import { noLinks } from '../../core/markdown';
import { isAxiosError } from './axiosLib';

export type ServiceErrorKind = 'notConfigured' | 'unreachable' | 'timeout' | 'unauthorized' | 'forbidden' | 'notFound' | 'badRequest' | 'server' | 'cancelled' | 'invalidResponse' | 'tooLarge';

export interface ServiceError {
  kind: ServiceErrorKind;
  /** "Prometheus", "Alertmanager", "Phoenix platform API". */
  service: string;
  /** One line: what went wrong (the service's own message when it gave one). */
  message: string;
  /** One line: how to fix it. */
  hint: string;
  status?: number;
}

export function notConfigured(service: string, setting: string): ServiceError {
  return { kind: 'notConfigured', service, message: `${service} is not configured`, hint: `Set ${setting} in the settings.` };
}

/** Maps an axios failure; `serviceMessage` extracts the service's own error text from a response body. */
export function toServiceError(service: string, baseUrl: string, e: unknown, serviceMessage?: (body: unknown) => string | undefined, maxResponseBytes?: number): ServiceError {
  if (isAxiosError(e)) {
    if (e.code === 'ERR_CANCELED') return { kind: 'cancelled', service, message: 'Cancelled', hint: '' };
    if (isTooLarge(e)) return tooLarge(service, baseUrl, maxResponseBytes);
    if (e.code === 'ECONNABORTED' || e.code === 'ETIMEDOUT') {
      return { kind: 'timeout', service, message: `${service} did not answer in time (${baseUrl})`, hint: 'Check that it is up, or raise phoenixOps.requestTimeoutSeconds.' };
    }
    const status = e.response?.status;
    if (status === undefined) {
      return { kind: 'unreachable', service, message: `Cannot reach ${service} at ${baseUrl}${e.code ? `: ${e.code}` : ''}`, hint: 'Check the URL in the settings and that the service is running and reachable.' };
    }
    // The service's own words reach notifications: no link of theirs survives.
    const said0 = serviceMessage?.(e.response?.data) ?? plainText(e.response?.data);
    const own = said0 === undefined ? undefined : noLinks(said0);
    const said = own ? `: ${own}` : '';
    if (status === 401) return { kind: 'unauthorized', service, status, message: `${service} rejected the credentials (401)${said}`, hint: 'Set a valid token with "Phoenix Ops: Set API Token" (a token is sent only to the address it was set for).' };
    if (status === 403) return { kind: 'forbidden', service, status, message: `${service} refused the request (403)${said}`, hint: 'The token lacks permission for this.' };
    if (status === 404) return { kind: 'notFound', service, status, message: `Not found at ${service} (404)${said}`, hint: 'Check the URL (a path prefix?) in the settings.' };
    if (status === 400 || status === 422) return { kind: 'badRequest', service, status, message: own ?? `${service} rejected the request (${status})`, hint: 'Fix the request and try again.' };
    return { kind: 'server', service, status, message: `${service} answered ${status}${said}`, hint: 'Retry; if it persists, check the service health.' };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { kind: 'invalidResponse', service, message: `${service}: ${message}`, hint: 'Check that the URL points at the right service.' };
}

/** axios' size-limit failures: maxContentLength (the answer) or maxBodyLength (what we send). */
export function isTooLarge(e: unknown): boolean {
  return isAxiosError(e) && /max(Content|Body)Length size of -?\d+ exceeded|Request body larger than maxBodyLength/i.test(e.message);
}

export function tooLarge(service: string, where: string, limitBytes: number | undefined): ServiceError {
  const limit = limitBytes ? `${Math.round((limitBytes / 1024 / 1024) * 10) / 10} MiB` : 'the size limit';
  return {
    kind: 'tooLarge',
    service,
    message: `${service} at ${where} answered with more than ${limit}: the answer was not read`,
    hint: 'Ask for less (a narrower query or selector), or raise phoenixOps.maxResponseMB if that much is expected.',
  };
}

function plainText(body: unknown): string | undefined {
  if (typeof body === 'string' && body.trim()) return body.trim().split('\n')[0].slice(0, 200);
  if (body && typeof body === 'object' && 'message' in body && typeof body.message === 'string') return body.message;
  if (body && typeof body === 'object' && 'error' in body && typeof body.error === 'string') return body.error;
  return undefined;
}
