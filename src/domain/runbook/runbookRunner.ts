// Runs one runbook step: reads its attributes, refuses a wrong context, asks for missing placeholders,
// passes mutations through the gate (confirmation, read-only, protected contexts), runs the executor for
// its language, and writes the transcript entry.
import { withTimeout } from '../../core/abort';
import { attributeProblems, cellOptions, ignoredCell, parseFenceInfo } from './cellAttributes';
import { type ExecutorKind, executorKindOf } from './cellLanguages';
import type { CellExecutor, CellInput, CellOutput, ExecutionResult } from './executors/executor';
import { shellCommands, shellScript } from './executors/shellExecutor';
import { findPlaceholders, type Placeholder } from './placeholders';
import { type EnvPrompt, planPromptEnv, type PromptEnvPlan, promptEnvMode } from './promptEnv';
import { type StepOutcome, stepLabel, type TranscriptEntry } from './runTranscript';
import { classifyStep, type StepSafety } from './stepSafety';

export interface Step {
  runbook: string;
  index: number;
  /** The cell text. */
  text: string;
  /** The fence language (sh, sql …). */
  language: string;
  /** The full info string, for the attributes. */
  info: string;
  /** The step's Runme name (its name attribute, or the one generated from its first command; see cellNames). */
  name?: string;
  /** The code block has no closing fence (it ran to the end of its container): never run without asking. */
  unclosed?: boolean;
}

export interface GateRequest {
  step: Step;
  label: string;
  safety: StepSafety;
  context?: string;
  namespace?: string;
}

/** Confirmation and policy for steps that change things; runs `perform` only if allowed. */
export interface StepGate {
  run(req: GateRequest, perform: () => Promise<ExecutionResult>): Promise<ExecutionResult | { outcome: 'blocked' | 'declined'; message: string; exitCode?: undefined }>;
}

/** Values for placeholders: remembered ones, else asked; undefined when the user gave none. */
export interface ParameterSource {
  values(placeholders: Placeholder[], step: Step): Promise<Record<string, string> | undefined>;
}

export interface RunnerDeps {
  executors: Partial<Record<ExecutorKind, CellExecutor>>;
  gate: StepGate;
  parameters: ParameterSource;
  /** Whether a variable already has a value (session environment, cockpit variables or parameters). */
  known(name: string): boolean;
  /** Every variable with a value, for {{VAR}} templates. */
  variables(): Record<string, string>;
  record(entry: TranscriptEntry): void;
  selection(): { context?: string; namespace?: string };
  defaultTimeoutMs(): number;
  /** Read-only mode (phoenixOps.readOnly): SQL steps then run in a read-only transaction. */
  readOnly(): boolean;
  /** Commands the user declared read-only in their own settings (phoenixOps.runbooks.readOnlyCommands). */
  knownReadOnly(): readonly string[];
  /** Why kubectl in this session may not use the cockpit's selection (a KUBECONFIG the user exported earlier), if so. */
  kubeconfigOverride?(): string | undefined;
  /** The front matter says skipPrompts: true (no values are asked for). */
  skipPrompts?(): boolean;
  /** promptEnv: asks one variable (`n` of `count`) a shell step exports; undefined when the user cancelled. */
  askEnv(prompt: EnvPrompt, step: Step, n: number, count: number): Promise<string | undefined>;
  /** promptEnv: the session's value of a variable (what an earlier step exported or answered), if any. */
  sessionValue(name: string): string | undefined;
  /** promptEnv: a variable the cockpit itself sets for steps (KUBECONFIG, PG* …). */
  cockpitVariable(name: string): boolean;
  /** promptEnv: puts answers into the session's environment, as an export in the step would. */
  exportToSession(values: Record<string, string>): void;
  /** Asks whether to run a block that has no closing fence anyway (its text may be prose); false: not run. */
  confirmUnclosed(step: Step): Promise<boolean>;
  user: string;
  now?(): Date;
}

export interface StepResult {
  outcome: StepOutcome | 'notRunnable';
  message?: string;
  exitCode?: number;
  excludeFromRunAll: boolean;
  /** The step said failures are expected (allowFailure): Run All goes on past its failure. */
  allowFailure: boolean;
  /** A background step has started (outcome succeeded): how it ends (recorded in the transcript too). */
  background?: Promise<StepResult>;
}

/** The executor for a cell: its language's, except that interpreter= runs shell and unknown languages through that program (as Runme). */
function kindOf(language: string, interpreter: string | undefined): ExecutorKind | undefined {
  const kind = executorKindOf(language);
  return interpreter && (kind === undefined || kind === 'shell') ? 'interpreter' : kind;
}

