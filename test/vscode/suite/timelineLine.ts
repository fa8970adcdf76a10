/**
 * A line of an exported incident timeline: "- <time> - <rest>". The time is the time of day, with the date in
 * front when the window crosses midnight UTC (a run near 00:00 UTC exports "2026-12-05 00:42:38").
 */
export function timelineLine(rest: RegExp): RegExp {
  return new RegExp(`^- (?:\\d{4}-\\d\\d-\\d\\d )?\\d\\d:\\d\\d:\\d\\d - ${rest.source}`, 'm');
}
