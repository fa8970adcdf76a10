// The platform API's experiments as timeline entries: those that ended in the window (stopped, completed or
// failed), when and why. Stopped ones are matched to the cockpit's own Stop Experiment in the audit log.
import type { Experiment } from '../../clients/platform/platformTypes';
import { markdownCode } from '../../core/markdown';
import { oneLine } from './auditEntries';
import { experimentKey } from './eventKeys';
import type { TimelineEntry } from './timelineEntry';

const ENDED = new Set(['stopped', 'completed', 'failed']);

export function experimentEntries(experiments: readonly Experiment[]): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const e of experiments) {
    const at = e.endedAt ? Date.parse(e.endedAt) : Number.NaN;
    if (!ENDED.has(e.phase) || !Number.isFinite(at)) continue;
    out.push({
      at,
      source: 'platform API',
      kind: 'experiment',
      actor: 'platform API',
      what: `experiment ${markdownCode(e.name)} ${e.phase}${e.stopReason ? `: ${markdownCode(oneLine(e.stopReason, 160))}` : ''}`,
      outcome: e.phase === 'failed' ? 'FAILED' : e.phase,
      keys: e.phase === 'stopped' ? [experimentKey(e.name, 'stopped')] : [],
      matchWithinMs: 60_000,
    });
  }
  return out;
}
