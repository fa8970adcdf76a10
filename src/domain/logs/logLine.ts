// One log line as the API server sends it with timestamps=true ("2024-05-01T12:00:00.123456789Z text"):
// its timestamp as written, a key that sorts in time order whatever the precision, and the text. Pure.

export interface TimedLine {
  /** RFC 3339 timestamp as the kubelet wrote it (used to resume with sinceTime). */
  ts: string;
  /** Sortable key: zero-padded epoch seconds, a dot, nine fraction digits ("" when the line had no timestamp). */
  key: string;
  text: string;
  /** Which stream (container) it came from; -1 until a tail assigns it. Set at creation: one object shape for all lines. */
  source: number;
}

const secondsCache = { prefix: '', seconds: '' };

/** Splits a timestamped line; a line without a parseable timestamp keeps its text and an empty key. */
export function parseTimedLine(line: string, source = -1): TimedLine {
  const space = line.indexOf(' ');
  const ts = space > 0 ? line.slice(0, space) : line;
  const key = timestampKey(ts);
  if (!key) return { ts: '', key: '', text: line, source };
  return { ts, key, text: space > 0 ? line.slice(space + 1) : '', source };
}

/**
 * "2024-05-01T12:00:00.5Z" → "0001714564800.500000000". RFC 3339 Nano drops trailing zeros, so plain
 * string order is wrong (".5Z" > ".25Z"); the key fixes the width. Offsets other than Z are honoured.
 */
export function timestampKey(ts: string): string {
  // YYYY-MM-DDTHH:MM:SS is 19 characters; lines of one second share it, so its epoch is cached.
  if (ts.length < 20 || ts.charCodeAt(4) !== 45 || ts.charCodeAt(10) !== 84) return '';
  let i = 19;
  let frac = '';
  if (ts[i] === '.') {
    let j = i + 1;
    while (j < ts.length && ts.charCodeAt(j) >= 48 && ts.charCodeAt(j) <= 57) j++;
    frac = ts.slice(i + 1, j);
    i = j;
  }
  const zone = ts.slice(i);
  const prefix = ts.slice(0, 19) + zone;
  let seconds: string;
  if (prefix === secondsCache.prefix) seconds = secondsCache.seconds;
  else {
    const ms = Date.parse(`${ts.slice(0, 19)}${zone === 'Z' || zone === 'z' ? 'Z' : zone}`);
    if (!Number.isFinite(ms)) return '';
    seconds = String(Math.floor(ms / 1000)).padStart(13, '0');
    secondsCache.prefix = prefix;
    secondsCache.seconds = seconds;
  }
  return `${seconds}.${(frac + '000000000').slice(0, 9)}`;
}

/** The sinceTime to resume from: the last line's second (the API takes whole seconds); lines before the seam are dropped by key. */
export function resumeSinceTime(lastTs: string): string {
  const key = timestampKey(lastTs);
  if (!key) return lastTs;
  return new Date(Number(key.slice(0, 13)) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
