// Deployments view at scale: from an empty store to the whole tree's data (every namespace row and
// every deployment row, built by the same model the view uses) against `kubectl get deployments -A
// -o json`; then the CPU this process spends per watch event at two cluster sizes.
import type { V1Deployment } from '@kubernetes/client-node';
import { loadKubeconfig } from '../src/clients/kubernetes/kubeconfigLoader';
import { WorkloadsClient } from '../src/clients/kubernetes/workloadsClient';
import { DeploymentsModel } from '../src/domain/workloads/deploymentsModel';
import type { WorkloadNode } from '../src/domain/workloads/workloadNodes';
import { type Comparison, kubectl, median } from './harness';
import { startSandboxProcess } from './sandboxProcess';

function modelFor(kubeconfig: string): DeploymentsModel {
  const cfg = loadKubeconfig({ kubeconfigEnv: kubeconfig, extraFiles: [] }).configFor('phoenix-dev');
  if (!cfg.ok) throw new Error(cfg.message);
  const client = new WorkloadsClient('phoenix-dev', cfg.config, 60_000);
  const m = new DeploymentsModel({ sources: () => ({ deployments: (ns) => client.source<V1Deployment>('deployments', ns), replicaSets: (ns) => client.source('replicasets', ns), pods: (ns) => client.source('pods', ns) }) });
  m.setScope({ context: 'phoenix-dev', namespace: 'default', allNamespaces: true });
  m.setActive(true);
  return m;
}

/** The roots once the scope's list is complete (while it is in flight they are a Loading row). */
async function listedRoots(m: DeploymentsModel): Promise<WorkloadNode[]> {
  await m.whenListed();
  return m.roots();
}

/** roots() then children() of every namespace: what VS Code asks for with every namespace expanded. */
async function populate(m: DeploymentsModel): Promise<number> {
  let rows = 0;
  for (const ns of await listedRoots(m)) if (ns.kind === 'namespace') rows += m.children(ns).length;
  return rows;
}

export async function deploymentsTreeBench(home: string): Promise<Comparison> {
  const sandbox = await startSandboxProcess(['--load', '200x50']);
  try {
    const kc = sandbox.info.kubeconfigPath;
    let rows = 0;
    const ours = await median(5, async () => {
      const m = modelFor(kc);
      rows = await populate(m);
      m.dispose();
      await new Promise((r) => setTimeout(r, 500)); // let the pod watches the namespaces started wind down
    });
    if (rows < 10_000) throw new Error(`expected ≥ 10,000 deployment rows, got ${rows}`);
    const theirs = await median(5, () => kubectl(kc, home, ['--context=phoenix-dev', 'get', 'deployments', '-A', '-o', 'json']));
    return {
      name: 'Deployments tree: 10,011 deployments, 202 ns',
      ours: { label: 'empty store → all tree rows', ms: ours },
      theirs: { label: 'kubectl get deploy -A -o json', ms: theirs },
      notes: [`${rows.toLocaleString('en')} deployment rows built (namespaces, counts, state, images, revision), medians of 5`],
    };
  } finally {
    await sandbox.stop();
  }
}

export interface EventCost {
  deployments: number;
  events: number;
  microsPerEvent: number;
}

/** Waits until this process has been nearly idle (< 2% of a core) for a second, or 20 s passed. */
async function quiet(): Promise<void> {
  const end = Date.now() + 20_000;
  while (Date.now() < end) {
    const c = process.cpuUsage();
    await new Promise((r) => setTimeout(r, 1000));
    const used = process.cpuUsage(c);
    if (used.user + used.system < 20_000) return;
  }
}

/**
 * CPU of this process per deployment watch event. The view is as an engineer has it: all namespaces,
 * the one with the changing deployments expanded (its pods and ReplicaSets watched too).
 */
async function eventCost(load: string, home: string): Promise<EventCost> {
  const sandbox = await startSandboxProcess(['--load', load]);
  const m = modelFor(sandbox.info.kubeconfigPath);
  try {
    const roots = await listedRoots(m);
    const expanded = roots.find((n) => n.kind === 'namespace' && n.name === 'load-0001');
    if (!expanded) throw new Error('namespace load-0001 missing');
    m.children(expanded);
    const deployments = m.liveStore?.deployments.size ?? 0;
    await quiet();
    let events = 0;
    m.liveStore?.deployments.onDidChangeBatch((b) => (events += b.upserted.size));
    const idleStart = process.cpuUsage();
    const idleT = Date.now();
    await new Promise((r) => setTimeout(r, 3000));
    const idle = process.cpuUsage(idleStart);
    const idlePerMs = (idle.user + idle.system) / (Date.now() - idleT);
    const start = process.cpuUsage();
    const t0 = Date.now();
    // kubectl (its own process) changes 50 deployments per round; this process only receives the events.
    for (let i = 0; i < 10; i++) await kubectl(sandbox.info.kubeconfigPath, home, ['--context=phoenix-dev', '-n', 'load-0001', 'annotate', 'deployments', '--all', `bench=${i}`, '--overwrite']);
    await new Promise((r) => setTimeout(r, 1000));
    const used = process.cpuUsage(start);
    const busy = used.user + used.system - idlePerMs * (Date.now() - t0);
    return { deployments, events, microsPerEvent: busy / Math.max(1, events) };
  } finally {
    m.dispose();
    await sandbox.stop();
  }
}

export async function deploymentEventsBench(home: string): Promise<{ small: EventCost; large: EventCost }> {
  return { small: await eventCost('10x50', home), large: await eventCost('200x50', home) };
}
