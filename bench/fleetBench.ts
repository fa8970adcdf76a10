// The fleet (issue 16): 50 contexts of 1,000 deployments each, each its own simulated API server (in a process of
// its own). Side by side with the kubectl a user would run: the Clusters tree (50 context rows and the selected
// context's namespaces) against `kubectl config get-contexts`, and Switch Context to the new context's first
// deployment rows (all namespaces, paged) against `kubectl --context X get deploy -A` (its first row and its end).
// Alone: node esbuild.config.mjs --production && node out/bench/fleetBench.js
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FleetCockpit } from '../test/shared/fleetCockpit';
import { type Comparison, kubectl, median, runAlone } from './harness';

const CONTEXTS = 50;
/** 20 namespaces × 50 deployments = 1,000 deployments per context (1 pod each). */
const LOAD = '20x50';
const RUNS = 9;

interface FleetProcess {
  kubeconfigPath: string;
  contexts: string[];
  stop(): Promise<void>;
}

async function startFleetProcess(): Promise<FleetProcess> {
  const root = mkdtempSync(join(tmpdir(), 'phoenix-bench-fleet-'));
  const infoFile = join(root, 'info.json');
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, '..', 'sandbox', 'fleet', 'fleetMain.js'), '--contexts', String(CONTEXTS), '--load', LOAD, '--dir', join(root, 'dir'), '--info-file', infoFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const deadline = Date.now() + 120_000;
  while (!existsSync(infoFile)) {
    if (child.exitCode !== null) throw new Error(`the fleet exited (${child.exitCode}): ${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the fleet did not come up: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 100)); // written in one call; let it land
  const info = JSON.parse(readFileSync(infoFile, 'utf8')) as { kubeconfigPath: string; contexts: string[] };
  return {
    ...info,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** kubectl's first table row on stdout, and its exit. */
function kubectlRows(kubeconfig: string, home: string, args: string[]): Promise<{ firstMs: number; completeMs: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let firstMs = 0;
    let seen = '';
    const p = spawn('kubectl', [`--kubeconfig=${kubeconfig}`, ...args], { env: { ...process.env, HOME: home } });
    p.stdout.on('data', (c: Buffer) => {
      if (firstMs) return;
      seen += c.toString();
      if (seen.split('\n').length > 2) firstMs = performance.now() - t0; // the header and a first row
    });
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve({ firstMs, completeMs: performance.now() - t0 }) : reject(new Error(`kubectl exited ${code}`))));
  });
}

const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function fleetBenches(home: string): Promise<Comparison[]> {
  const fleet = await startFleetProcess();
  try {
    const kc = fleet.kubeconfigPath;
    // The Clusters tree: kubeconfig read and merged, 50 context rows, the selected context's namespaces listed.
    const rowsOnly: number[] = [];
    const tree = await median(RUNS, async () => {
      const t0 = performance.now();
      const c = new FleetCockpit(kc, { allNamespaces: false });
      if (c.clusters.roots().length !== CONTEXTS) throw new Error('expected 50 context rows');
      rowsOnly.push(performance.now() - t0);
      const ns = await c.expand(c.selection.context ?? '');
      c.dispose();
      if (!ns.some((n) => n.kind === 'namespace')) throw new Error('no namespaces listed');
    });
    const getContexts = await median(RUNS, () => kubectl(kc, home, ['config', 'get-contexts']));

    // Switch Context: each switch to a context not shown before, to its first deployment rows (all namespaces).
    const c = new FleetCockpit(kc, { allNamespaces: true });
    await c.expand(c.selection.context ?? '');
    await c.firstDeploymentRows();
    await c.deployments.whenListed();
    const switches: number[] = [];
    let firstRows = 0;
    for (let i = 1; i <= RUNS; i++) {
      const t0 = performance.now();
      c.switchContext(fleet.contexts[i]);
      firstRows = await c.firstDeploymentRows();
      switches.push(performance.now() - t0);
      await c.deployments.whenListed(); // the next switch starts from a settled view
    }
    const watched = c.driver.watchedContexts;
    c.dispose();
    const k: { firstMs: number; completeMs: number }[] = [];
    for (let i = 1; i <= RUNS; i++) k.push(await kubectlRows(kc, home, [`--context=${fleet.contexts[RUNS + i]}`, 'get', 'deploy', '-A']));
    const load = `machine load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (2 cores)`;
    return [
      {
        name: 'Fleet: Clusters tree, 50 contexts',
        ours: { label: '50 context rows + selected context namespaces', ms: tree },
        theirs: { label: 'kubectl config get-contexts', ms: getContexts },
        notes: [`the 50 rows alone (kubeconfig read and merged, no request): ${med(rowsOnly).toFixed(1)} ms; medians of ${RUNS}; ${load}`],
      },
      {
        name: 'Fleet: Switch Context to first rows',
        ours: { label: `first ${firstRows} deployment rows of the new context`, ms: med(switches) },
        theirs: { label: 'kubectl --context X get deploy -A, first row', ms: med(k.map((x) => x.firstMs)) },
        notes: [
          `kubectl to its end: ${med(k.map((x) => x.completeMs)).toFixed(0)} ms; 1,000 deployments per context, all namespaces, pages of 500; medians of ${RUNS} switches, each to a context not shown before`,
          `after ${RUNS} switches the rollout driver follows ${watched.join(', ')} only; ${load}`,
        ],
      },
    ];
  } finally {
    await fleet.stop();
  }
}

if (require.main === module) {
  const home = mkdtempSync(join(tmpdir(), 'phoenix-bench-'));
  runAlone(() => fleetBenches(home).finally(() => rmSync(home, { recursive: true, force: true })));
}
