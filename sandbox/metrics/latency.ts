// Log-normal latency math shared by the app and ingress histograms: the share of requests under each bucket bound,
// and the samples one histogram series renders to.
import type { Sample } from './metricsRegistry';

/** Prometheus-client-like buckets from 5 ms to 10 s (ingress-nginx uses the same defaults). */
export const LATENCY_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Standard normal CDF via erf (Abramowitz–Stegun 7.1.26, error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

/** Adds `n` requests of a log-normal(median, sigma) latency to cumulative bucket counts; returns their latency sum. */
export function addLatencies(buckets: number[], n: number, median: number, sigma: number): number {
  const mu = Math.log(median);
  LATENCY_BUCKETS.forEach((le, i) => {
    buckets[i] = (buckets[i] ?? 0) + n * normalCdf((Math.log(le) - mu) / sigma);
  });
  return n * median * Math.exp((sigma * sigma) / 2); // the mean of a log-normal
}

/**
 * Cumulative float counts as rendered samples: floors, clamped from the top so each bucket ≤ the
 * next ≤ count even with float rounding; a min of floors of growing values still only grows, so the
 * counters stay monotonic.
 */
export function flooredBuckets(buckets: readonly number[], count: number): number[] {
  const floored: number[] = new Array<number>(buckets.length);
  let upper = Math.floor(count);
  for (let i = buckets.length - 1; i >= 0; i--) upper = floored[i] = Math.min(upper, Math.floor(buckets[i] ?? 0));
  return floored;
}

/** One histogram series as samples: every bucket (floored, monotonic), +Inf, _sum and _count. */
export function histogramSamples(out: Sample[], bucketLabels: readonly Readonly<Record<string, string>>[], labels: Readonly<Record<string, string>>, buckets: readonly number[], count: number, sum: number): void {
  const n = Math.floor(count);
  const floored = flooredBuckets(buckets, count);
  for (let i = 0; i < LATENCY_BUCKETS.length; i++) out.push({ suffix: '_bucket', labels: bucketLabels[i] ?? labels, value: floored[i] ?? 0 });
  out.push({ suffix: '_bucket', labels: bucketLabels[LATENCY_BUCKETS.length] ?? labels, value: n });
  out.push({ suffix: '_sum', labels, value: Math.round(sum * 1e6) / 1e6 });
  out.push({ suffix: '_count', labels, value: n });
}
