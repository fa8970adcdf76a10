// HTTP cells in REST-client syntax (METHOD URL, header lines, a blank line, the body; {{VAR}} from the
// session): the response's status, timing, headers and pretty-printed JSON body. A stored token goes only to
// the exact origin it was set for (never across a redirect elsewhere); a response past the size limit is refused.
import { axiosLib, isAxiosError } from '../../../clients/http/axiosLib';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../../clients/http/httpService';
import { keepCredentialsOnOrigin } from '../../../clients/http/origin';
import { isTooLarge } from '../../../clients/http/serviceError';
import { type HttpResultPayload, RUNBOOK_MIME } from '../../../shared/runbookOutput';
import { fillTemplate } from '../placeholders';
import type { CellExecution, CellExecutor, ExecutionResult } from './executor';
import { timeoutMessage } from './executor';

const BODY_CAP = 256 * 1024;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

export interface HttpRequestSpec {
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body: string;
}

/** Reads one request; comment lines (#, //) before the request line are skipped, `###` ends the request. */
export function parseHttpRequest(text: string): HttpRequestSpec | string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length && (/^\s*$/.test(lines[i]) || /^\s*(#|\/\/)/.test(lines[i]))) i++;
  if (i >= lines.length) return 'Nothing to send: write a request line like "GET https://host/path".';
  const first = lines[i].trim();
  const m = /^(?:([A-Z]+)\s+)?(\S+)(?:\s+HTTP\/[\d.]+)?$/.exec(first);
  if (!m) return `"${first}" is not a request line: write METHOD URL, e.g. "GET {{PLATFORM_API_URL}}/health".`;
  const method = m[1] ?? 'GET';
  if (!METHODS.includes(method)) return `${method} is not an HTTP method this cell sends (${METHODS.join(', ')}).`;
  const headers: Array<[string, string]> = [];
  i++;
  for (; i < lines.length && lines[i].trim() !== ''; i++) {
    if (/^\s*(#|\/\/)/.test(lines[i])) continue;
    const h = /^([^:\s]+)\s*:\s*(.*)$/.exec(lines[i].trim());
    if (!h) return `"${lines[i].trim()}" is not a header line (Name: value); leave a blank line before the body.`;
    headers.push([h[1], h[2]]);
  }
  const bodyLines: string[] = [];
  for (i++; i < lines.length && !/^###/.test(lines[i]); i++) bodyLines.push(lines[i]);
  return { method, url: m[2], headers, body: bodyLines.join('\n').trim() };
}

export interface HttpExecutorDeps {
  /** The bearer token set for this URL's exact origin (Prometheus, Alertmanager, platform API), if any. */
  tokenFor(url: string): Promise<string | undefined>;
  /** phoenixOps.maxResponseMB in bytes, read per request. */
  maxResponseBytes?(): number | undefined;
}

export class HttpExecutor implements CellExecutor {
  constructor(private readonly deps: HttpExecutorDeps) {}

  async run(cell: CellExecution): Promise<ExecutionResult> {
    const spec = parseHttpRequest(cell.text);
    if (typeof spec === 'string') {
      cell.out.text('stderr', `${spec}\n`);
      return { outcome: 'failed', message: spec };
    }
    // {{VAR}} is taken as written (often a base URL); a <placeholder> in the URL is URL-encoded.
    const url = fillTemplate(spec.url, cell.variables, (v, tok) => (tok.startsWith('{{') ? v : encodeURIComponent(v)));
    if (!/^https?:\/\//.test(url)) {
      const msg = `"${url}" is not an http(s) URL${/\{\{|</.test(url) ? ': a variable in it has no value' : ''}.`;
      cell.out.text('stderr', `${msg}\n`);
      return { outcome: 'failed', message: msg };
    }
    const headers = Object.fromEntries(spec.headers.map(([k, v]) => [k, fillTemplate(v, cell.variables)]));
    spec.body = fillTemplate(spec.body, cell.variables);
    const token = await this.deps.tokenFor(url);
    if (token && !Object.keys(headers).some((h) => h.toLowerCase() === 'authorization')) headers.Authorization = `Bearer ${token}`;
    const axios = await axiosLib();
    const started = Date.now();
    const limit = this.deps.maxResponseBytes?.() ?? DEFAULT_MAX_RESPONSE_BYTES;
    try {
      const res = await axios.request<ArrayBuffer>({
        method: spec.method,
        url,
        headers,
        data: spec.body || undefined,
        responseType: 'arraybuffer',
        timeout: cell.timeoutMs,
        signal: cell.signal,
        maxRedirects: 5,
        maxContentLength: limit,
        maxBodyLength: limit,
        beforeRedirect: keepCredentialsOnOrigin(url),
        validateStatus: () => true,
        transitional: { clarifyTimeoutError: true },
      });
      const payload = toPayload(spec.method, url, res.status, res.statusText, Date.now() - started, res.headers as Record<string, unknown>, Buffer.from(res.data));
      cell.out.data(RUNBOOK_MIME.http, payload, textResponse(payload));
      return res.status < 400 ? { outcome: 'succeeded' } : { outcome: 'failed', message: `${spec.method} ${url} answered ${res.status} ${res.statusText}` };
    } catch (e) {
      if (isAxiosError(e) && e.code === 'ERR_CANCELED') return { outcome: 'cancelled' };
      if (isAxiosError(e) && (e.code === 'ETIMEDOUT' || e.code === 'ECONNABORTED')) return { outcome: 'timedOut', message: timeoutMessage(cell.timeoutMs) };
      if (isTooLarge(e)) {
        const msg = `${spec.method} ${url} answered with more than ${Math.round(limit / 1024 / 1024)} MiB: the response was not read`;
        cell.out.text('stderr', `${msg}\nAsk for less (a narrower query), or raise phoenixOps.maxResponseMB if that much is expected.\n`);
        return { outcome: 'failed', message: msg };
      }
      const msg = `${spec.method} ${url} failed: ${isAxiosError(e) ? (e.code ?? e.message) : String(e)}`;
      cell.out.text('stderr', `${msg}\nCheck the URL and that the service is running and reachable.\n`);
      return { outcome: 'failed', message: msg };
    }
  }
}

function toPayload(method: string, url: string, status: number, statusText: string, durationMs: number, headers: Record<string, unknown>, body: Buffer): HttpResultPayload {
  const contentType = headers['content-type'];
  const type = typeof contentType === 'string' ? contentType : Array.isArray(contentType) ? contentType.join(', ') : '';
  const kept = body.subarray(0, BODY_CAP);
  let text = kept.toString('utf8');
  let bodyKind: HttpResultPayload['bodyKind'] = body.length ? 'text' : 'empty';
  if (body.length && (/json/i.test(type) || /^\s*[[{]/.test(text)) && body.length <= BODY_CAP) {
    try {
      text = JSON.stringify(JSON.parse(text) as unknown, null, 2);
      bodyKind = 'json';
    } catch {
      // not JSON after all: shown as text
    }
  }
  return {
    kind: 'http',
    method,
    url,
    status,
    statusText,
    durationMs,
    headers: Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]),
    body: text,
    bodyKind,
    omittedBytes: body.length - kept.length,
  };
}

export function textResponse(p: HttpResultPayload): string {
  return `${p.method} ${p.url} → ${p.status} ${p.statusText} (${p.durationMs} ms)\n${p.body ? `${p.body}\n` : ''}`;
}
