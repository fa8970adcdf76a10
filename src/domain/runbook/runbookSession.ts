// One open runbook's session: its shell (environment and directory carry over), the parameter values
// given so far, the transcript of its runs, and the executors by language.
import type { PgSettings } from '../../clients/postgres/postgresClient';
import type { PrometheusClient } from '../../clients/prometheus/prometheusClient';
import type { ServiceError } from '../../clients/http/serviceError';
import type { CockpitEnvironment } from './cockpitEnvironment';
import type { CellInput, CellOutput } from './executors/executor';
import { CockpitExecutor, type CockpitActionTable } from './executors/cockpitExecutor';
import { HttpExecutor } from './executors/httpExecutor';
import { InterpreterExecutor } from './executors/interpreterExecutor';
import { PromqlExecutor } from './executors/promqlExecutor';
import { ShellExecutor } from './executors/shellExecutor';
import { SqlExecutor } from './executors/sqlExecutor';
import { type FrontMatter, isBash } from './frontMatter';
import type { Placeholder } from './placeholders';
import type { EnvPrompt } from './promptEnv';
import { RunbookRunner, type Step, type StepGate, type StepResult } from './runbookRunner';
import type { TranscriptEntry } from './runTranscript';
import { ShellSession } from './shellSession';

export interface RunbookSessionDeps {
  /** The runbook's file name, for the transcript. */
  runbook: string;
  /** The first step's working directory (the runbook's folder). */
  cwd: string;
  /** The environment the session starts from. */
  baseEnv: Record<string, string>;
  /** The session's own folder for output past the cap (removed when the session ends). */
  spillDir: string;
  /** Output one step may write there, read per step (the rest is dropped). */
  outputFileLimitBytes?(): number;
  /** The largest HTTP response an HTTP step reads, read per step. */
  maxResponseBytes?(): number;
  /** The cockpit's variables for a step, given the session's scratch directory (for the kubeconfig override). */
  cockpitEnv(scratchDir: string): Promise<CockpitEnvironment>;
  pgSettings(database: string | undefined, statementTimeoutMs: number): Promise<PgSettings>;
  prometheus(urlOverride: string | undefined, timeoutMs: number): PrometheusClient | ServiceError;
  tokenFor(url: string): Promise<string | undefined>;
  gate: StepGate;
  /** Asks whether to run a block without a closing fence anyway. */
  confirmUnclosed(step: Step): Promise<boolean>;
  /** promptEnv: asks one variable a shell step exports (`n` of `count`); undefined when the user cancelled. */
  askEnv(prompt: EnvPrompt, step: Step, n: number, count: number): Promise<string | undefined>;
  /** Asks the user for values; undefined when they gave none. */
  ask(placeholders: Placeholder[], step: Step): Promise<Record<string, string> | undefined>;
  selection(): { context?: string; namespace?: string };
  defaultTimeoutMs(): number;
  /** phoenixOps.readOnly, read when a step runs. */
  readOnly(): boolean;
  /** The user's own read-only commands (user settings only: a workspace cannot vouch for a command). */
  knownReadOnly(): readonly string[];
  user: string;
  /** Called with each transcript entry (the adapter appends it to the audit transcript file). */
  onRecord?(entry: TranscriptEntry): void;
  /** The actions of `phoenix` steps (a generated restore runbook's); without them such steps are not runnable. */
  cockpitActions?: () => CockpitActionTable;
  outputCapBytes?: number;
  /** What the runbook's front matter says (shell, skipPrompts, runme.id); its cwd is already in `cwd`. */
  frontMatter?: FrontMatter;
}

export class RunbookSession {
  readonly shell: ShellSession;
  readonly transcript: TranscriptEntry[] = [];
  private readonly params = new Map<string, string>();
  private env: CockpitEnvironment = { managed: {}, secret: {} };
  private readonly runner: RunbookRunner;

