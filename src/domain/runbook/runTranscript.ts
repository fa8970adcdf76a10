// The record of a runbook's runs (the audit transcript) and its export as an incident timeline in the
// format of the guides' incident report template ("- HH:MM - what happened").
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

const OUTCOME_WORDS: Record<StepOutcome, string> = {
  succeeded: 'succeeded',
  failed: 'FAILED',
  cancelled: 'cancelled by the operator',
  timedOut: 'TIMED OUT',
  blocked: 'blocked (read-only mode)',
  declined: 'not run (not confirmed)',
  refused: 'not run',
};

function hhmm(iso: string): string {
  return iso.slice(11, 16);
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * A markdown "Timeline" section (times in UTC) ready to paste into the Major Incident Report template:
 * one line per step with what ran, where, and how it ended.
 */
export function incidentTimeline(entries: readonly TranscriptEntry[], meta: { runbook: string; exportedAt: Date; user: string }): string {
  const lines: string[] = [];
  const first = entries[0];
  const day = (first?.start ?? meta.exportedAt.toISOString()).slice(0, 10);
  lines.push('## Timeline', '');
  lines.push(`_Runbook \`${meta.runbook}\`, run by ${meta.user} on ${day}; times in UTC. Exported ${meta.exportedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC._`, '');
  if (!entries.length) lines.push('- (no steps were run)');
  for (const e of entries) {
    const where = e.context ? ` on ${e.context}${e.namespace ? `/${e.namespace}` : ''}` : '';
    const cmd = e.command.trim().split('\n')[0];
    const shownCmd = cmd.length > 100 ? `${cmd.slice(0, 97)}…` : cmd;
    const exit = e.exitCode !== undefined && e.outcome !== 'succeeded' ? `, exit ${e.exitCode}` : '';
    const why = e.message && e.outcome !== 'succeeded' ? `: ${e.message}` : '';
    const mark = e.safety === 'destructive' ? ' ⚠ destructive' : e.safety === 'mutating' ? ' (change)' : '';
    lines.push(`- ${hhmm(e.start)} - ${e.step}${mark}${where}: \`${shownCmd.replace(/`/g, "'")}\` — ${OUTCOME_WORDS[e.outcome]} in ${seconds(e.durationMs)}${exit}${why}`);
  }
  const failed = entries.filter((e) => e.outcome !== 'succeeded');
  lines.push('');
  lines.push(`${entries.length} step(s) run, ${entries.length - failed.length} succeeded${failed.length ? `, ${failed.length} did not` : ''}.`);
  return `${lines.join('\n')}\n`;
}
