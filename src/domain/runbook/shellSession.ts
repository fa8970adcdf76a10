// A runbook's shell session: each cell runs as its own bash process group, its processes marked so cancel and
// timeouts end every one of them (those in sessions of their own too), and the exported environment and working
// directory it ends with carry into the next cell.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { clampTimerMs } from '../../core/timers';
import type { CellInput } from './executors/executor';
import { OutputSpill, type SpillReport } from './outputSpill';
import { CELL_MARKER_VAR, signalCell } from './processTree';

export interface ShellSessionOptions {
  /** The environment of the first cell. */
  env: Record<string, string>;
  cwd: string;
  /** The session's own folder for output past the cap: removed when the session ends. */
  spillDir: string;
  /** Output kept in memory (and shown) per cell; the rest goes to a file. Default 1 MiB. */
  outputCapBytes?: number;

  /** Never written to the session's snapshot: passed to each cell's environment afresh (e.g. PGPASSWORD). */
  secretKeys?: readonly string[];
  shell?: string;
}

export interface ShellRun {
  script: string;
  /** Variables the cockpit manages (KUBECONFIG, PG*, parameters): set unless the user changed them in the session. */
  managedEnv?: Record<string, string>;
  /** Variables for this cell only (never kept). */
  cellEnv?: Record<string, string>;
  /** A working directory for this cell (relative to the session's). */
  cwd?: string;
  /**
   * Default true: stop at the first command that fails, a pipeline failing if any part of it does (bash's errexit,
   * errtrace, pipefail and inherit_errexit), and say which command it was. False: every command runs, the last one's
   * status is the cell's.
   */
  errexit?: boolean;
  /** How long the cell may run; undefined: no limit (a background cell without a timeout attribute). */
  timeoutMs: number | undefined;
  signal?: AbortSignal;
  onOutput(stream: 'stdout' | 'stderr', text: string): void;
  /** Output the cell may write to its overflow file; the rest is dropped. Default 100 MiB. */
  outputFileLimitBytes?: number;
  /**
   * Runme's background=true: runs beside the session's other cells until it ends, is stopped (signal), times out (only
   * with a timeoutMs) or the session ends. As in Runme (its runner collects a command's environment when the command
   * has exited successfully), what it exports reaches the session only when it has ended by itself with status 0:
   * the variables it set or changed are merged in then, and later cells see them; while it runs, they see none.
   */
  background?: boolean;
  /** interactive=true: stdin is a pipe the user's typing is written to (without it, stdin is /dev/null). */
  input?: CellInput;
}

export interface ShellResult {
  outcome: 'succeeded' | 'failed' | 'cancelled' | 'timedOut';
  exitCode?: number;
  /** The signal that ended the process, if one did. */
  signal?: string;
  durationMs: number;
  /** Set when output passed the cap: the file holding the rest, how many bytes went there, how many were dropped. */
  spill?: SpillReport;
  /** With errexit: the command that failed and stopped the cell (line counted in the cell's own text, from 1). */
  failedCommand?: { line: number; command: string; exitCode: number };
  /** A background cell that ended successfully: the variables it set, changed or unset, now the session's too. */
  exported?: string[];
}

/** How long after SIGTERM a cell's process group gets SIGKILL. */
const KILL_GRACE_MS = 300;
/** How long output may still arrive after the shell exited (a background job holding the pipe is then killed). */
const DRAIN_MS = 200;
const NOT_CARRIED = new Set(['_', 'SHLVL', 'PWD', 'OLDPWD', '__PHX_ENV', '__PHX_CWD', '__PHX_ERR', CELL_MARKER_VAR]);
/** The preamble's own functions, exported by its `set -a`: never a cell's export. */
const PREAMBLE_FUNCTIONS = /^BASH_FUNC_(?:__phx_\w+|set)%%$/;

