// `phoenix` cells: steps the cockpit itself performs, named on the cell's first line ("backup compare-rows"),
// for what a shell cannot do well (compare rows with a manifest, let the user choose resources in the editor,
// decrypt sealed secrets in memory only). Actions are looked up in a table the adapter provides; an unknown one
// fails and says which exist. Their safety is decided by stepSafety, like every other step's.
import type { PgSettings } from '../../../clients/postgres/postgresClient';
import type { CellExecution, CellExecutor, CellOutput, ExecutionResult } from './executor';

export interface CockpitActionContext {
  /** The words after the action's name on its line. */
  args: string[];
  /** The session's variables: its shell's environment, the cockpit's (KUBECONFIG, PG*) and the parameters. */
  variables: Record<string, string>;
  /** The environment a tool the action runs gets (kubectl, pg_restore): the variables and the session's secrets. */
  env: Record<string, string>;
  /** The cockpit's database connection (password from SecretStorage). */
  pgSettings(): Promise<PgSettings>;
  out: CellOutput;
  signal: AbortSignal;
  timeoutMs: number;
}

export interface CockpitAction {
  run(ctx: CockpitActionContext): Promise<ExecutionResult>;
}

export type CockpitActionTable = Readonly<Record<string, CockpitAction>>;

/** The action named on the cell's first line that is not blank or a # comment: its first two words, and the rest. */
export function cockpitCommand(text: string): { name: string; args: string[] } | undefined {
  const line = text.split('\n').find((l) => l.trim() && !l.trim().startsWith('#'));
  const words = line?.trim().split(/\s+/) ?? [];
  if (words.length < 2) return undefined;
  return { name: `${words[0]} ${words[1]}`, args: words.slice(2) };
}

export interface CockpitExecutorDeps {
  actions(): CockpitActionTable;
  /** The tool environment of this step (base, session, cockpit, parameters, secrets). */
  env(params: Record<string, string>): Promise<Record<string, string>>;
  pgSettings(statementTimeoutMs: number): Promise<PgSettings>;
}

export class CockpitExecutor implements CellExecutor {
  constructor(private readonly deps: CockpitExecutorDeps) {}

  async run(cell: CellExecution): Promise<ExecutionResult> {
    const cmd = cockpitCommand(cell.text);
    const table = this.deps.actions();
    const action = cmd && Object.hasOwn(table, cmd.name) ? table[cmd.name] : undefined;
    if (!cmd || !action) {
      const known = Object.keys(table).sort().join(', ') || 'none';
      const message = cmd ? `unknown cockpit action "${cmd.name}" (known: ${known})` : `a phoenix step names its action on its first line (known: ${known})`;
      cell.out.text('stderr', `${message}\n`);
      return { outcome: 'failed', message };
    }
    return action.run({
      args: cmd.args,
      variables: cell.variables,
      env: await this.deps.env(cell.params),
      pgSettings: () => this.deps.pgSettings(cell.timeoutMs),
      out: cell.out,
      signal: cell.signal,
      timeoutMs: cell.timeoutMs,
    });
  }
}
