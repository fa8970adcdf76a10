// The record of a runbook's runs (the audit transcript); domain/timeline turns it into the incident timeline.
import type { ExecutionOutcome } from './executors/executor';
import type { StepSafety } from './stepSafety';

export type StepOutcome = ExecutionOutcome | 'blocked' | 'declined' | 'refused';

export interface TranscriptEntry {
  /** ISO time the step started. */
  start: string;
  durationMs: number;
  /** The runbook file name. */
  runbook: string;
  /** The notebook's Runme identity (front matter runme.id), when it has one: the same runbook under another file name. */
  notebookId?: string;
  /** The step's Runme name (name attribute or generated), else its first line. */
  step: string;
  /** 0-based cell index in the notebook. */
  index: number;
  language: string;
  /** The command text as written in the cell. */
  command: string;
  context?: string;
  namespace?: string;
  outcome: StepOutcome;
  exitCode?: number;
  /** Why it failed or was not run. */
  message?: string;
  safety: StepSafety['kind'];
  user: string;
}

/** A short label for a step: its name attribute, else its first meaningful line. */
export function stepLabel(name: string | undefined, text: string): string {
  if (name) return name;
  const line = text.split('\n').find((l) => l.trim() && !/^\s*(#|--|\/\/)/.test(l)) ?? text.split('\n')[0] ?? '';
  const t = line.trim();
  return t.length > 80 ? `${t.slice(0, 77)}…` : t || '(empty step)';
}
