// Turns whatever client-node, node-fetch or Node's TLS throws into a KubeError a user can act on.
import { noLinks } from '../../core/markdown';
import { TimeoutError } from '../../core/abort';

export type KubeErrorKind =
  | 'unreachable'
  | 'timeout'
  | 'tls'
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'gone'
  | 'invalid'
  | 'server'
  | 'config'
  | 'cancelled';

export interface KubeError {
  kind: KubeErrorKind;
  /** What went wrong, in one line. */
  message: string;
  /** How to fix it, in one line. */
  hint: string;
  /** HTTP status when the server answered. */
  status?: number;
  /** The Status's details.causes (reason and message), e.g. the DisruptionBudget that refused an eviction. */
  causes?: Array<{ reason: string; message: string }>;
}

/** The few words a tree row's title gives an error ("Unauthorized", "Timed out"); its message says the rest. */
export function errorTitle(e: Pick<KubeError, 'kind'>): string {
  const titles: Partial<Record<KubeErrorKind, string>> = { unauthorized: 'Unauthorized', forbidden: 'Forbidden', timeout: 'Timed out', tls: 'TLS error', unreachable: 'Unreachable', notFound: 'Not found' };
  return titles[e.kind] ?? 'Error';
}

interface StatusBody {
  kind?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { causes?: Array<{ reason?: unknown; message?: unknown }> };
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ETIMEDOUT']);
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|DEPTH_ZERO|UNABLE_TO_GET_ISSUER/;

export function toKubeError(e: unknown, server?: string): KubeError {
  const where = server ? ` (${server})` : '';
  if (e instanceof TimeoutError) {
    return { kind: 'timeout', message: `The cluster did not answer within ${e.ms / 1000} s${where}`, hint: 'Check that the API server is up and reachable (VPN, proxy), or raise phoenixOps.requestTimeoutSeconds.' };
  }
  const err = e as { name?: string; code?: unknown; errno?: unknown; statusCode?: number; body?: unknown; message?: string; type?: string; cause?: unknown } | undefined;
  if (err?.name === 'AbortError' || err?.type === 'aborted') {
    const reason = err.cause ?? (err as { reason?: unknown }).reason;
    if (reason instanceof TimeoutError) return toKubeError(reason, server);
    return { kind: 'cancelled', message: 'Cancelled', hint: '' };
  }
  // node-fetch wraps system errors: FetchError{ code: 'ECONNREFUSED', errno: … }
  const sysCode = typeof err?.code === 'string' ? err.code : typeof err?.errno === 'string' ? err.errno : undefined;
  if (sysCode && NETWORK_CODES.has(sysCode)) {
    return { kind: 'unreachable', message: `Cannot reach the API server${where}: ${sysCode}`, hint: 'Is the cluster running and the address in your kubeconfig right? Check VPN or proxy settings.' };
  }
  if (sysCode && TLS_CODES.test(sysCode)) {
    return { kind: 'tls', message: `TLS verification failed${where}: ${sysCode}`, hint: "The server's certificate does not match the kubeconfig's certificate-authority. Update the CA data in your kubeconfig." };
  }
  const status = typeof err?.code === 'number' ? err.code : err?.statusCode;
  if (typeof status === 'number') {
    const body = parseStatus(err?.body);
    // The server's words reach notifications: no link of theirs survives.
    const serverMsg = body?.message ? `: ${noLinks(String(body.message))}` : '';
    switch (status) {
      case 401:
        return { kind: 'unauthorized', status, message: `The API server rejected the credentials (401)${where}`, hint: 'Your credentials were rejected: refresh the token or client certificate in your kubeconfig.' };
      case 403:
        return { kind: 'forbidden', status, message: `Not allowed (403)${serverMsg}`, hint: 'Your user lacks RBAC permission for this; ask a cluster admin or pick another namespace.' };
      case 404:
        return { kind: 'notFound', status, message: `Not found${serverMsg}`, hint: 'The object may have been deleted; refresh.' };
      case 409:
        return { kind: 'conflict', status, message: `Conflict${serverMsg}`, hint: 'Someone else changed it first; refresh and try again.' };
      case 410:
        return { kind: 'gone', status, message: `Resource version expired${serverMsg}`, hint: 'The cockpit relists automatically.' };
      case 429: {
        // Too many requests: an eviction a PodDisruptionBudget refuses, or API priority and fairness shedding load.
        const text = (v: unknown) => (typeof v === 'string' ? v : '');
        const causes = (body?.details?.causes ?? []).map((c) => ({ reason: text(c.reason), message: noLinks(text(c.message)) }));
        return { kind: 'server', status, message: `Too many requests (429)${serverMsg}`, hint: 'Wait and retry.', ...(causes.length ? { causes } : {}) };
      }
      case 400:
      case 422:
        return { kind: 'invalid', status, message: `Rejected by the API server${serverMsg}`, hint: 'Fix the request and try again.' };
      default:
        return { kind: 'server', status, message: `The API server answered ${status}${serverMsg}`, hint: 'Retry; if it persists, check the API server health.' };
    }
  }
  const message = err?.message ?? String(e);
  if (/no active cluster|no currently active cluster|cluster has no server/i.test(message)) {
    return { kind: 'config', message, hint: 'Fix the context in your kubeconfig.' };
  }
  if (TLS_CODES.test(message) || /certificate/i.test(message)) {
    return { kind: 'tls', message: `TLS problem${where}: ${message}`, hint: "Check the certificate-authority of the cluster in your kubeconfig." };
  }
  return { kind: 'unreachable', message: `Request failed${where}: ${firstLine(message)}`, hint: 'Check that the cluster is reachable and your kubeconfig is correct.' };
}

function parseStatus(body: unknown): StatusBody | undefined {
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as StatusBody;
    } catch {
      return { message: body.slice(0, 200) };
    }
  }
  return body && typeof body === 'object' ? (body as StatusBody) : undefined;
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}
