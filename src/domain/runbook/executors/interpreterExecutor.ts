// Cells Runme runs through an interpreter (python, js, ts, ruby, …; or the program a cell's interpreter= names):
// the cell text goes to a private file that the first installed interpreter runs, as one command of the runbook's
// session (its environment, directory, timeout, Stop and output handling). A missing interpreter is named.
import { randomUUID } from 'node:crypto';
import { accessSync, constants, rmSync, writeFileSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { interpretersOf, isShellLanguage } from '../cellLanguages';
import type { ShellSession } from '../shellSession';
import type { CellExecution, CellExecutor, ExecutionResult } from './executor';
import { cellScript, type ShellExecutor, stripPrompts } from './shellExecutor';

export interface InterpreterExecutorDeps {
  session: ShellSession;
  /** Runs the command line in the session as the cell. */
  shell: ShellExecutor;
  /** The PATH the cell will see. */
  path(): string;
  /** Shell cells of a runbook whose front matter names a shell other than bash: that shell runs each cell's script. */
  shellProgram?: string;
}

/** Runme's normalizeProgramName: the first word is the program, the rest (split at spaces) its arguments. */
export function programOf(commandLine: string): { program: string; args: string[] } {
  const [program, rest] = commandLine.trim().split(/ (.*)/s);
  return { program: program ?? '', args: rest ? rest.split(' ').filter((a) => a !== '') : [] };
}

/** Where a program is found: an absolute or relative path as is (if executable), a bare name on PATH. */
export function findProgram(program: string, path: string): string | undefined {
  const executable = (p: string) => {
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (program.includes('/')) return executable(program) ? program : undefined;
  for (const dir of path.split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    const full = join(dir, program);
    if (executable(full)) return full;
  }
  return undefined;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export class InterpreterExecutor implements CellExecutor {
  constructor(private readonly deps: InterpreterExecutorDeps) {}

  async run(cell: CellExecution): Promise<ExecutionResult> {
    const spec = interpretersOf(cell.language);
    const fixed = this.deps.shellProgram;
    const candidates = cell.options.interpreter ? [cell.options.interpreter] : fixed ? [fixed] : (spec?.programs ?? []);
    const path = this.deps.path();
    const chosen = candidates.map(programOf).find((c) => findProgram(c.program, path));
    if (!chosen) {
      const names = candidates.map((c) => programOf(c).program);
      const what = cell.options.interpreter ? `its interpreter=${cell.options.interpreter}` : fixed ? 'shell cells: the front matter says shell: ' + fixed : `${cell.language} cells, as in Runme`;
      const message = `${names.join(' or ') || 'no interpreter'} (for ${what}) is not installed: none of them is on the PATH. Install it, or name another program with interpreter=<program> on the fence.`;
      cell.out.text('stderr', `${message}\n`);
      return { outcome: 'failed', message };
    }
    const file = join(this.deps.session.scratchDir, `cell-${randomUUID()}.${fixed ? 'sh' : (spec?.ext ?? 'txt')}`);
    const text = fixed ? cellScript(cell) : isShellLanguage(cell.language) || cell.language === 'ksh' ? stripPrompts(cell.text) : cell.text;
    writeFileSync(file, text, { mode: 0o600 });
    const remove = () => rmSync(file, { force: true });
    try {
      // One command: its exit status is the cell's (no "stopped at line 1" of a wrapper the user never wrote).
      const r = await this.deps.shell.runScript(cell, [chosen.program, ...chosen.args, file].map(quote).join(' '), false);
      // A background cell's program still reads its file: removed when it ends.
      if (r.background) void r.background.finally(remove);
      else remove();
      return r;
    } catch (e) {
      remove();
      throw e;
    }
  }
}