export class RunbookRunner {
  constructor(private readonly deps: RunnerDeps) {}

  /** Whether Run All skips this step (excludeFromRunAll, or not runnable). */
  skippedByRunAll(step: Step): boolean {
    const { attributes } = parseFenceInfo(step.info);
    const { options } = cellOptions(attributes);
    return options.excludeFromRunAll || ignoredCell(step.language, attributes) || !kindOf(step.language, options.interpreter);
  }

  /** The answers go into the session (a non-empty one only, as in Runme); the cell says which names, never values. */
  private applyPromptEnv(plan: PromptEnvPlan, answers: Record<string, string>, out: CellOutput): void {
    const set = Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== ''));
    this.deps.exportToSession(set);
    const empty = Object.keys(answers).filter((n) => answers[n] === '');
    const notes = [
      ...(Object.keys(set).length ? [`${Object.keys(set).join(', ')} set for this runbook's session`] : []),
      ...(empty.length ? [`${empty.join(', ')} left unset (empty answer)`] : []),
      ...(plan.kept.length ? [`${plan.kept.join(', ')} kept from the session, not asked again (promptEnv=yes asks every time)`] : []),
    ];
    if (notes.length) out.text('stderr', `[promptEnv: ${notes.join('; ')}]\n`);
  }

  /** Whether the step runs in a terminal the user types into (interactive=true on a shell or interpreter step). */
  interactive(step: Step): boolean {
    const { options } = cellOptions(parseFenceInfo(step.info).attributes);
    const kind = kindOf(step.language, options.interpreter);
    return options.interactive === true && (kind === 'shell' || kind === 'interpreter');
  }

  /** Runs a step; `input` (interactive=true) carries what the user types to its process. */
  async runStep(step: Step, signal: AbortSignal, out: CellOutput, input?: CellInput): Promise<StepResult> {
    const info = parseFenceInfo(step.info);
    const { options, errors } = cellOptions(info.attributes);
    const base = { excludeFromRunAll: options.excludeFromRunAll, allowFailure: options.allowFailure };
    if (ignoredCell(step.language, info.attributes)) {
      out.text('stdout', `Not runnable: ${step.language === 'mermaid' ? 'mermaid diagrams are' : 'this block is marked ignore=true (or transform=false), so it is'} shown, not run, as in Runme.\n`);
      return { ...base, outcome: 'notRunnable' };
    }
    const kind = kindOf(step.language, options.interpreter);
    const executor = kind && this.deps.executors[kind];
    if (!kind || !executor) {
      out.text('stdout', `Not runnable: "${step.language}" blocks are shown, not run. Runnable languages: sh, bash, shell, zsh, console (and blocks without a language), sql, promql, http, and through their interpreters python, js, ts, ruby, perl, php, lua, ksh, fish, rust (or any block with interpreter=<program>).\n`);
      return { ...base, outcome: 'notRunnable' };
    }
    const started = this.deps.now?.() ?? new Date();
    const sel = this.deps.selection();
    const label = stepLabel(step.name ?? options.name, step.text);
    // Judged as what runs: a console block's commands, placeholders as the quoted variables the shell sees.
    const judged = kind === 'shell' ? shellScript(step.language, step.text) : step.text;
    const classify = (vars?: Record<string, string>): StepSafety => {
      const s = classifyStep(kind, judged, { confirm: options.confirm, knownReadOnly: this.deps.knownReadOnly(), ...(vars ? { vars } : {}) });
      const override = this.deps.kubeconfigOverride?.();
      return override && s.kind !== 'readOnly' ? { ...s, reach: { ...s.reach, unknown: [...s.reach.unknown, override] } } : s;
    };
    let safety = classify();
    const finish = (outcome: StepOutcome, message?: string, exitCode?: number): StepResult => {
      this.deps.record({
        start: started.toISOString(),
        durationMs: Math.max(0, (this.deps.now?.() ?? new Date()).getTime() - started.getTime()),
        runbook: step.runbook,
        step: label,
        index: step.index,
        language: step.language,
        command: step.text,
        ...(sel.context ? { context: sel.context } : {}),
        ...(sel.namespace ? { namespace: sel.namespace } : {}),
        outcome,
        ...(exitCode !== undefined ? { exitCode } : {}),
        ...(message ? { message } : {}),
        safety: safety.kind,
        user: this.deps.user,
      });
      return { ...base, outcome, ...(message ? { message } : {}), ...(exitCode !== undefined ? { exitCode } : {}) };
    };

    const problems = [...errors, ...attributeProblems(step.info, info.attributes)];
    if (problems.length) {
      out.text('stderr', `The step's attributes are wrong: ${problems.join('; ')}.\n`);
      return finish('refused', problems.join('; '));
    }
    if (step.unclosed && !(await this.deps.confirmUnclosed(step))) {
      const msg = 'Not run: this code block has no closing fence, so it runs to the end of the file and may hold prose. Add the closing fence, or confirm running it.';
      out.text('stderr', `${msg}\n`);
      return finish('declined', msg);
    }
    if (options.context && options.context !== sel.context) {
      const msg = `This step runs only on context ${options.context}; the cockpit's selected context is ${sel.context ?? '(none)'}. Switch Context to ${options.context} first.`;
      out.text('stderr', `${msg}\n`);
      return finish('refused', msg);
    }

    const wanted = findPlaceholders(kind, step.text, (n) => this.deps.known(n));
    const params = await this.deps.parameters.values(wanted, step);
    if (!params) {
      const msg = `No value was given for ${wanted.map((p) => p.token).join(', ')}: the step was not run.${this.deps.skipPrompts?.() ? ' (The front matter says skipPrompts: true, so nothing is asked: set the variables in an earlier step.)' : ''}`;
      out.text('stderr', `${msg}\n`);
      return finish('declined', msg);
    }

    // promptEnv (Runme): the variables the step exports with a literal value are asked for now; Escape runs nothing.
    let plan: PromptEnvPlan | undefined;
    const answers: Record<string, string> = {};
    if (kind === 'shell') {
      plan = planPromptEnv(shellCommands(step.language, step.text), promptEnvMode(info.attributes.promptEnv, this.deps.skipPrompts?.() === true), {
        sessionValue: (n) => this.deps.sessionValue(n),
        cockpitVariable: (n) => this.deps.cockpitVariable(n),
      });
      for (const [i, p] of plan.prompts.entries()) {
        const answer = await this.deps.askEnv(p, step, i + 1, plan.prompts.length);
        if (answer === undefined) {
          const msg = `cancelled: ${p.name} not set (promptEnv asked for it and the question was dismissed), so nothing of this step ran`;
          out.text('stderr', `${msg}.\n`);
          return finish('cancelled', msg);
        }
        answers[p.name] = answer;
      }
    }

    // Judge the step with its values known: "--replicas=<replicas>" answered with 0 is destructive, with 3 it is not.
    if (wanted.length) safety = classify(params);
    const timeoutMs = options.timeoutMs ?? this.deps.defaultTimeoutMs();
    // Shell sessions time their cells themselves (and kill the process group); the others get a timed signal.
    const timed = kind === 'shell' ? undefined : withTimeout(timeoutMs, signal);
    try {
      const r = await this.deps.gate.run({ step, label, safety, ...(sel.context ? { context: sel.context } : {}), ...(sel.namespace ? { namespace: sel.namespace } : {}) }, () => {
        if (plan) this.applyPromptEnv(plan, answers, out);
        return executor.run({
          text: step.text,
          ...(plan ? { commands: plan.script } : {}),
          language: step.language,
          options,
          params,
          variables: { ...this.deps.variables(), ...params },
          timeoutMs,
          signal: timed?.signal ?? signal,
          out,
          readOnly: this.deps.readOnly(),
          ...(input && this.interactive(step) ? { input } : {}),
        });
      });
      if (r.outcome === 'blocked' || r.outcome === 'declined') {
        out.text('stderr', `${r.message}\n`);
        return finish(r.outcome, r.message);
      }
      if (r.outcome === 'timedOut' && r.message) out.text('stderr', `\nThe step ${r.message}.\n`);
      if ('background' in r && r.background) {
        const ended = r.background.then((b: ExecutionResult) => {
          if (b.outcome === 'timedOut' && b.message) out.text('stderr', `\nThe background step ${b.message}.\n`);
          return finish(b.outcome, b.message ? `background: ${b.message}` : 'background step ended', b.exitCode);
        });
        return { ...finish(r.outcome, r.message), background: ended };
      }
      return finish(r.outcome, r.message, r.exitCode);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      out.text('stderr', `The step could not run: ${msg}\n`);
      return finish('failed', msg);
    } finally {
      timed?.dispose();
    }
  }
}
