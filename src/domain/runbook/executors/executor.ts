// What every cell executor gets and gives back; executors are picked from a table by fence language.
import type { CellOptions } from '../cellAttributes';

export interface CellOutput {
  /** Streamed text (stdout/stderr of a shell, messages of the others). */
  text(stream: 'stdout' | 'stderr', text: string): void;
  /** A rich result for the renderer, with a plain-text fallback. */
  data(mime: string, payload: unknown, fallback: string): void;
}

export interface CellExecution {
  /** The cell text, placeholders not yet filled in. */
  text: string;
  /** The fence language as written (sh, console, sql …). */
  language: string;
  options: CellOptions;
  /** Values of the placeholders, by name (POD_NAME …). */
  params: Record<string, string>;
  /** Everything a template may name: the session's environment, the cockpit's variables and the parameters. */
  variables: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal;
  out: CellOutput;
  /** Read-only mode is on: an executor that can have the system enforce it does (SQL: a read-only transaction). */
  readOnly: boolean;
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
