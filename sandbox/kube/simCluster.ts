// One simulated Kubernetes cluster: its object store, the controllers that make it behave like
// a real cluster (deployments roll, pods get ready, crash, log), and its seeded content.
// The API server (sandbox/kube/server) serves a SimCluster over HTTPS; the metrics exporter reads its store.
import { ControllerManager } from './controllers/controllerManager';
import { NodePool } from './controllers/nodePool';
import { SimClock, SimTiming } from './controllers/simTime';
import { ContainerLogs } from './logs/containerLogs';
import type { LogSource } from './logs/logSource';
import type { UsageSource } from './metrics/usageSource';
import { seedLoad } from './seed/loadSeed';
import { registryOf } from './server/resourceRegistry';
import { METRICS } from './server/resources';
import { environmentOf, seedPlatform, seedSystemNamespaces } from './seed/platformSeed';
import { ObjectStore } from './store/objectStore';

export interface SeedOptions {
  /** Seed the Phoenix platform of the operations guides (phoenix-system, phase-5, ingresses, configmaps, secrets). */
  platform: boolean;
  /** Extra generated load for benchmarks: this many namespaces … */
  extraNamespaces?: number;
  /** … each with this many deployments … */
  deploymentsPerNamespace?: number;
  /** … each with this many replicas. */
  replicasPerDeployment?: number;
  /** Replica counts and hosts of the platform; default: "prod" when the cluster's name contains "prod", else "dev". */
  environment?: 'dev' | 'prod';
}

export interface SimClusterOptions {
  /** The cluster's name (also its kubeconfig context name), e.g. "phoenix-dev". */
  name: string;
  seed: SeedOptions;
  /**
   * Multiplies every simulated duration (pod start, readiness, restart back-off). 1 = the
   * defaults (a pod is ready ~1.5 s after creation); tests may use less.
   */
  timeScale?: number;
  /** Log lines per second per container; the log-tail benchmark raises it. */
  logLinesPerSecond?: number;
}

export interface SimCluster {
  readonly name: string;
  readonly store: ObjectStore;
  readonly logs: LogSource;
  /** The controllers have nothing to do and nothing scheduled (tests check "settled" without waiting). */
  readonly idle: boolean;
  /**
   * What metrics.k8s.io reports (the sandbox wires the exporter's traffic model here). Undefined: no metrics API,
   * as on a cluster without metrics-server (discovery leaves the group out, `kubectl top` says so).
   */
  usage: UsageSource | undefined;
  /** Stops controllers and timers. The store stays readable. */
  dispose(): void;
}

/**
 * Builds a cluster: store, seed (written directly in its settled state, so seeding 10,000 deployments
 * takes seconds and leaves the controllers idle), then the controllers and the container logs.
 * Conventions of the seeded content: sandbox/kube/seed/platformSeed.ts.
 */
export async function createSimCluster(opts: SimClusterOptions): Promise<SimCluster> {
  const clock = new SimClock();
  const store = new ObjectStore({ now: () => clock.now() });
  const timing = new SimTiming(opts.timeScale ?? 1);
  const nodes = new NodePool(opts.name);
  clock.pin(clock.nowMs() - 60 * 24 * 3_600_000);
  seedSystemNamespaces(store);
  nodes.attach(store);
  clock.pin(undefined);
  nodes.renewLeases();
  if (opts.seed.platform) seedPlatform(store, clock, nodes, opts.seed.environment ?? environmentOf(opts.name));
  const { extraNamespaces = 0, deploymentsPerNamespace = 0, replicasPerDeployment = 2 } = opts.seed;
  if (extraNamespaces > 0 && deploymentsPerNamespace > 0) {
    await seedLoad(store, clock, nodes, { namespaces: extraNamespaces, deploymentsPerNamespace, replicasPerDeployment });
  }
  // The seed is the cluster's past: watches start from now (older resourceVersions get 410 Gone).
  store.compact();
  const controllers = new ControllerManager({ store, clock, timing, nodes });
  controllers.start();
  const logs = new ContainerLogs(store, { clock, timing, linesPerSecond: opts.logLinesPerSecond });
  const cluster: SimCluster = {
    name: opts.name,
    store,
    logs,
    usage: undefined,
    get idle() {
      return controllers.idle;
    },
    dispose() {
      controllers.dispose();
      nodes.dispose();
      logs.dispose();
    },
  };
  registryOf(store).addAggregated(METRICS, () => cluster.usage !== undefined);
  return cluster;
}