export class ShellSession {
  private env: Record<string, string>;
  /** The environment the session started with: its values of managed variables are not the user's. */
  private readonly initialEnv: Record<string, string>;
  private cwdPath: string;
  private readonly dir: string;
  /** The value the cockpit last set for each managed variable, to tell its own values from the user's. */
  private readonly managed = new Map<string, string>();
  private runs = 0;
  private running: { child: ChildProcess; marker: string } | undefined;
  private readonly backgrounds = new Set<{ child: ChildProcess; marker: string }>();
  private disposed = false;

  constructor(private readonly opts: ShellSessionOptions) {
    this.env = { ...opts.env };
    this.initialEnv = { ...opts.env };
    this.cwdPath = opts.cwd;
    this.dir = mkdtempSync(join(tmpdir(), 'phoenix-runbook-'));
  }

  get cwd(): string {
    return this.cwdPath;
  }

  /** A private directory (mode 0700) for the session's files, removed when it ends. */
  get scratchDir(): string {
    return this.dir;
  }

  /** The session's environment as the next cell will see it (before managed variables are applied). */
  get environment(): Readonly<Record<string, string>> {
    return this.env;
  }

  /** Whether a step set this variable itself (so it no longer follows the cockpit's value). */
  userSet(name: string): boolean {
    const now = this.env[name];
    return now !== undefined && this.managed.has(name) && now !== this.managed.get(name) && now !== this.initialEnv[name];
  }

  /** Sets variables for the next cells, as `export NAME=value` in a cell would (promptEnv's answers). */
  export(values: Record<string, string>): void {
    Object.assign(this.env, values);
  }

