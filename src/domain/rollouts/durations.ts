// Durations as plans and Prometheus write them ("90s", "10m", "1h30m", "1.5m"), parsed to seconds and formatted back.
import { compactDuration } from '../../core/compactDuration';

const UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };

/** Seconds of "10m", "1h30m", "45s", "1.5m" or a bare number of seconds; undefined when it is not a duration. */
export function parseDuration(text: unknown): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? text : undefined;
  if (typeof text !== 'string') return undefined;
  const t = text.trim();
  if (!t) return undefined;
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    total += Number(m[1]) * (UNITS[m[2]] ?? 0);
    matched = re.lastIndex;
  }
  return matched === t.length ? total : undefined;
}

/** "10m", "1m30s", "3s", "1h": what a person reads and PromQL accepts (whole seconds, at least 1 s). */
export function formatDuration(seconds: number): string {
  return compactDuration(Math.max(1, seconds));
}

/** "7:12" (minutes:seconds), or "1:02:03" past an hour: the time left of a phase. */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
