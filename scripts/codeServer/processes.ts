// Child processes for the tooling: run-to-completion commands with captured output, and detached process groups killed whole.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Append stdout and stderr to this file instead of inheriting the terminal. */
  logFile?: string;
}

/** Runs a command to completion; rejects with its exit code (and the log file to read) when it fails. */
export function run(command: string, args: readonly string[], opts: RunOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const log = opts.logFile ? createWriteStream(opts.logFile, { flags: 'a' }) : undefined;
    log?.write(`\n$ ${command} ${args.join(' ')}  (in ${opts.cwd ?? process.cwd()})\n`);
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: log ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    child.stdout?.pipe(log ?? process.stdout, { end: false });
    child.stderr?.pipe(log ?? process.stderr, { end: false });
    child.on('error', (err) => {
      log?.end();
      reject(err);
    });
    child.on('close', (code, signal) => {
      const finish = (): void => {
        if (code === 0) resolve();
        else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})${opts.logFile ? `; see ${opts.logFile}` : ''}`));
      };
      if (log) log.end(finish);
      else finish();
    });
  });
}

/** Runs a command and returns its trimmed stdout, or undefined when it cannot run or fails. */
export function capture(command: string, args: readonly string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => resolve(code === 0 ? out.trim() : undefined));
  });
}

/** A process started as the leader of its own process group, so everything it spawns can be killed with it. */
export interface ProcessGroup {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Resolves when the leader has exited. */
  readonly exited: Promise<void>;
  /** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves when the leader is gone. Idempotent. */
  kill(graceMs?: number): Promise<void>;
}

const liveGroups = new Set<number>();
let exitHookInstalled = false;

/** Last resort when the driver itself dies: 'exit' handlers may only do synchronous work, and process.kill is synchronous. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
  });
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Spawns `command` detached (a new process group); the group is SIGKILLed if this process exits without stopping it. */
export function spawnGroup(command: string, args: readonly string[], opts: Omit<SpawnOptions, 'detached'>): ProcessGroup {
  const child = spawn(command, args, { ...opts, detached: true });
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  const pid = child.pid;
  installExitHook();
  liveGroups.add(pid);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  let killing: Promise<void> | undefined;
  const kill = (graceMs = 3000): Promise<void> => {
    killing ??= (async () => {
      killGroup(pid, 'SIGTERM');
      const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
      await Promise.race([exited, timer]);
      // Children that ignored SIGTERM (code-server's extension host does) go now, even when the leader already left.
      killGroup(pid, 'SIGKILL');
      await exited;
      liveGroups.delete(pid);
    })();
    return killing;
  };
  return { child, pid, exited, kill };
}
