// What a rollout row says: "canary 20 % · phase 2/5 · 7:12 left" while it runs, its state in a word,
// and after it ended the outcome and why — for the Deployments and Rollouts views. Pure.
import type { LeaseView } from './lease';
import { formatClock } from './durations';
import type { LastRollout, RolloutState } from './rolloutState';
import { describeStatus, phaseTimeLeft } from './stateMachine';
import { clockTime } from './rolloutText';

export interface RolloutRowText {
  /** The short line: "canary 20 % · phase 2/5 · 7:12 left", "canary paused at 20 % · alert HighErrorRate". */
  description: string;
  /** One word for icons and context values. */
  state: 'starting' | 'running' | 'paused' | 'promoting' | 'rollingBack' | 'promoted' | 'rolledBack' | 'failed';
  /** Longer lines for a tooltip. */
  details: string[];
}

export function rolloutRow(s: RolloutState, nowMs: number, opts: { lease?: LeaseView; driving?: boolean; waiting?: string; error?: string } = {}): RolloutRowText {
  const phases = s.plan.phases.length;
  const where = `phase ${s.phase + 1}/${phases}`;
  let description: string;
  switch (s.status) {
    case 'starting':
      description = `canary starting · ${opts.waiting ?? 'waiting for its pods'}`;
      break;
    case 'running':
      description = `canary ${s.weight} % · ${where} · ${s.passingSince ? `${formatClock(phaseTimeLeft(s, nowMs))} left` : 'waiting for a passing check'}`;
      break;
    case 'paused':
      description = `canary paused at ${s.weight} % · ${where}${s.pause ? ` · ${s.pause.by === 'alert' ? s.pause.reason.replace(/ firing for .*$/, '') : `by ${s.pause.reason.replace(/^paused by /, '')}`}` : ''}`;
      break;
    case 'promoting':
      description = `canary promoting · ${opts.waiting ?? 'the primary takes its template'}`;
      break;
    case 'rollingBack':
      description = 'canary rolling back';
      break;
    case 'promoted':
      description = `canary promoted ${clockTime(s.endedAt ?? s.updatedAt)}`;
      break;
    case 'rolledBack':
      description = `canary rolled back ${clockTime(s.endedAt ?? s.updatedAt)}`;
      break;
    case 'failed':
      description = 'canary failed';
      break;
  }
  const details = [
    `${describeStatus(s.status)}: ${s.target.image} on ${s.target.deployment} (was ${s.target.previousImage})`,
    `plan ${s.plan.name}, ${where} at ${s.weight} %; ${s.failedChecks} failed check${s.failedChecks === 1 ? '' : 's'} of ${s.plan.failureThreshold} allowed`,
  ];
  if (s.reason) details.push(s.reason);
  if (s.pause) details.push(s.pause.reason);
  if (opts.error) details.push(`cannot reach the cluster: ${opts.error}`);
  if (opts.lease?.kind === 'held') details.push(`driven by ${opts.lease.lease.holder}`);
  else if (opts.driving) details.push('driven by this window');
  else if (s.status !== 'promoted' && s.status !== 'rolledBack' && s.status !== 'failed') details.push('not driven by any cockpit right now (it holds its weight)');
  details.push(`started ${clockTime(s.startedAt)} by ${s.startedBy}`);
  return { description, state: s.status, details };
}

/** How long a promoted canary's outcome stays in the Rollouts view after its canary is gone (unless dismissed). */
export const OUTCOME_SHOWN_MS = 60 * 60_000;

/**
 * The row a promoted canary leaves behind: "Promoted — 10:42, platform-api:1.9.9 · 5/5 phases up to 80 % in 41:05 ·
 * 0 failed checks", from the outcome the cockpit wrote on the primary. undefined when it is not a promotion or too old.
 */
export function outcomeRow(last: LastRollout, nowMs: number): { description: string; details: string[] } | undefined {
  if (last.status !== 'promoted') return undefined;
  const ended = Date.parse(last.endedAt);
  if (!(nowMs - ended <= OUTCOME_SHOWN_MS)) return undefined;
  const started = Date.parse(last.startedAt);
  const took = Number.isFinite(started) && ended >= started ? ` in ${formatClock(Math.round((ended - started) / 1000))}` : '';
  const phases = last.phasesDone !== undefined && last.phases !== undefined ? `${last.phasesDone}/${last.phases} phases${last.weight !== undefined ? ` up to ${last.weight} %` : ''}${took}` : took.trim();
  const checks = last.failedChecks !== undefined ? `${last.failedChecks} failed check${last.failedChecks === 1 ? '' : 's'}` : '';
  const image = last.image.split('/').pop() ?? last.image;
  const description = [`Promoted — ${clockTime(ended)}, ${image}`, phases, checks].filter(Boolean).join(' · ');
  const details = [
    `${last.image} promoted${last.previousImage ? ` (was ${last.previousImage})` : ''} with plan ${last.plan}`,
    ...(last.reason ? [last.reason] : []),
    `started ${clockTime(last.startedAt)} by ${last.startedBy || 'unknown'}, ended ${clockTime(ended)}`,
    `Shown for ${OUTCOME_SHOWN_MS / 60_000} minutes after the promotion, or until dismissed.`,
  ];
  return { description, details };
}
