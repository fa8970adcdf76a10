// Runs a command to its end in its own process group: cancelling stops it and everything it started (SIGTERM,
// then SIGKILL), stdout streams to the caller, stdin can be fed (a secret never touches a file), stderr's end is kept.
import { spawn } from 'node:child_process';

export interface ProcessRun {
  /** Exit code, or undefined when a signal ended it (or it could not start). */
  code: number | undefined;
  signal?: NodeJS.Signals;
  /** Ended because the caller's signal aborted. */
  cancelled: boolean;
  /** The last 8 KiB of stderr. */
  stderr: string;
}

export interface ProcessRunOptions {
  path: string;
  args: string[];
  env: Record<string, string>;
  signal?: AbortSignal;
  /** Written to stdin, which is then closed; without it stdin is /dev/null. */
  stdin?: string | Buffer;
  onStdout?(chunk: Buffer): void;
  onStderr?(chunk: Buffer): void;
  onSpawn?(pid: number): void;
  /** After SIGTERM, how long before SIGKILL (default 500 ms). */
  killAfterMs?: number;
}

export function runProcess(o: ProcessRunOptions): Promise<ProcessRun> {
  return new Promise((resolve) => {
    if (o.signal?.aborted) {
      resolve({ code: undefined, cancelled: true, stderr: '' });
      return;
    }
    const child = spawn(o.path, o.args, { env: o.env, stdio: [o.stdin === undefined ? 'ignore' : 'pipe', o.onStdout ? 'pipe' : 'ignore', 'pipe'], detached: true });
    let stderr = '';
    let cancelled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const kill = (sig: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, sig);
      } catch {
        // already gone
      }
    };
    const onAbort = () => {
      cancelled = true;
      kill('SIGTERM');
      killTimer = setTimeout(() => kill('SIGKILL'), o.killAfterMs ?? 500);
    };
    o.signal?.addEventListener('abort', onAbort, { once: true });
    if (child.pid) o.onSpawn?.(child.pid);
    if (o.stdin !== undefined && child.stdin) {
      child.stdin.on('error', () => undefined); // a child that exits without reading: its answer says why
      child.stdin.end(o.stdin);
    }
    child.stdout?.on('data', (c: Buffer) => o.onStdout?.(c));
    child.stderr?.on('data', (c: Buffer) => {
      o.onStderr?.(c);
      stderr = (stderr + c.toString('utf8')).slice(-8192);
    });
    child.on('error', (e) => {
      stderr += `${e.message}\n`;
    });
    child.on('close', (code, signal) => {
      clearTimeout(killTimer);
      o.signal?.removeEventListener('abort', onAbort);
      resolve({ code: code ?? undefined, ...(signal ? { signal } : {}), cancelled, stderr });
    });
  });
}
