// A service's child process: its own process group (so stop reaches every descendant), output kept in a log file and its last lines in memory.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';

export interface ManagedProcessOptions {
  /** Human name used in errors ("Prometheus"). */
  name: string;
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Every line of stdout and stderr is appended here (the tail alone is often too short to debug). */
  logFile?: string;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be spawned at all (ENOENT, EACCES). */
  error?: Error;
}

const TAIL_LINES = 40;

/** Process groups still running, killed synchronously if this Node process exits without stopping them. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', killAllServiceProcessesSync);
}

/** Last-resort cleanup for an orchestrator's signal handler: SIGKILL every group started here. */
export function killAllServiceProcessesSync(): void {
  for (const pgid of liveGroups) signalGroup(pgid, 'SIGKILL');
  liveGroups.clear();
}

function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // ESRCH: the group is gone already
  }
}

export class ManagedProcess {
  readonly name: string;
  readonly pid: number;
  /** Resolves (never rejects) when the group leader has exited. */
  readonly exited: Promise<ExitInfo>;
  private exit: ExitInfo | undefined;
  private readonly tail: string[] = [];
  /** How many lines were printed in all (the tail keeps only the last ones). */
  private printed = 0;
  private readonly log: WriteStream | undefined;

  private constructor(name: string, child: ChildProcess, logFile: string | undefined) {
    this.name = name;
    this.pid = child.pid ?? -1;
    this.log = logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined;
    this.log?.on('error', () => undefined); // a vanished temp dir must not crash the sandbox
    for (const stream of [child.stdout, child.stderr]) {
      let partial = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        this.log?.write(chunk);
        const lines = (partial + chunk).split('\n');
        partial = lines.pop() ?? '';
        for (const l of lines) this.pushLine(l);
      });
      stream?.on('end', () => {
        if (partial) this.pushLine(partial);
        partial = '';
      });
    }
    this.exited = new Promise<ExitInfo>((resolve) => {
      child.once('error', (error) => {
        // 'error' without a pid means spawn failed and no 'exit' will follow.
        if (child.pid === undefined) this.finish({ code: null, signal: null, error }, resolve);
      });
      child.once('exit', (code, signal) => this.finish({ code, signal }, resolve));
    });
  }

  /** Spawns `command` as the leader of a new process group, stdin closed. */
  static start(opts: ManagedProcessOptions): ManagedProcess {
    installExitHook();
    const child = spawn(opts.command, [...opts.args], {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      detached: true, // new process group: stop() signals -pgid and reaches every descendant
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const p = new ManagedProcess(opts.name, child, opts.logFile);
    if (child.pid !== undefined) liveGroups.add(child.pid);
    return p;
  }

  /** False once the leader exited, and from the start when it could not be spawned. */
  get running(): boolean {
    return this.exit === undefined && this.pid > 0;
  }

  get exitInfo(): ExitInfo | undefined {
    return this.exit;
  }

  /** The last lines the process printed (stdout and stderr interleaved as they arrived). */
  lastLines(n = 15): string[] {
    return this.tail.slice(-n);
  }

  /** A mark for `linesSince`: the number of lines printed so far. */
  get lineMark(): number {
    return this.printed;
  }

  /** Lines printed after `mark` (as far as the tail still holds them), e.g. what a reload logged. */
  linesSince(mark: number): string[] {
    const n = this.printed - mark;
    return n > 0 ? this.tail.slice(-Math.min(n, this.tail.length)) : [];
  }

  /** Describes how the process ended, for error messages ("exited with code 1"). */
  describeExit(): string {
    const e = this.exit;
    if (!e) return 'still running';
    if (e.error) return `could not be started (${e.error.message})`;
    return e.signal ? `was killed by ${e.signal}` : `exited with code ${String(e.code)}`;
  }

  /** Sends a signal to the leader only (e.g. SIGHUP for a reload). */
  signal(signal: NodeJS.Signals): void {
    if (this.running && this.pid > 0) {
      try {
        process.kill(this.pid, signal);
      } catch {
        // already gone
      }
    }
  }

  /**
   * Signals the whole group, waits up to `graceMs` for the leader to exit, then SIGKILLs the group
   * (which also reaps descendants that outlived the leader). Safe to call twice.
   */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 5000): Promise<void> {
    if (this.pid <= 0) return;
    if (this.running) {
      signalGroup(this.pid, signal);
      const timedOut = await Promise.race([
        this.exited.then(() => false),
        new Promise<boolean>((r) => setTimeout(r, graceMs, true).unref()),
      ]);
      if (timedOut) signalGroup(this.pid, 'SIGKILL');
      await this.exited;
    }
    signalGroup(this.pid, 'SIGKILL');
    liveGroups.delete(this.pid);
    await new Promise<void>((r) => (this.log ? this.log.end(r) : r()));
  }

  private pushLine(line: string): void {
    this.printed++;
    this.tail.push(line);
    if (this.tail.length > TAIL_LINES) this.tail.shift();
  }

  private finish(info: ExitInfo, resolve: (i: ExitInfo) => void): void {
    if (this.exit) return;
    this.exit = info;
    resolve(info);
  }
}
