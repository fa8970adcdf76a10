// How a value node-postgres parsed reads in a results table: text as sent, numbers as numbers, times in ISO, bytes
// in PostgreSQL's hex form, an interval in words ("1 day 2 hours 30 minutes", not the parser's JSON object).
import type { CellValue } from '../../../shared/runbookOutput';

const INTERVAL_OID = 1186;
const UNITS = ['years', 'months', 'days', 'hours', 'minutes', 'seconds'] as const;
const SINGULAR: Record<(typeof UNITS)[number], string> = { years: 'year', months: 'month', days: 'day', hours: 'hour', minutes: 'minute', seconds: 'second' };

export function displayValue(v: unknown, dataTypeID?: number): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? String(v) : v.toISOString();
  if (Buffer.isBuffer(v)) return `\\x${v.toString('hex')}`;
  if (dataTypeID === INTERVAL_OID && typeof v === 'object') return intervalWords(v as Partial<Record<(typeof UNITS)[number] | 'milliseconds', number>>);
  return JSON.stringify(v);
}

/** node-postgres' interval ({ days: 1, hours: 2, milliseconds: 500 }) in words, largest unit first; zero is "0 seconds". */
export function intervalWords(i: Partial<Record<(typeof UNITS)[number] | 'milliseconds', number>>): string {
  const parts: [number, (typeof UNITS)[number]][] = [];
  for (const unit of UNITS) {
    let n = Number(i[unit] ?? 0);
    if (unit === 'seconds') n = Math.round((n + Number(i.milliseconds ?? 0) / 1000) * 1e6) / 1e6;
    if (n && Number.isFinite(n)) parts.push([n, unit]);
  }
  if (!parts.length) return '0 seconds';
  // "-00:01:30" is parsed as -1 minute and -30 seconds: one "minus" reads better than a sign on each part.
  const negative = parts.every(([n]) => n < 0);
  const words = parts.map(([n, unit]) => `${negative ? -n : n} ${Math.abs(n) === 1 ? SINGULAR[unit] : unit}`).join(' ');
  return negative ? `minus ${words}` : words;
}
