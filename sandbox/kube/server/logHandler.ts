// pods/{name}/log: parses the query into a LogRequest and streams the cluster's LogSource as
// chunked text/plain, honouring backpressure and aborting when the client goes away. Errors the
// source throws before its first line become Status responses.
import type { ServerResponse } from 'node:http';
import type { LogRequest, LogSink } from '../logs/logSource';
import type { RequestContext } from './context';
import type { ResourceRoute } from './router';
import { badRequest, invalid, notFound } from './status';

/** A follow stream with no lines yet still answers with headers after this long (clients await them). */
const HEADER_GRACE_MS = 50;

/** A boolean query parameter as the API server parses it (Go's strconv.ParseBool), with its error text. */
export function parseBool(v: string | null, name: string): boolean {
  if (v === null || v === '') return false;
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(v)) return false;
  throw badRequest(`${name}: Invalid value: "${v}": strconv.ParseBool: parsing "${v}": invalid syntax`);
}

function parseInt64(v: string | null, name: string): number | undefined {
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw badRequest(`${name}: Invalid value: "${v}": strconv.ParseInt: parsing "${v}": invalid syntax`);
  return Number(v);
}

export function parseLogRequest(namespace: string, pod: string, q: URLSearchParams): LogRequest {
  const req: LogRequest = {
    namespace,
    pod,
    follow: parseBool(q.get('follow'), 'follow'),
    timestamps: parseBool(q.get('timestamps'), 'timestamps'),
    previous: parseBool(q.get('previous'), 'previous'),
  };
  const container = q.get('container');
  if (container) req.container = container;
  const tailLines = parseInt64(q.get('tailLines'), 'tailLines');
  const sinceSeconds = parseInt64(q.get('sinceSeconds'), 'sinceSeconds');
  const limitBytes = parseInt64(q.get('limitBytes'), 'limitBytes');
  const sinceTimeText = q.get('sinceTime');
  const causes = [];
  if (tailLines !== undefined) {
    if (tailLines < 0) causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${tailLines}: must be greater than or equal to 0`, field: 'tailLines' });
    req.tailLines = tailLines;
  }
  if (sinceSeconds !== undefined) {
    if (sinceSeconds < 1) causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${sinceSeconds}: must be greater than 0`, field: 'sinceSeconds' });
    req.sinceSeconds = sinceSeconds;
  }
  if (limitBytes !== undefined) {
    if (limitBytes < 1) causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${limitBytes}: must be greater than 0`, field: 'limitBytes' });
    req.limitBytes = limitBytes;
  }
  if (sinceTimeText) {
    const t = new Date(sinceTimeText);
    if (Number.isNaN(t.getTime())) throw badRequest(`sinceTime: Invalid value: "${sinceTimeText}": parsing time "${sinceTimeText}" as "2006-01-02T15:04:05Z07:00": cannot parse`);
    req.sinceTime = t;
  }
  if (sinceSeconds !== undefined && sinceTimeText) {
    causes.push({ reason: 'FieldValueForbidden', message: 'Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified', field: '' });
  }
  if (causes.length) throw invalid({ kind: 'PodLogOptions', group: '' }, '', causes);
  return req;
}

/** A sink whose write resolves once the response can take more (Node's 'drain'), or the client left. */
function responseSink(res: ServerResponse, start: () => void): LogSink {
  return {
    write(chunk: string): Promise<void> {
      start();
      if (res.destroyed || res.writableEnded) return Promise.resolve();
      if (res.write(chunk)) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    },
  };
}

export async function serveLogs(ctx: RequestContext, route: ResourceRoute): Promise<void> {
  const { res, cluster } = ctx;
  const ns = route.namespace!;
  const name = route.name!;
  if (!cluster.store.get('pods', ns, name)) throw notFound(route.info, name);
  const logReq = parseLogRequest(ns, name, ctx.query);

  const controller = new AbortController();
  res.on('close', () => controller.abort());
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
    res.flushHeaders();
  };
  const grace = logReq.follow ? setTimeout(start, HEADER_GRACE_MS) : undefined;
  try {
    await cluster.logs.stream(logReq, responseSink(res, start), controller.signal);
  } catch (e) {
    if (!started && !controller.signal.aborted) throw e; // validation error: answer with a Status
    if (!res.writableEnded) res.end();
    return;
  } finally {
    clearTimeout(grace);
  }
  start();
  if (!res.writableEnded) res.end();
}
