// A fleet for the 50-context benchmark and tests (issue 16): N kubeconfig contexts (fleet-01 …), each served by its
// own simulated API server on its own port, all backed by one seeded cluster so 50 × 1,000 deployments fit in memory.
// The cockpit cannot tell the difference (each context is a server URL it lists and watches); the servers count the
// requests they get, so a test can check that a context nobody expanded or selected was never contacted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type KubeSimulator, startKubeSimulator } from '../kube/kubeSimulator';
import { createSimCluster, type SimCluster } from '../kube/simCluster';

export interface FleetOptions {
  /** How many contexts (default 50). */
  contexts?: number;
  /** Each context's cluster: this many generated namespaces (load-0001 …) … */
  namespaces: number;
  /** … of this many deployments … */
  deploymentsPerNamespace: number;
  /** … of this many pods (default 1). */
  replicasPerDeployment?: number;
  /** Where the kubeconfig and CA go; default a temp dir removed on stop. */
  dir?: string;
  timeScale?: number;
}

export interface Fleet {
  kubeconfigPath: string;
  /** fleet-01 … fleet-NN, in kubeconfig order; the first is kubectl's current-context. */
  contexts: string[];
  kube: KubeSimulator;
  cluster: SimCluster;
  /** Requests each context's API server has had so far. */
  requests(): Record<string, number>;
  /** Requests each context's API server is still answering (open watches among them). */
  openRequests(): Record<string, number>;
  stop(): Promise<void>;
}

export function fleetContextName(i: number, count: number): string {
  return `fleet-${String(i + 1).padStart(Math.max(2, String(count).length), '0')}`;
}

export async function startFleet(o: FleetOptions): Promise<Fleet> {
  const count = o.contexts ?? 50;
  const ownDir = o.dir === undefined;
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'phoenix-fleet-'));
  const cluster = await createSimCluster({
    name: 'fleet',
    seed: { platform: false, extraNamespaces: o.namespaces, deploymentsPerNamespace: o.deploymentsPerNamespace, replicasPerDeployment: o.replicasPerDeployment ?? 1 },
    timeScale: o.timeScale,
  });
  const contexts = Array.from({ length: count }, (_, i) => fleetContextName(i, count));
  let kube: KubeSimulator;
  try {
    // Every context's default namespace is the first generated one, so a context selected fresh shows deployments.
    kube = await startKubeSimulator({ dir, clusters: contexts.map(() => cluster), names: contexts, namespace: 'load-0001' });
  } catch (e) {
    cluster.dispose();
    if (ownDir) rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  let stopping: Promise<void> | undefined;
  return {
    kubeconfigPath: kube.kubeconfigPath,
    contexts,
    kube,
    cluster,
    requests: () => Object.fromEntries(kube.servers.map((s) => [s.name, s.server.requestCount])),
    openRequests: () => Object.fromEntries(kube.servers.map((s) => [s.name, s.server.openRequests])),
    stop: () =>
      (stopping ??= (async () => {
        await kube.stop();
        cluster.dispose();
        if (ownDir) rmSync(dir, { recursive: true, force: true });
      })()),
  };
}