  /** Forgets variables (e.g. reset parameters). */
  unset(names: Iterable<string>): void {
    for (const n of names) {
      delete this.env[n];
      this.managed.delete(n);
    }
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  async run(req: ShellRun): Promise<ShellResult> {
    if (this.disposed) throw new Error('the runbook session has ended');
    if (this.running && !req.background) throw new Error('another cell of this runbook is still running');
    const started = Date.now();
    const n = ++this.runs;
    const scriptFile = join(this.dir, `cell-${n}.sh`);
    const envFile = join(this.dir, `cell-${n}.env`);
    const cwdFile = join(this.dir, `cell-${n}.cwd`);
    const errFile = join(this.dir, `cell-${n}.err`);
    const secretArgs = (this.opts.secretKeys ?? []).map((k) => `-u ${k}`).join(' ');
    // The EXIT trap snapshots what the cell leaves behind; set -a exports plain assignments too, so they carry over.
    // With errexit the ERR trap notes the first failing command (status, line, text) before bash stops the cell.
    const preamble = [
      `__phx_snapshot() { env -0 ${secretArgs} > "$__PHX_ENV" 2>/dev/null; pwd -P > "$__PHX_CWD" 2>/dev/null; }`,
      'trap __phx_snapshot EXIT',
      'set -a',
      ...(req.errexit === false
        ? []
        : [
            '__phx_failed() { [ -e "$__PHX_ERR" ] || printf \'%s\\n%s\\n%s\' "$1" "$2" "$3" > "$__PHX_ERR"; }',
            // errexit done by the ERR trap (same places as set -e, subshells and substitutions included through -E), so
            // that one failure is let through: a pipeline whose reader succeeded and whose writers only died of SIGPIPE
            // (141) because the reader stopped early — `kubectl get pods | head -1` did what was asked.
            '__phx_err() { local s ok=1; local -a st=($2); if [ -n "${__phx_noexit:-}" ]; then return 0; fi; if [ ${#st[@]} -gt 1 ] && [ "${st[${#st[@]}-1]}" = 0 ]; then for s in "${st[@]}"; do case $s in 0|141) ;; *) ok=0 ;; esac; done; if [ $ok = 1 ]; then return 0; fi; fi; __phx_failed "$1" "$3" "$4"; exit "$1"; }',
            'trap \'__phx_err "$?" "${PIPESTATUS[*]}" "$LINENO" "$BASH_COMMAND"\' ERR',
            'set -E -o pipefail',
            // A step's own `set +e` / `set -e` turn this errexit off and on again, as they would bash's.
            'set() { local a; local -a rest=(); for a in "$@"; do case $a in +e) __phx_noexit=1 ;; -e) __phx_noexit= ;; *) rest+=("$a") ;; esac; done; if [ ${#rest[@]} -gt 0 ]; then builtin set "${rest[@]}"; fi; }',
          ]),
    ];
    writeFileSync(scriptFile, `${preamble.join('\n')}\n${req.script}\n`, { mode: 0o600 });
    for (const [k, v] of Object.entries(req.managedEnv ?? {})) {
      const now = this.env[k];
      // A value the user set in a step stays; the cockpit's own (or the inherited one) follows the selection.
      if (now === undefined || now === this.managed.get(k) || now === this.initialEnv[k]) this.env[k] = v;
      this.managed.set(k, v);
    }
    const cwd = req.cwd ? resolveCwd(this.cwdPath, req.cwd) : this.cwdPath;
    // What a background cell starts from: its exports are what differs from this when it ends.
    const startEnv = req.background ? { ...this.env } : undefined;
    const marker = randomUUID();
    const child = spawn(this.opts.shell ?? 'bash', ['--noprofile', '--norc', scriptFile], {
      cwd,
      env: { ...this.env, ...req.cellEnv, __PHX_ENV: envFile, __PHX_CWD: cwdFile, __PHX_ERR: errFile, [CELL_MARKER_VAR]: marker },
      stdio: [req.input ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      // Its own process group: killing -pid reaches every process the cell started.
      detached: true,
    });
    const entry = { child, marker };
    if (req.background) this.backgrounds.add(entry);
    else this.running = entry;
    const output = new OutputSpill(this.opts.outputCapBytes ?? 1024 * 1024, req.outputFileLimitBytes ?? 100 * 1024 * 1024, this.opts.spillDir, n, (stream, text) => req.onOutput(stream, text));
    const decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
    // A process that exits without reading what was typed closes the pipe (EPIPE): nothing to report.
    child.stdin?.on('error', () => undefined);
    const detachInput = req.input?.attach({
      write: (text) => {
        if (child.stdin?.writable) child.stdin.write(text);
      },
      end: () => child.stdin?.end(),
    });
    child.stdout?.on('data', (b: Buffer) => output.write('stdout', b, decoders.stdout));
    child.stderr?.on('data', (b: Buffer) => output.write('stderr', b, decoders.stderr));

    let stopReason: 'cancelled' | 'timedOut' | undefined;
    const stop = (why: 'cancelled' | 'timedOut') => {
      if (stopReason) return;
      stopReason = why;
      signalCell(child.pid, marker, 'SIGTERM');
      setTimeout(() => signalCell(child.pid, marker, 'SIGKILL'), KILL_GRACE_MS).unref();
    };
    const timer = req.timeoutMs === undefined ? undefined : setTimeout(() => stop('timedOut'), clampTimerMs(req.timeoutMs));
    const onAbort = () => stop('cancelled');
    if (req.signal?.aborted) onAbort();
    else req.signal?.addEventListener('abort', onAbort, { once: true });

    try {
      const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
        child.once('error', (error) => resolve({ code: null, signal: null, error }));
        child.once('exit', (code, signal) => resolve({ code, signal }));
      });
      if (exit.error) throw new Error(`could not start bash: ${exit.error.message}`);
      await drained(child, DRAIN_MS);
      // Background jobs end with their cell (in sessions of their own too): nothing the runbook started outlives it.
      signalCell(child.pid, marker, 'SIGKILL');
      output.end(decoders);
      const durationMs = Date.now() - started;
      const spill = output.report();
      if (stopReason) return { outcome: stopReason, signal: exit.signal ?? undefined, durationMs, ...(spill ? { spill } : {}) };
      const exitCode = exit.code ?? undefined;
      if (!req.background) this.takeSnapshot(envFile, cwdFile);
      const exported = startEnv && exitCode === 0 ? this.mergeExports(envFile, startEnv) : undefined;
      const failedCommand = exitCode ? failureOf(errFile, preamble.length) : undefined;
      return {
        outcome: exitCode === 0 ? 'succeeded' : 'failed',
        exitCode,
        signal: exit.signal ?? undefined,
        durationMs,
        ...(spill ? { spill } : {}),
        ...(failedCommand ? { failedCommand } : {}),
        ...(exported?.length ? { exported } : {}),
      };
    } finally {
      clearTimeout(timer);
      detachInput?.();
      req.signal?.removeEventListener('abort', onAbort);
      if (req.background) this.backgrounds.delete(entry);
      else this.running = undefined;
      for (const f of [scriptFile, envFile, cwdFile, errFile]) rmSync(f, { force: true });
    }
  }