  constructor(private readonly deps: RunbookSessionDeps) {
    // (Front matter that could not be read carries none of these: see readFrontMatter.)
    const fmShell = deps.frontMatter?.shell;
    this.shell = new ShellSession({
      env: deps.baseEnv,
      cwd: deps.cwd,
      spillDir: deps.spillDir,
      secretKeys: ['PGPASSWORD'],
      ...(fmShell && isBash(fmShell) ? { shell: fmShell } : {}),
      ...(deps.outputCapBytes ? { outputCapBytes: deps.outputCapBytes } : {}),
    });
    const shell = new ShellExecutor({ session: this.shell, cockpitEnv: () => Promise.resolve(this.env), outputFileLimitBytes: () => deps.outputFileLimitBytes?.() });
    this.runner = new RunbookRunner({
      executors: {
        // Another shell than bash (zsh, ksh …) runs each shell cell's script, as Runme runs it with that shell.
        shell: fmShell && !isBash(fmShell) ? new InterpreterExecutor({ session: this.shell, shell, path: () => this.env.managed.PATH ?? this.shell.environment.PATH ?? '', shellProgram: fmShell }) : shell,
        interpreter: new InterpreterExecutor({ session: this.shell, shell, path: () => this.env.managed.PATH ?? this.shell.environment.PATH ?? '' }),
        sql: new SqlExecutor({ settings: (db, ms) => deps.pgSettings(db, ms) }),
        promql: new PromqlExecutor({ client: (url, ms) => deps.prometheus(url, ms) }),
        http: new HttpExecutor({ tokenFor: (url) => deps.tokenFor(url), maxResponseBytes: () => deps.maxResponseBytes?.() }),
        ...(deps.cockpitActions ? { cockpit: this.cockpitExecutor(deps.cockpitActions) } : {}),
      },
      gate: deps.gate,
      parameters: { values: (wanted, step) => this.values(wanted, step) },
      known: (name) => this.shell.environment[name] !== undefined || this.params.has(name) || name in this.env.managed || name in this.env.secret,
      variables: () => ({ ...this.shell.environment, ...this.env.managed, ...Object.fromEntries(this.params) }),
      record: (step) => {
        const id = deps.frontMatter?.runmeId;
        const entry = id ? { ...step, notebookId: id } : step;
        this.transcript.push(entry);
        deps.onRecord?.(entry);
      },
      selection: () => deps.selection(),
      defaultTimeoutMs: () => deps.defaultTimeoutMs(),
      readOnly: () => deps.readOnly(),
      knownReadOnly: () => deps.knownReadOnly(),
      kubeconfigOverride: () => (this.shell.userSet('KUBECONFIG') ? 'an earlier step exported its own KUBECONFIG' : undefined),
      confirmUnclosed: (step) => deps.confirmUnclosed(step),
      askEnv: (prompt, step, n, count) => deps.askEnv(prompt, step, n, count),
      sessionValue: (name) => this.shell.environment[name] ?? this.params.get(name),
      cockpitVariable: (name) => name in this.env.managed || name in this.env.secret,
      exportToSession: (values) => this.shell.export(values),
      skipPrompts: () => deps.frontMatter?.skipPrompts === true,
      user: deps.user,
    });
  }

  get runbook(): string {
    return this.deps.runbook;
  }

  /** The parameter values given so far, by name. */
  get parameters(): ReadonlyMap<string, string> {
    return this.params;
  }

  skippedByRunAll(step: Step): boolean {
    return this.runner.skippedByRunAll(step);
  }

  /** interactive=true on a shell or interpreter step: it runs in a terminal the user can type into. */
  interactive(step: Step): boolean {
    return this.runner.interactive(step);
  }

  async runStep(step: Step, signal: AbortSignal, out: CellOutput, input?: CellInput): Promise<StepResult> {
    // Unreadable front matter is not used at all: say so with each step, so its shell/cwd/skipPrompts are not assumed.
    const fmError = this.deps.frontMatter?.error;
    if (fmError) out.text('stderr', `Note: ${fmError}; its shell, cwd and skipPrompts are not used.\n`);
    // Recomputed per step: the selection, the settings or the password may have changed since the last one.
    this.env = await this.deps.cockpitEnv(this.shell.scratchDir);
    return this.runner.runStep(step, signal, out, input);
  }

  private cockpitExecutor(actions: () => CockpitActionTable): CockpitExecutor {
    return new CockpitExecutor({
      actions,
      // runStep has just refreshed the cockpit's variables for this step.
      env: (params) => Promise.resolve({ ...this.deps.baseEnv, ...this.shell.environment, ...this.env.managed, ...params, ...this.env.secret }),
      pgSettings: (statementTimeoutMs) => this.deps.pgSettings(undefined, statementTimeoutMs),
    });
  }

  /** Forgets the parameter values (and the variables they set), so the next step asks again. */
  resetParameters(): string[] {
    const names = [...this.params.keys()];
    this.shell.unset(names);
    this.params.clear();
    return names;
  }

  setParameter(name: string, value: string): void {
    this.params.set(name, value);
  }

  private async values(wanted: Placeholder[], step: Step): Promise<Record<string, string> | undefined> {
    const missing = wanted.filter((p) => !this.params.has(p.name));
    // skipPrompts: true in the front matter: nothing is asked; a step missing a value is not run.
    if (missing.length && this.deps.frontMatter?.skipPrompts) return undefined;
    if (missing.length) {
      const given = await this.deps.ask(missing, step);
      if (!given) return undefined;
      for (const [k, v] of Object.entries(given)) this.params.set(k, v);
    }
    return Object.fromEntries(this.params);
  }

  dispose(): void {
    this.shell.dispose();
  }
}
