// Speed of the sandbox itself (the unit tests check what it does; how fast lives here): how fast the
// simulated kubelet writes a container's log, and how long seeding a cluster of generated load takes.
// Alone: `npm run build && node out/bench/simulatorBench.js`.
import { asPod } from '../sandbox/kube/controllers/kinds';
import { NodePool } from '../sandbox/kube/controllers/nodePool';
import { runningReadyStatus } from '../sandbox/kube/controllers/podShape';
import { SimClock, SimTiming, isoSeconds } from '../sandbox/kube/controllers/simTime';
import { ContainerLogs } from '../sandbox/kube/logs/containerLogs';
import { ObjectStore } from '../sandbox/kube/store/objectStore';
import { createSimCluster } from '../sandbox/kube/simCluster';
import { type Comparison, median, printComparisons } from './harness';

const LINES = 100_000;

/** Reads a container's whole log of LINES lines (timestamps on), as `kubectl logs --timestamps` would. */
async function readWholeLog(): Promise<number> {
  const store = new ObjectStore();
  const nodes = new NodePool('bench');
  store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench' } });
  const logs = new ContainerLogs(store, { clock: new SimClock(), timing: new SimTiming(1), linesPerSecond: 1000, retainLines: LINES * 2 });
  const pod = asPod({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'fast', namespace: 'bench' }, spec: { containers: [{ name: 'api', image: 'ghcr.io/phoenix/platform-api:1.8.2' }] } });
  const node = nodes.nodes[0];
  pod.spec.nodeName = node.name;
  const started = isoSeconds(Date.now() - LINES); // 1,000 lines/s for LINES ms
  runningReadyStatus(pod, node, nodes.allocatePodIP(), { scheduled: started, started, ready: started });
  store.create('pods', pod);
  let lines = 0;
  await logs.stream(
    { namespace: 'bench', pod: 'fast', follow: false, timestamps: true, previous: false },
    {
      write: (chunk: string) => {
        for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) lines++;
        return Promise.resolve();
      },
    },
    new AbortController().signal,
  );
  logs.dispose();
  return lines;
}

export async function simulatorBenches(): Promise<Comparison[]> {
  let lines = 0;
  const logMs = await median(5, async () => (lines = await readWholeLog()));
  const seedMs = await median(3, async () => {
    const c = await createSimCluster({ name: 'load', seed: { platform: false, extraNamespaces: 10, deploymentsPerNamespace: 200, replicasPerDeployment: 2 } });
    c.dispose();
  });
  return [
    {
      name: 'Sandbox: a container log of 100,000 lines',
      ours: { label: `${lines.toLocaleString('en')} lines generated and streamed`, ms: logMs },
      theirs: { label: 'goal 100,000 lines/s', ms: 1000 },
      notes: [`${Math.round(lines / (logMs / 1000)).toLocaleString('en')} lines/s`],
    },
    {
      name: 'Sandbox: seed 2,000 deployments (4,000 pods)',
      ours: { label: 'createSimCluster, settled', ms: seedMs },
      theirs: { label: 'goal 5 s', ms: 5000 },
    },
  ];
}

if (require.main === module) {
  simulatorBenches().then(printComparisons, (e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
