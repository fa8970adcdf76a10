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

export class ShellExecutor implements CellExecutor {
  constructor(private readonly deps: ShellExecutorDeps) {}

  async run(cell: CellExecution): Promise<ExecutionResult> {
    const script = rewriteShell(cell.language.toLowerCase() === 'console' ? consoleCommands(cell.text) : cell.text);
    const env = await this.deps.cockpitEnv();
    const r = await this.deps.session.run({
      script,
      managedEnv: { ...env.managed, ...cell.params },
      cellEnv: env.secret,
      ...(cell.options.cwd ? { cwd: cell.options.cwd } : {}),
      timeoutMs: cell.timeoutMs,
      signal: cell.signal,
      onOutput: (stream, text) => cell.out.text(stream, text),
    });
    if (r.spill) cell.out.text('stderr', `\n[output past 1 MiB was not kept in the notebook: the remaining ${r.spill.bytes} bytes are in ${r.spill.file}]\n`);
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
