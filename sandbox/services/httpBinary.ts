// Starts a Go service binary (Prometheus, Alertmanager) on a 127.0.0.1 port and waits for its /-/ready, retrying once a lost port race.
import { ManagedProcess } from './managedProcess';
import { freePort, httpOk, isPortInUse, waitUntilReady } from './readiness';

export interface HttpBinaryOptions {
  name: string;
  binary: string;
  /** The command line for a given port (the port must be bound on 127.0.0.1 only). */
  args: (port: number) => string[];
  cwd: string;
  logFile: string;
  /** A port chosen in advance (e.g. so Prometheus' config can point at Alertmanager before it runs). */
  port?: number;
  readyPath?: string;
  timeoutMs?: number;
}

export interface RunningHttpBinary {
  proc: ManagedProcess;
  port: number;
  url: string;
  /** From spawn to the first successful readiness check. */
  startupMs: number;
}

export async function startHttpBinary(opts: HttpBinaryOptions): Promise<RunningHttpBinary> {
  let port = opts.port ?? (await freePort());
  for (let attempt = 1; ; attempt++) {
    const t0 = Date.now();
    const proc = ManagedProcess.start({ name: opts.name, command: opts.binary, args: opts.args(port), cwd: opts.cwd, logFile: opts.logFile });
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitUntilReady(proc, () => httpOk(`${url}${opts.readyPath ?? '/-/ready'}`), { timeoutMs: opts.timeoutMs ?? 30_000, logFile: opts.logFile });
      return { proc, port, url, startupMs: Date.now() - t0 };
    } catch (e) {
      await proc.stop('SIGKILL', 1000);
      if (attempt < 3 && isPortInUse(e)) {
        port = await freePort();
        continue;
      }
      throw e;
    }
  }
}

/**
 * POSTs to a lifecycle endpoint (/-/reload) and throws when the server refuses. The HTTP answer only
 * says "one or more errors occurred"; the reason (which rule file, which line) is in the log, so the
 * error message carries the log lines printed during the request.
 */
export async function postLifecycle(proc: ManagedProcess, url: string, what: string): Promise<void> {
  const mark = proc.lineMark;
  const res = await fetch(url, { method: 'POST', signal: AbortSignal.timeout(10_000) });
  const body = await res.text();
  if (res.ok) return;
  await new Promise((r) => setTimeout(r, 50)); // the log line may trail the response by a moment
  const logged = proc.linesSince(mark).filter((l) => /level=(error|warn)/.test(l));
  throw new Error(`${what} failed (HTTP ${res.status}): ${body.trim()}${logged.length ? `\n  ${logged.join('\n  ')}` : ''}`);
}
