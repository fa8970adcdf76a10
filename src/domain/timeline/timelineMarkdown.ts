// The merged timeline as the "Timeline" section of the guides' incident report ("- HH:MM - what happened"), with
// each entry's source, actor and outcome, and the sources that could not be read named at the top.
import type { MergedTimeline } from './mergeTimeline';
import type { TimelineKind, TimelineWindow } from './timelineEntry';

export interface TimelineMeta {
  /** The runbook whose steps are in it, if any. */
  runbook?: string;
  exportedAt: Date;
  user: string;
  window: TimelineWindow;
}

const utc = (ms: number) => new Date(ms).toISOString();
const minute = (ms: number) => utc(ms).slice(0, 16).replace('T', ' ');

export function timelineMarkdown(t: MergedTimeline, meta: TimelineMeta): string {
  const lines: string[] = ['## Timeline', ''];
  const of = meta.runbook ? `runbook \`${meta.runbook.replace(/`/g, "'")}\`, changes, silences, alerts and experiments` : 'changes, silences, alerts and experiments';
  lines.push(`_Incident timeline (${of}) from ${minute(meta.window.start)} to ${minute(meta.window.end)} UTC, exported by ${meta.user} at ${minute(meta.exportedAt.getTime())} UTC; times in UTC._`, '');
  if (t.failed.length) {
    lines.push('> **Incomplete:** these sources could not be read, so what they know is missing:');
    for (const f of t.failed) lines.push(`> - ${f.source}: ${f.error.replace(/\s*\n\s*/g, ' ')}`);
    lines.push('');
  }
  // Times carry the date only when the window crosses midnight.
  const oneDay = utc(meta.window.start).slice(0, 10) === utc(meta.window.end).slice(0, 10);
  const time = (ms: number) => (oneDay ? utc(ms).slice(11, 19) : utc(ms).slice(0, 19).replace('T', ' '));
  if (!t.entries.length) lines.push('- (nothing happened in this window that the sources record)');
  for (const e of t.entries) lines.push(`- ${time(e.at)} - ${e.what} — ${e.outcome} · ${e.source}, by ${e.actor}`);
  lines.push('', summary(t));
  return `${lines.join('\n')}\n`;
}

const NOUNS: Record<TimelineKind, string> = { step: 'runbook step(s)', change: 'change(s)', silence: 'silence event(s)', alert: 'alert event(s)', experiment: 'experiment event(s)' };

function summary(t: MergedTimeline): string {
  const counts = (Object.keys(NOUNS) as TimelineKind[]).map((k) => [k, t.entries.filter((e) => e.kind === k).length] as const).filter(([, n]) => n > 0);
  const what = counts.length ? counts.map(([k, n]) => `${n} ${NOUNS[k]}`).join(', ') : 'no entries';
  const sources = `Read: ${t.read.join(', ') || 'nothing'}${t.failed.length ? `; could not read: ${t.failed.map((f) => f.source).join(', ')}` : ''}.`;
  return `${what}. ${sources}`;
}
