// Shell cells (sh, bash, shell, console) in the runbook's persistent session; placeholders reach the
// script as environment variables, never as text; kubectl sees the cockpit's context through KUBECONFIG.
import { rewriteShell } from '../placeholders';
import type { ShellSession } from '../shellSession';
import type { CellExecution, CellExecutor, ExecutionResult } from './executor';
import { timeoutMessage } from './executor';

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

/** The script a shell cell runs: a console block's commands, each <placeholder> as a quoted variable. */
export function shellScript(language: string, text: string): string {
  return rewriteShell(language.toLowerCase() === 'console' ? consoleCommands(text) : text);
}

/** What the cell's output says about output that did not fit in the notebook. */
export function spillNotice(s: { file: string; bytes: number; dropped: number }): string {
  const kept = s.bytes ? ` the next ${s.bytes} bytes are in ${s.file} (deleted when this runbook is closed)` : '';
  const dropped = s.dropped ? `${kept ? ';' : ''} ${s.dropped} bytes past phoenixOps.runbooks.outputFileLimitMB were dropped` : '';
  return `\n[output past 1 MiB was not kept in the notebook:${kept}${dropped}]\n`;
}

export class ShellExecutor implements CellExecutor {
  constructor(private readonly deps: ShellExecutorDeps) {}

  async run(cell: CellExecution): Promise<ExecutionResult> {
    const script = shellScript(cell.language, cell.text);
    const env = await this.deps.cockpitEnv();
    const limit = this.deps.outputFileLimitBytes?.();
    const r = await this.deps.session.run({
      script,
      managedEnv: { ...env.managed, ...cell.params },
      cellEnv: env.secret,
      ...(cell.options.cwd ? { cwd: cell.options.cwd } : {}),
      timeoutMs: cell.timeoutMs,
      signal: cell.signal,
      onOutput: (stream, text) => cell.out.text(stream, text),
      ...(limit ? { outputFileLimitBytes: limit } : {}),
    });
    if (r.spill) cell.out.text('stderr', spillNotice(r.spill));
    switch (r.outcome) {
      case 'succeeded':
        return { outcome: 'succeeded', exitCode: 0 };
      case 'failed':
        return { outcome: 'failed', exitCode: r.exitCode, message: r.exitCode !== undefined ? `exit status ${r.exitCode}` : `ended by ${r.signal ?? 'a signal'}` };
      case 'timedOut':
        return { outcome: 'timedOut', message: timeoutMessage(cell.timeoutMs) };
      default:
        return { outcome: 'cancelled' };
    }
  }
}
