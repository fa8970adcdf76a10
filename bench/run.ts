// `npm run bench`: starts the sandbox, runs each benchmark against the cockpit's code and the tool a
// user would otherwise run (kubectl) in the same run, and prints the ratios. Results go in BENCHMARKS.md.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../sandbox/sandbox';
import { activationBench } from './activationBench';
import { chartRenderBench } from './chartRenderBench';
import { clustersBench } from './clustersBench';
import { type Comparison, printComparisons } from './harness';
import { rolloutBenches } from './rolloutBench';
import { runbookBenches } from './runbookBench';
import { simulatorBenches } from './simulatorBench';
import { stepSafetyBenches } from './stepSafetyBench';
import { workloadsBenches } from './workloadsBenches';
import { backupBenches } from './backupBench';
import { resourceKindsBenches } from './resourceKindsBench';
import { screenfulBench } from './screenfulBench';
import { sandboxLoadBenches } from './sandboxLoadBench';
import { fleetBenches } from './fleetBench';

async function main(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'phoenix-bench-'));
  // Start-up and runbooks first, before any sandbox runs beside them (its controllers and log generators use CPU).
  const results: Comparison[] = [await activationBench(), ...(await runbookBenches()), ...(await stepSafetyBenches()), ...(await simulatorBenches())];
  const sandbox = await startSandbox({ services: false, log: (l) => console.log(l) });
  try {
    results.push(await clustersBench(sandbox, home));
  } finally {
    await sandbox.stop();
  }
  try {
    // Workloads: each benchmark runs its own sandbox process (10,000 deployments; 50 pods logging 1,000 lines/s).
    results.push(...(await workloadsBenches(home)));
    // 50 contexts of 1,000 deployments each (a fleet process of its own): Clusters tree and Switch Context.
    results.push(...(await fleetBenches(home)));
    // The load sandbox with its services: idle CPU against the 10 % goal, kubectl with and without the services.
    results.push(...(await sandboxLoadBenches(home)));
    // Rollouts: a sandbox process with Prometheus, plans ×0.05 (breach → rollback; driver CPU with 20 rollouts).
    results.push(...(await rolloutBenches(home)));
    // Resources (issue 14): expanding a kind beside 10,000 deployments costs its list; collapsed kinds, nothing (1 min).
    results.push(...(await resourceKindsBenches(home)));
    // The Deployments view's first screenful in the real editor (code-server + Chromium) at 10,000 deployments (issue 16).
    results.push(...(await screenfulBench(home)));
    // Last: it generates a 200 MB database and keeps both cores busy with dumps and restores.
    results.push(...(await backupBenches()));
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  // In the real editor: code-server and Chromium with the production bundle.
  results.push(...(await chartRenderBench()));
  printComparisons(results);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
