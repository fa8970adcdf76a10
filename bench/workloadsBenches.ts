// The Workloads benchmarks for `npm run bench`: tree at scale and per-event CPU, log tail under load.
// Each starts its own sandbox process; the machine's load is printed with them (other work on the
// machine shows up as run-queue wait, which inflates event-loop delay).
import { loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { deploymentEventsBench, deploymentsTreeBench } from './deploymentsBench';
import type { Comparison } from './harness';
import { logTailBench } from './logTailBench';
import { pagedListBenches } from './pagedListBench';

/** Milliseconds this process waited for a CPU since it started (/proc/self/schedstat). */
export function runQueueWaitMs(): number {
  try {
    return Number(readFileSync('/proc/self/schedstat', 'utf8').split(' ')[1]) / 1e6;
  } catch {
    return Number.NaN;
  }
}

export async function workloadsBenches(home: string): Promise<Comparison[]> {
  const tree = await deploymentsTreeBench(home);
  const paged = await pagedListBenches(home);
  const { small, large } = await deploymentEventsBench(home);
  const events: Comparison = {
    name: 'Deployments: CPU per watch event',
    ours: { label: `${large.deployments.toLocaleString('en')} deployments`, ms: large.microsPerEvent / 1000 },
    theirs: { label: `${small.deployments.toLocaleString('en')} deployments`, ms: small.microsPerEvent / 1000 },
    notes: [`${large.microsPerEvent.toFixed(0)} µs per event at ${large.deployments.toLocaleString('en')} deployments (${large.events} events) vs ${small.microsPerEvent.toFixed(0)} µs at ${small.deployments.toLocaleString('en')} (${small.events} events); goal: ratio ≈ 1 (independent of size)`],
  };
  const waitBefore = runQueueWaitMs();
  const tail = await logTailBench(home);
  const waited = runQueueWaitMs() - waitBefore;
  tail.comparison.notes?.push(`machine load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (2 cores); this process waited ${(waited / 1000).toFixed(1)} s for a CPU during the tail runs`);
  return [tree, ...paged, events, tail.comparison];
}
