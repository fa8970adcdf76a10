// Answers an upgrade request that will not be upgraded: a plain HTTP response written on the raw socket (the
// server's request handler never sees upgrade requests), a Status for API errors, text for the kubelet's.
import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import { ApiError } from '../status';
import { KubeletError } from './execRequest';

export function writeUpgradeError(socket: Socket, e: unknown): void {
  let code = 500;
  let type = 'text/plain; charset=utf-8';
  let body: string;
  if (e instanceof ApiError) {
    code = e.code;
    type = 'application/json';
    body = JSON.stringify(e.toStatus());
  } else if (e instanceof KubeletError) {
    code = e.code;
    body = `${e.message}\n`;
  } else {
    body = `${e instanceof Error ? e.message : String(e)}\n`;
  }
  if (socket.destroyed) return;
  const head = [`HTTP/1.1 ${code} ${STATUS_CODES[code] ?? ''}`, `Content-Type: ${type}`, `Content-Length: ${Buffer.byteLength(body)}`, 'Cache-Control: no-cache, private', 'Connection: close'];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}
