// Merges what every source said into one ordered timeline over a window: entries outside it are left out, the
// same event seen by two sources is kept once (the first source in the list wins: it knows the actor and the
// outcome), and a source that could not answer is named, never silently dropped. Pure.
import type { SourceAnswer, TimelineEntry, TimelineWindow } from './timelineEntry';

export interface MergedTimeline {
  entries: TimelineEntry[];
  /** Sources that could not be read, with why: the export says the story may be incomplete. */
  failed: { source: string; error: string }[];
  /** Sources that answered (possibly with nothing in the window). */
  read: string[];
  /** How many entries were dropped as another source's record of the same event. */
  duplicates: number;
}

/** Answers in order of preference: an earlier source's entry wins over a later source's record of the same event. */
export function mergeTimeline(answers: readonly SourceAnswer[], window: TimelineWindow): MergedTimeline {
  const kept: TimelineEntry[] = [];
  const byKey = new Map<string, TimelineEntry[]>();
  const failed: MergedTimeline['failed'] = [];
  const read: string[] = [];
  let duplicates = 0;
  for (const answer of answers) {
    if ('error' in answer) {
      failed.push({ source: answer.source, error: answer.error });
      continue;
    }
    read.push(answer.source);
    for (const e of answer.entries) {
      if (!(e.at >= window.start && e.at <= window.end)) continue;
      if (isDuplicate(e, byKey)) {
        duplicates++;
        continue;
      }
      kept.push(e);
      for (const k of e.keys ?? []) byKey.set(k, [...(byKey.get(k) ?? []), e]);
    }
  }
  // Stable: entries at the same instant keep the sources' order, and each source's own order.
  kept.sort((a, b) => a.at - b.at);
  return { entries: kept, failed, read: [...new Set(read)], duplicates };
}

/**
 * The same event: a shared key, and within either entry's tolerance of each other. Within one source only an
 * identical instant is a repeat (two Alertmanagers of a cluster listing one silence); otherwise two firings of
 * one alert a minute apart are two events.
 */
function isDuplicate(e: TimelineEntry, byKey: ReadonlyMap<string, TimelineEntry[]>): boolean {
  for (const k of e.keys ?? []) {
    for (const other of byKey.get(k) ?? []) {
      const apart = Math.abs(other.at - e.at);
      if (other.source === e.source ? apart === 0 : apart <= Math.max(e.matchWithinMs ?? 0, other.matchWithinMs ?? 0)) return true;
    }
  }
  return false;
}
