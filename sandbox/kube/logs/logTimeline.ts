// When each line of a container instance is written: line k at start + (k + jitter)/rate, so time ↔ line number is O(1) and no line is stored.
import { unit } from './prng';

/**
 * Line k of an instance is written at start + (k + j)/rate seconds with a per-line jitter j in [0, 0.9):
 * irregular like a real log, yet strictly increasing (every line keeps its own slot), so a client that
 * resumes with sinceTime can drop what it has already seen by timestamp alone.
 */
export class LineClock {
  private readonly nsPerLine: number;

  constructor(
    readonly seed: number,
    readonly startMs: number,
    readonly rate: number,
    /** How many lines the instance ever writes (a crash script is finite). */
    readonly limit = Number.POSITIVE_INFINITY,
  ) {
    this.nsPerLine = 1e9 / rate;
  }

  /** Nanoseconds after the start at which line k is written. */
  offsetNs(k: number): number {
    return Math.floor((k + unit(this.seed, k, 1) * 0.9) * this.nsPerLine);
  }

  /** How many lines have a timestamp at or before `tMs`. */
  countAtOrBefore(tMs: number): number {
    const x = (tMs - this.startMs) * 1e6;
    if (x < 0) return 0;
    const k = Math.floor(x / this.nsPerLine);
    return Math.min(this.limit, k + (this.offsetNs(k) <= x ? 1 : 0));
  }

  /** The first line whose timestamp is at or after `tMs`. */
  firstAtOrAfter(tMs: number): number {
    const x = (tMs - this.startMs) * 1e6;
    if (x <= 0) return 0;
    const k = Math.floor(x / this.nsPerLine);
    return Math.min(this.limit, k + (this.offsetNs(k) < x ? 1 : 0));
  }

  /** Epoch milliseconds of line k (truncated). */
  timeMs(k: number): number {
    return this.startMs + Math.floor(this.offsetNs(k) / 1e6);
  }
}

/** Formats line times; remembers the last second's "YYYY-MM-DDTHH:MM:SS" since lines come in order. */
export class StampFormatter {
  private second = Number.NaN;
  private prefix = '';

  /** RFC 3339 with nine fractional digits, as the kubelet prefixes lines with `timestamps=true`. */
  nano(startMs: number, offNs: number): string {
    const ms = startMs + Math.floor(offNs / 1e6);
    const sec = Math.floor(ms / 1000);
    const nanos = (ms - sec * 1000) * 1e6 + (offNs % 1e6);
    return `${this.prefixOf(sec)}.${String(nanos).padStart(9, '0')}Z`;
  }

  /** RFC 3339 with milliseconds, as applications print their own time. */
  milli(ms: number): string {
    const sec = Math.floor(ms / 1000);
    return `${this.prefixOf(sec)}.${String(ms - sec * 1000).padStart(3, '0')}Z`;
  }

  private prefixOf(sec: number): string {
    if (sec !== this.second) {
      this.second = sec;
      this.prefix = new Date(sec * 1000).toISOString().slice(0, 19);
    }
    return this.prefix;
  }
}
