// How chart values and times are written for people: axes, hovers, legends, tables (CSV keeps raw numbers).
import type { ChartUnit } from './chartSpec';

const en = (v: number, maxFraction: number) => v.toLocaleString('en', { maximumFractionDigits: maxFraction });

/** `v` to `digits` significant digits, written with thousands separators ("1,234", "0.0123"). */
export function significant(v: number, digits = 3): string {
  if (v === 0 || !Number.isFinite(v)) return String(v);
  const rounded = Number(v.toPrecision(digits));
  const magnitude = Math.floor(Math.log10(Math.abs(rounded)));
  return en(rounded, Math.max(0, digits - 1 - magnitude));
}

/** 1234 → "1.23k", 4_560_000 → "4.56M" (for axes and bars, where width is scarce). */
export function compact(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${significant(v / 1e9)}G`;
  if (a >= 1e6) return `${significant(v / 1e6)}M`;
  if (a >= 1e3) return `${significant(v / 1e3)}k`;
  return significant(v);
}

function bytes(v: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let n = v;
  let i = 0;
  while (Math.abs(n) >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${significant(n)} ${units[i]}`;
}

function seconds(v: number): string {
  const a = Math.abs(v);
  if (a === 0) return '0 s';
  if (a < 1e-3) return `${significant(v * 1e6)} µs`;
  if (a < 1) return `${significant(v * 1e3)} ms`;
  if (a < 120) return `${significant(v)} s`;
  if (a < 7200) return `${significant(v / 60)} min`;
  return `${significant(v / 3600)} h`;
}

function dollars(v: number): string {
  const sign = v < 0 ? '−' : '';
  const a = Math.abs(v);
  return `${sign}$${a >= 100 ? en(Math.round(a), 0) : a.toFixed(2)}`;
}

/** A value with its unit, as a person reads it: "71.2 ms", "0.12 %", "$15,000", "14.4×". Null: "no data". */
export function formatValue(v: number | null | undefined, unit: ChartUnit): string {
  if (v === null || v === undefined || Number.isNaN(v)) return 'no data';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  switch (unit) {
    case 'percent':
      return `${significant(v)} %`;
    case 'ratio':
      return `${significant(v * 100)} %`;
    case 'seconds':
      return seconds(v);
    case 'requestsPerSecond':
      return `${significant(v)} req/s`;
    case 'bytes':
      return bytes(v);
    case 'cores':
      return `${significant(v)} cores`;
    case 'dollars':
      return dollars(v);
    case 'multiple':
      return `${significant(v)}×`;
    case 'count':
      return Math.abs(v) >= 1000 ? en(Math.round(v), 0) : significant(v);
    case 'none':
      return significant(v);
  }
}

/** Axis ticks: shorter than formatValue (compact numbers; units only where they carry the meaning). */
export function formatTick(v: number, unit: ChartUnit): string {
  switch (unit) {
    case 'percent':
      return `${compact(v)}%`;
    case 'ratio':
      return `${compact(v * 100)}%`;
    case 'seconds':
    case 'bytes':
    case 'multiple':
      return formatValue(v, unit).replace(' ', '');
    case 'dollars':
      return `$${compact(v)}`;
    default:
      return compact(v);
  }
}

/** The unit as a column header suffix: "(ms)" is wrong for raw seconds, so name what CSV holds. */
export function unitSuffix(unit: ChartUnit): string {
  const names: Record<ChartUnit, string> = {
    none: '',
    count: '',
    percent: ' (%)',
    ratio: ' (ratio)',
    seconds: ' (s)',
    requestsPerSecond: ' (req/s)',
    bytes: ' (bytes)',
    cores: ' (cores)',
    dollars: ' ($)',
    multiple: ' (×)',
  };
  return names[unit];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local time for hovers and tables: "14:05:09", with the date when the chart spans more than a day. */
export function formatTime(unixSeconds: number, spanSeconds: number): string {
  const d = new Date(unixSeconds * 1000);
  const time = spanSeconds <= 3 * 3600 ? `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` : `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (spanSeconds <= 86_400) return time;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}

/** "1 h", "30 min", "2 d 4 h": a duration in words for summaries. */
export function formatDuration(seconds: number): string {
  const s = Math.round(Math.abs(seconds));
  if (s < 90) return `${s} s`;
  if (s < 90 * 60 && s !== 3600) return `${Math.round(s / 60)} min`;
  if (s < 48 * 3600) {
    const h = Math.floor(s / 3600);
    const m = Math.round((s % 3600) / 60);
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const d = Math.floor(s / 86_400);
  const h = Math.round((s % 86_400) / 3600);
  return h ? `${d} d ${h} h` : `${d} d`;
}