  /** The environment a cell ended with (its EXIT trap's snapshot); undefined when the cell replaced the trap. */
  private readSnapshot(envFile: string): Record<string, string> | undefined {
    let raw: string;
    try {
      raw = readFileSync(envFile, 'utf8');
    } catch {
      return undefined;
    }
    const env: Record<string, string> = {};
    for (const entry of raw.split('\0')) {
      const eq = entry.indexOf('=');
      if (eq <= 0) continue;
      const name = entry.slice(0, eq);
      if (!NOT_CARRIED.has(name)) env[name] = entry.slice(eq + 1);
    }
    return env;
  }

  /**
   * A background cell's exports merged into the session as Runme merges them: only what it changed from the
   * environment it started with (so what the cells run meanwhile set stays), its working directory not carried.
   */
  private mergeExports(envFile: string, startEnv: Record<string, string>): string[] {
    const end = this.readSnapshot(envFile);
    if (!end) return [];
    const secret = new Set(this.opts.secretKeys ?? []);
    const changed: string[] = [];
    for (const [k, v] of Object.entries(end)) {
      if (startEnv[k] === v || PREAMBLE_FUNCTIONS.test(k)) continue;
      this.env[k] = v;
      changed.push(k);
    }
    // (Secret keys and the shell's own variables are left out of every snapshot: their absence is not an unset.)
    for (const k of Object.keys(startEnv)) {
      if (k in end || secret.has(k) || NOT_CARRIED.has(k)) continue;
      delete this.env[k];
      changed.push(k);
    }
    return changed.sort();
  }

  private takeSnapshot(envFile: string, cwdFile: string): void {
    const env = this.readSnapshot(envFile);
    if (!env) return; // the cell replaced the EXIT trap: keep the environment as it was
    this.env = env;
    try {
      const cwd = readFileSync(cwdFile, 'utf8').trim();
      if (cwd) this.cwdPath = cwd;
    } catch {
      // keep the previous directory
    }
  }

  /** Kills a running cell and removes the session's files (its output overflow files too). */
  dispose(): void {
    this.disposed = true;
    if (this.running) signalCell(this.running.child.pid, this.running.marker, 'SIGKILL');
    for (const b of this.backgrounds) signalCell(b.child.pid, b.marker, 'SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
    rmSync(this.opts.spillDir, { recursive: true, force: true });
  }
}

/** The first failing command the ERR trap noted: its status, its line in the cell (the preamble's lines taken off) and text. */
function failureOf(errFile: string, preambleLines: number): ShellResult['failedCommand'] {
  let raw: string;
  try {
    raw = readFileSync(errFile, 'utf8');
  } catch {
    return undefined;
  }
  const [status, line, ...command] = raw.split('\n');
  const exitCode = Number(status);
  const at = Number(line) - preambleLines;
  if (!Number.isInteger(exitCode) || !Number.isInteger(at)) return undefined;
  return { exitCode, line: at, command: command.join('\n') };
}

function resolveCwd(base: string, cwd: string): string {
  return cwd.startsWith('/') ? cwd : join(base, cwd);
}

function drained(child: ChildProcess, ms: number): Promise<void> {
  const streams = [child.stdout, child.stderr].filter((s) => s && !s.readableEnded && !s.destroyed);
  if (!streams.length) return Promise.resolve();
  return new Promise((resolve) => {
    let left = streams.length;
    const timer = setTimeout(resolve, ms);
    for (const s of streams) {
      s?.once('close', () => {
        if (--left === 0) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
  });
}
