// Reading request bodies and writing JSON/Status responses on Node's http objects.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApiError, badRequest, tooLarge } from './status';

const BODY_LIMIT = 3 * 1024 * 1024; // the real server's default

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > BODY_LIMIT) {
        reject(tooLarge());
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Parses a JSON request body into an object (the real server's decode errors are 400). */
export function parseObjectBody(body: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(body);
  } catch (e) {
    throw badRequest(`Object 'Kind' is missing in '${body.slice(0, 200)}'${e instanceof Error ? `: ${e.message}` : ''}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw badRequest(`Object 'Kind' is missing in '${body.slice(0, 200)}'`);
  return v as Record<string, unknown>;
}

export function sendJson(res: ServerResponse, code: number, json: string, contentType = 'application/json'): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(code, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(json),
    'Cache-Control': 'no-cache, private',
  });
  res.end(json);
}

export function sendText(res: ServerResponse, code: number, text: string): void {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'X-Content-Type-Options': 'nosniff' });
  res.end(text);
}

export function sendError(res: ServerResponse, e: ApiError): void {
  if (res.headersSent) {
    // The body already started (a stream): all we can do is end it.
    res.end();
    return;
  }
  sendJson(res, e.code, JSON.stringify(e.toStatus()));
}
