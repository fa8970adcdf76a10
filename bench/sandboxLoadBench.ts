// The load sandbox at rest (issue 16): `--load 200x50` with PostgreSQL, Prometheus and Alertmanager, its processes'
// CPU over a minute of nothing happening against the goal of 10 % of a core (so benchmarks measure the cockpit, not
// the simulator), and `kubectl get deploy -A -o json` with the services running against the same sandbox without them.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Comparison, kubectl, median, runAlone } from './harness';
import { treeCpuUse } from './processCpu';
import { startSandboxProcess } from './sandboxProcess';

const LOAD = '200x50';
/** Idle CPU goal: 10 % of one core, as CPU ms per second. */
const GOAL_MS_PER_SECOND = 100;
/** After start-up: Prometheus' first scrapes of the whole cluster and the history's compaction settle first. */
const SETTLE_SECONDS = 30;
const IDLE_SECONDS = 60;
/** Consecutive idle windows: the first ones still hold Prometheus' start-up work (head compaction of the backfilled
 * history); the last is the sandbox at rest, which the goal is about. Each is printed. */
const WINDOWS = Number(process.env.PHOENIX_BENCH_IDLE_WINDOWS ?? 3);
const KUBECTL_RUNS = 3;

const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');

function getAll(kubeconfig: string, home: string): () => Promise<unknown> {
  return async () => {
    const { stdout } = await kubectl(kubeconfig, home, ['--context=phoenix-dev', 'get', 'deploy', '-A', '-o', 'json']);
    if (stdout.length < 1_000_000) throw new Error(`expected the whole list, got ${stdout.length} bytes`);
  };
}

export async function sandboxLoadBenches(home: string): Promise<Comparison[]> {
  const withServices = await startSandboxProcess(['--load', LOAD], 300_000, { services: true });
  let idle: Awaited<ReturnType<typeof treeCpuUse>>;
  const windows: Array<Awaited<ReturnType<typeof treeCpuUse>>> = [];
  let loadDuringIdle: string;
  let busyMs: number;
  try {
    await new Promise((r) => setTimeout(r, SETTLE_SECONDS * 1000));
    for (let w = 0; w < WINDOWS; w++) windows.push(await treeCpuUse(withServices.pid, IDLE_SECONDS));
    idle = windows[windows.length - 1];
    loadDuringIdle = load();
    busyMs = await median(KUBECTL_RUNS, getAll(withServices.info.kubeconfigPath, home));
  } finally {
    await withServices.stop();
  }
  const without = await startSandboxProcess(['--load', LOAD], 300_000);
  let quietMs: number;
  try {
    quietMs = await median(KUBECTL_RUNS, getAll(without.info.kubeconfigPath, home));
  } finally {
    await without.stop();
  }
  const pct = (ms: number) => `${(ms / 10).toFixed(1)} %`;
  return [
    {
      name: 'Load sandbox: idle CPU (200x50, services)',
      ours: { label: `CPU ms per second of the sandbox's processes (${pct(idle.msPerSecond)} of a core)`, ms: idle.msPerSecond },
      theirs: { label: 'goal: 10 % of a core', ms: GOAL_MS_PER_SECOND },
      notes: [
        ...windows.map((win, i) => `window ${i + 1} of ${windows.length} (${win.seconds.toFixed(0)} s, starting ${SETTLE_SECONDS + i * IDLE_SECONDS} s after start-up): ${pct(win.msPerSecond)} — ${win.byName.map((n) => `${n.name}${n.processes > 1 ? ` ×${n.processes}` : ''} ${pct(n.msPerSecond)}`).join(', ')}`),
        'the figure is the last window: the sandbox at rest, after start-up work has settled',
        `machine load average ${loadDuringIdle} (2 cores; other work on the machine is not counted, only the sandbox's processes)`,
      ],
    },
    {
      name: 'Load sandbox: kubectl get deploy -A -o json',
      ours: { label: 'with PostgreSQL, Prometheus, Alertmanager', ms: busyMs },
      theirs: { label: 'the same sandbox without services', ms: quietMs },
      notes: [`10,011 deployments; medians of ${KUBECTL_RUNS}; machine load average ${load()}`],
    },
  ];
}

if (require.main === module) {
  const home = mkdtempSync(join(tmpdir(), 'phoenix-bench-'));
  runAlone(() => sandboxLoadBenches(home).finally(() => rmSync(home, { recursive: true, force: true })));
}
