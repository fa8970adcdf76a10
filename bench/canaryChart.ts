// The benchmark's chart: what the canary panel draws over a long rollout, at any number of points (plain data, no Node).
import type { TimeChartSpec } from '../src/shared/chart/chartSpec';

/** A canary chart of `n` points a series (one a second): what the canary panel draws over a long rollout. */
export function canaryChart(id: string, n: number, seed: number): TimeChartSpec {
  const t0 = 1_700_000_000;
  const x = Array.from({ length: n }, (_, i) => t0 + i);
  const wave = (i: number, k: number) => 0.0004 + 0.0003 * Math.sin((i + seed) / (300 + k * 50)) + 0.0001 * Math.sin((i * 7 + k) / 13);
  const phase = (i: number) => (i < n * 0.25 ? 0 : i < n * 0.6 ? 1 : 2);
  const at = (f: number) => x[Math.floor(n * f)] ?? t0;
  return {
    kind: 'time',
    id,
    title: `Error ratio: canary vs primary (${n.toLocaleString('en')} points a series)`,
    summary: `run ${seed}`,
    unit: 'ratio',
    x,
    series: [
      { label: 'canary', values: x.map((_, i) => wave(i, 0) * (phase(i) === 2 ? 3 : 1)) },
      { label: 'primary', values: x.map((_, i) => wave(i, 1)) },
      { label: 'canary weight', values: x.map((_, i) => [5, 20, 40][phase(i)] ?? 0), style: 'step', axis: 'right', unit: 'percent' },
    ],
    thresholds: [{ label: 'max error', segments: [{ from: at(0), to: at(0.25), value: 0.001 }, { from: at(0.25), to: at(1) + 1, value: 0.005 }] }],
    markers: [{ at: at(0.25), label: 'phase 2 (20 %)', kind: 'info' }, { at: at(0.6), label: 'phase 3 (40 %)', kind: 'info' }, { at: at(0.9), label: 'rolled back', kind: 'failure' }],
    bands: [{ from: at(0.85), to: at(0.95), label: 'HighErrorRate', kind: 'failure' }],
  };
}
