// Runs the sandbox in its own process for benchmarks (`out/sandbox/main.js --info-file`), so the measuring
// process holds only the cockpit's code; stopped (and its temp dir removed) when done.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SandboxInfo } from '../sandbox/sandbox';

export interface SandboxProcess {
  info: SandboxInfo;
  /** The sandbox process's pid (its CPU time is not ours). */
  pid: number;
  stop(): Promise<void>;
}

/** `services: true` also starts PostgreSQL, Prometheus and Alertmanager (the rollout benchmarks need Prometheus). */
export async function startSandboxProcess(args: string[], timeoutMs = 120_000, opts: { services?: boolean } = {}): Promise<SandboxProcess> {
  const root = mkdtempSync(join(tmpdir(), 'phoenix-bench-sandbox-'));
  const infoFile = join(root, 'info.json');
  const main = join(__dirname, '..', 'sandbox', 'main.js');
  const child: ChildProcess = spawn(process.execPath, [main, ...(opts.services ? [] : ['--no-services']), '--dir', join(root, 'dir'), '--info-file', infoFile, ...args], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(infoFile)) {
    if (child.exitCode !== null) throw new Error(`the sandbox exited (${child.exitCode}): ${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the sandbox did not come up in ${timeoutMs / 1000} s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 200)); // the file is written in one call; let it land
  const info = JSON.parse(readFileSync(infoFile, 'utf8')) as SandboxInfo;
  return {
    info,
    pid: child.pid ?? 0,
    stop: async () => {
      if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGTERM');
      const killer = setTimeout(() => child.pid && child.exitCode === null && process.kill(-child.pid, 'SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
