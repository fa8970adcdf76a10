// A runbook's steps (its session's transcript) as timeline entries: what ran, where, and how it ended.
import { markdownCode } from '../../core/markdown';
import type { StepOutcome, TranscriptEntry } from '../runbook/runTranscript';
import { oneLine } from './auditEntries';
import { stepKey } from './eventKeys';
import type { TimelineEntry } from './timelineEntry';

const OUTCOME_WORDS: Record<StepOutcome, string> = {
  succeeded: 'succeeded',
  failed: 'FAILED',
  cancelled: 'cancelled by the operator',
  timedOut: 'TIMED OUT',
  blocked: 'blocked (read-only mode)',
  declined: 'not run (not confirmed)',
  refused: 'not run',
};

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function stepEntries(entries: readonly TranscriptEntry[]): TimelineEntry[] {
  return entries.map((e) => {
    const where = e.context ? ` on ${e.context}${e.namespace ? `/${e.namespace}` : ''}` : '';
    const mark = e.safety === 'destructive' ? ' ⚠ destructive' : e.safety === 'mutating' ? ' (change)' : '';
    const cmd = e.command.trim().split('\n')[0] ?? '';
    const exit = e.exitCode !== undefined && e.outcome !== 'succeeded' ? `, exit ${e.exitCode}` : '';
    const why = e.message && e.outcome !== 'succeeded' ? `: ${oneLine(e.message, 200)}` : '';
    return {
      at: Date.parse(e.start),
      source: 'runbook',
      kind: 'step',
      actor: e.user,
      what: `${e.step}${mark}${where}: ${markdownCode(oneLine(cmd, 100))}`,
      outcome: `${OUTCOME_WORDS[e.outcome]} in ${seconds(e.durationMs)}${exit}${why}`,
      // The audit log records a guarded step when it ends: its time lies within the step's run.
      keys: [stepKey(`${e.runbook} › ${e.step}`)],
      matchWithinMs: e.durationMs + 5_000,
    };
  });
}
