// Waiting for a launched service to become ready, and the error that says why it did not (with its last output).
import { createServer } from 'node:net';
import type { ManagedProcess } from './managedProcess';

export class ServiceStartError extends Error {
  constructor(
    readonly service: string,
    message: string,
    /** The process's last output lines, already part of `message`. */
    readonly lastLines: readonly string[] = [],
    readonly logFile?: string,
  ) {
    const tail = lastLines.length ? `\nLast output of ${service}:\n  ${lastLines.join('\n  ')}` : '';
    const log = logFile ? `\nFull log: ${logFile}` : '';
    super(`${message}${tail}${log}`);
    this.name = 'ServiceStartError';
  }
}

export interface WaitOptions {
  timeoutMs: number;
  /** Pause between checks; small because every service here is ready within a second or two. */
  intervalMs?: number;
  logFile?: string;
}

/**
 * Calls `check` until it returns true. Fails fast (with the process's last lines) when the process
 * exits first, and with a timeout error otherwise. A check that throws counts as "not yet".
 */
export async function waitUntilReady(proc: ManagedProcess, check: () => Promise<boolean>, opts: WaitOptions): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  const interval = opts.intervalMs ?? 50;
  let lastError = '';
  for (;;) {
    if (!proc.running) {
      await proc.exited; // a failed spawn reports its error a tick later
      throw new ServiceStartError(proc.name, `${proc.name} ${proc.describeExit()} before it was ready.`, proc.lastLines(), opts.logFile);
    }
    try {
      if (await check()) return;
    } catch (e) {
      lastError = e instanceof Error ? e.message : String(e);
    }
    if (Date.now() >= deadline) {
      const why = lastError ? ` (last check: ${lastError})` : '';
      throw new ServiceStartError(proc.name, `${proc.name} was not ready after ${opts.timeoutMs} ms${why}.`, proc.lastLines(), opts.logFile);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** True when GET `url` answers 2xx within a second. */
export async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
  await res.arrayBuffer(); // drain so the socket is reused/freed
  return res.ok;
}

/**
 * A TCP port on 127.0.0.1 that was free a moment ago. Another process may take it before the service
 * binds it; launchers retry with a new port when the service reports "address already in use".
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Whether a start failure looks like a lost race for the port (worth one more try on a new port). */
export function isPortInUse(e: unknown): boolean {
  return e instanceof ServiceStartError && /address already in use|could not bind|bind: address/i.test(e.message);
}
