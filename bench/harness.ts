// Benchmark helpers: run a measurement several times, keep the median, and print side-by-side ratios.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export interface Comparison {
  name: string;
  ours: { label: string; ms: number };
  theirs: { label: string; ms: number };
  /** Extra lines worth recording (sizes, counts). */
  notes?: string[];
}

export async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** kubectl as a user runs it: a fresh process per command, against the given kubeconfig. */
export function kubectl(kubeconfig: string, home: string, args: string[]): Promise<{ stdout: string }> {
  return promisify(execFile)('kubectl', [`--kubeconfig=${kubeconfig}`, ...args], { env: { ...process.env, HOME: home }, maxBuffer: 1 << 30 });
}

export function printComparisons(results: Comparison[]): void {
  console.log('');
  console.log(`${'benchmark'.padEnd(44)} ${'cockpit'.padStart(12)} ${'baseline'.padStart(12)}  ratio (cockpit ÷ baseline; < 1 is faster)`);
  for (const r of results) {
    const ratio = r.ours.ms / r.theirs.ms;
    console.log(`${r.name.padEnd(44)} ${fmt(r.ours.ms).padStart(12)} ${fmt(r.theirs.ms).padStart(12)}  ${ratio.toFixed(2)}×   (${r.ours.label} vs ${r.theirs.label})`);
    for (const n of r.notes ?? []) console.log(`${''.padEnd(46)}${n}`);
  }
}

/** A benchmark file run on its own (`node out/bench/x.js`): print its comparisons, exit 0, or 1 with the error. */
export function runAlone(bench: () => Promise<Comparison[]>): void {
  bench().then(
    (r) => {
      printComparisons(r);
      process.exit(0);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}

function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}
