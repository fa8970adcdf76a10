// What every cell executor gets and gives back; executors are picked from a table by fence language.
import { compactDuration } from '../../../core/compactDuration';
import type { CellOptions } from '../cellAttributes';

export interface CellOutput {
  /** Streamed text (stdout/stderr of a shell, messages of the others). */
  text(stream: 'stdout' | 'stderr', text: string): void;
  /** A rich result for the renderer, with a plain-text fallback. */
  data(mime: string, payload: unknown, fallback: string): void;
}

/** interactive=true: what the user types reaches the step's process. */
export interface CellInput {
  /** Called once the process runs: `stdin` writes to it (or closes it); the returned function detaches when it ends. */
  attach(stdin: { write(text: string): void; end(): void }): () => void;
}

export interface CellExecution {
  /** The cell text, placeholders not yet filled in. */
  text: string;
  /** The fence language as written (sh, console, sql …). */
  language: string;
  options: CellOptions;
  /**
   * A shell cell's commands as they will run before placeholders are rewritten (prompts stripped, the export
   * statements promptEnv asked for taken out); undefined: prepared from `text`.
   */
  commands?: string;
  /** Values of the placeholders, by name (POD_NAME …). */
  params: Record<string, string>;
  /** Everything a template may name: the session's environment, the cockpit's variables and the parameters. */
  variables: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal;
  out: CellOutput;
  /** Read-only mode is on: an executor that can have the system enforce it does (SQL: a read-only transaction). */
  readOnly: boolean;
  /** interactive=true: the user's input for the step's process (shell and interpreter steps). */
  input?: CellInput;
}

export type ExecutionOutcome = 'succeeded' | 'failed' | 'cancelled' | 'timedOut';

export interface ExecutionResult {
  outcome: ExecutionOutcome;
  exitCode?: number;
  /** One line: why it failed, for the transcript and the status. */
  message?: string;
  /** A background cell (background=true) has started: how it ends. Its output keeps streaming to the cell until then. */
  background?: Promise<ExecutionResult>;
}

export interface CellExecutor {
  run(cell: CellExecution): Promise<ExecutionResult>;
}

export function timeoutMessage(ms: number): string {
  return `timed out after ${ms / 1000} s: raise the cell's timeout attribute (e.g. timeout=5m) or phoenixOps.runbooks.cellTimeoutSeconds`;
}

/** A background cell stopped by its own timeout attribute (without one it runs until stopped). */
export function backgroundTimeoutMessage(ms: number): string {
  return `was stopped by its timeout=${durationText(ms)} (a background=true cell runs until Stop, or for its timeout attribute); what it exported was not kept`;
}

/** 90000 → "1m30s", 500 → "500ms": as a timeout attribute is written. */
export function durationText(ms: number): string {
  return ms < 1000 ? `${ms}ms` : compactDuration(ms / 1000);
}
