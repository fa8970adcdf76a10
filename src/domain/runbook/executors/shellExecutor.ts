// Shell cells (sh, bash, shell, console) in the runbook's persistent session; placeholders reach the
// script as environment variables, never as text; kubectl sees the cockpit's context through KUBECONFIG.
import { isShellLanguage } from '../cellLanguages';
import { rewriteShell } from '../placeholders';
import type { ShellResult, ShellSession } from '../shellSession';
import type { CellExecution, CellExecutor, ExecutionResult } from './executor';
import { backgroundTimeoutMessage, durationText, timeoutMessage } from './executor';

export interface ShellExecutorDeps {
  session: ShellSession;
  /** Variables the cockpit provides (KUBECONFIG for the selection, PROMETHEUS_URL, PG* …), computed per run. */
  cockpitEnv(): Promise<{ managed: Record<string, string>; secret: Record<string, string> }>;
  /** phoenixOps.runbooks.outputFileLimitMB in bytes, read per cell; undefined: the session's default. */
  outputFileLimitBytes?(): number | undefined;
}

/** A console block's commands: `$ ` prompts stripped, output lines (without a prompt) dropped. */
export function consoleCommands(text: string): string {
  const lines = text.split('\n');
  if (!lines.some((l) => /^\s*\$ /.test(l))) return text;
  const out: string[] = [];
  let continuing = false;
  for (const l of lines) {
    const m = /^\s*\$ (.*)$/.exec(l);
    if (m) out.push(m[1]);
    else if (continuing) out.push(l);
    else continue;
    continuing = /\\$/.test(out[out.length - 1]);
  }
  return out.join('\n');
}

/**
 * Runme's prompt handling in shell cells (internal/runner/client prepareCommandSeq): a line starting with "$" is a
 * command with its prompt; the "$" and the spaces after it are dropped, other lines stay. Unlike Runme, a line such as
 * "$HOME/bin/tool" (a variable, not a prompt) is kept: only "$" followed by a space, or alone, is a prompt.
 */
export function stripPrompts(text: string): string {
  return text
    .split('\n')
    .map((l) => (/^\$( |$)/.test(l) ? l.slice(1).replace(/^ +/, '') : l))
    .join('\n');
}

/** A shell cell's commands: a console block's commands, or the text with its `$ ` prompts off. */
export function shellCommands(language: string, text: string): string {
  const lower = language.toLowerCase();
  return lower === 'console' ? consoleCommands(text) : isShellLanguage(lower) ? stripPrompts(text) : text;
}

/** The script a shell cell runs: its commands, each <placeholder> as a quoted variable. */
export function shellScript(language: string, text: string): string {
  return rewriteShell(shellCommands(language, text));
}

/** The script of a cell being run: its prepared commands (promptEnv's) when it has them. */
export function cellScript(cell: Pick<CellExecution, 'language' | 'text' | 'commands'>): string {
  return cell.commands !== undefined ? rewriteShell(cell.commands) : shellScript(cell.language, cell.text);
}

/** What the cell's output says about output that did not fit in the notebook. */
export function spillNotice(s: { file: string; bytes: number; dropped: number }): string {
  const kept = s.bytes ? ` the next ${s.bytes} bytes are in ${s.file} (deleted when this runbook is closed)` : '';
  const dropped = s.dropped ? `${kept ? ';' : ''} ${s.dropped} bytes past phoenixOps.runbooks.outputFileLimitMB were dropped` : '';
  return `\n[output past 1 MiB was not kept in the notebook:${kept}${dropped}]\n`;
}

/** "line 2 (`false`) exited with status 1", or "exit status 3", or "ended by SIGKILL". */
export function failureText(r: { exitCode?: number; signal?: string; failedCommand?: { line: number; command: string; exitCode: number } }, script: string): string {
  const f = r.failedCommand;
  if (f) {
    // The line as written says more than bash's last simple command (a pipeline, a function call).
    const text = script.split('\n')[f.line - 1]?.trim() || f.command;
    return `line ${f.line} (\`${text.length > 120 ? `${text.slice(0, 117)}…` : text}\`), which exited with status ${f.exitCode}`;
  }
  return r.exitCode !== undefined ? `exit status ${r.exitCode}` : `ended by ${r.signal ?? 'a signal'}`;
}

export class ShellExecutor implements CellExecutor {
  constructor(private readonly deps: ShellExecutorDeps) {}

  async run(cell: CellExecution): Promise<ExecutionResult> {
    return this.runScript(cell, cellScript(cell), !cell.options.allowFailure);
  }

  /** Runs a script in the session as this cell (another executor's too: an interpreter's command line). */
  async runScript(cell: CellExecution, script: string, errexit: boolean): Promise<ExecutionResult> {
    const env = await this.deps.cockpitEnv();
    const limit = this.deps.outputFileLimitBytes?.();
    const run = this.deps.session.run({
      script,
      managedEnv: { ...env.managed, ...cell.params },
      cellEnv: env.secret,
      ...(cell.options.cwd ? { cwd: cell.options.cwd } : {}),
      // A cell fails when any command in it fails, unless it says failures are expected.
      errexit,
      // A background cell (a port-forward, a watch) runs until stopped, or for its own timeout attribute when it has one.
      timeoutMs: cell.options.background ? cell.options.timeoutMs : cell.timeoutMs,
      signal: cell.signal,
      onOutput: (stream, text) => cell.out.text(stream, text),
      ...(limit ? { outputFileLimitBytes: limit } : {}),
      ...(cell.options.background ? { background: true } : {}),
      ...(cell.input ? { input: cell.input } : {}),
    });
    if (cell.options.background) {
      // Started (the process exists once run() returns its promise): the step returns now, the cell ends with the process.
      const done = run.then(
        (r) => this.resultOf(cell, script, r),
        (e: unknown) => ({ outcome: 'failed' as const, message: e instanceof Error ? e.message : String(e) }),
      );
      const limit = cell.options.timeoutMs === undefined ? 'Stop ends it' : `Stop ends it, or its timeout after ${durationText(cell.options.timeoutMs)}`;
      return { outcome: 'succeeded', message: `started in the background (background=true): its output keeps coming; ${limit}`, background: done };
    }
    return this.resultOf(cell, script, await run);
  }

  private resultOf(cell: CellExecution, script: string, r: ShellResult): ExecutionResult {
    if (r.spill) cell.out.text('stderr', spillNotice(r.spill));
    switch (r.outcome) {
      case 'succeeded':
        // A background cell's exports reach the session when it ends (as in Runme): say which, so no one wonders.
        if (r.exported?.length) cell.out.text('stderr', `\n[background step ended: ${r.exported.join(', ')} ${r.exported.length === 1 ? 'is' : 'are'} now set for the next steps]\n`);
        return { outcome: 'succeeded', exitCode: 0 };
      case 'failed': {
        const why = failureText(r, script);
        if (r.failedCommand) {
          cell.out.text('stderr', `\n✗ Stopped at ${why}.\n  The commands after it did not run: a step fails when any of its commands fails.\n  (If failures are expected here, add allowFailure=true to the fence.)\n`);
        } else if (cell.options.allowFailure) {
          cell.out.text('stderr', `\n✗ ${why} (allowed: allowFailure=true; Run All goes on).\n`);
        }
        return { outcome: 'failed', exitCode: r.exitCode, message: why };
      }
      case 'timedOut':
        return { outcome: 'timedOut', message: cell.options.background ? backgroundTimeoutMessage(cell.timeoutMs) : timeoutMessage(cell.timeoutMs) };
      default:
        return { outcome: 'cancelled' };
    }
  }
}
