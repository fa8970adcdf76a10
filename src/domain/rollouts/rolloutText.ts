// Words and figures for rollouts: values in their unit, request counts, weights, and the one-line
// reasons kept in the cluster ("rolled back 10:42: canary p95 142 ms ≥ 100 ms over 1m at 5 %, 1,204 requests").
import type { GateUnit } from './canaryPlan';
import { formatDuration } from './durations';

const trim = (s: string): string => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);

/** A number with `digits` significant digits, without trailing zeros. */
function sig(v: number, digits: number): string {
  if (v === 0) return '0';
  const abs = Math.abs(v);
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(abs)));
  return trim(v.toFixed(Math.min(decimals, 6)));
}

export function formatValue(unit: GateUnit, v: number): string {
  if (!Number.isFinite(v)) return String(v);
  switch (unit) {
    case 'ratio':
      return `${sig(v * 100, 3)} %`;
    case 'percent':
      return `${sig(v, 4)} %`;
    case 'seconds':
      return Math.abs(v) < 1 ? `${sig(v * 1000, 3)} ms` : `${sig(v, 3)} s`;
    case 'milliseconds':
      return Math.abs(v) < 1000 ? `${sig(v, 3)} ms` : `${sig(v / 1000, 3)} s`;
    case 'number':
      return sig(v, 4);
  }
}

/** "1,204" (whole requests, thousands separated). */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** "10:42" in the viewer's local time. */
export function clockTime(iso: string | number): string {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** "canary p95-latency 142 ms ≥ 100 ms over 1m at 5 %, 1,204 requests" for each failing gate, joined by "; ". */
export function failureSentence(failures: readonly { gate: string; detail: string }[], windowSeconds: number, weight: number, requests: number | undefined): string {
  const what = failures.map((f) => `canary ${f.gate} ${f.detail}`).join('; ');
  return `${what} over ${formatDuration(windowSeconds)} at ${weight} %${requests !== undefined ? `, ${formatCount(requests)} requests` : ''}`;
}
