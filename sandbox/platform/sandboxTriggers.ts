// Ways to make each alert of the guides fire in the sandbox (and undo it): image tags on a simulated deployment, a stopped agent, a flooded queue, a lost database.
import type { SimCluster } from '../kube/simCluster';
import type { KubeObject } from '../kube/store/types';
import type { PlatformSimulator } from './platformSimulator';

export type Undo = () => Promise<void>;

export interface DeploymentRef {
  /** Default phoenix-dev. */
  cluster?: string;
  /** Default phase-5. */
  namespace?: string;
  /** Default notification: a one-replica service few other tests touch, so its alert is unambiguous. */
  deployment?: string;
}

export interface SandboxTriggers {
  /** A `-bad` tag on the deployment's image: its pods serve ~20 % 5xx at 3× latency → HighErrorRate (HighLatency on a slow service such as analytics). */
  badImage(target?: DeploymentRef): Promise<Undo>;
  /** A `-crash` tag: the pods crash-loop → PodCrashLooping. */
  crashImage(target?: DeploymentRef): Promise<Undo>;
  /** Stops a simulated agent, its last poll set `lastSeenSecondsAgo` back (default 360) → AgentDown; undo starts it again. */
  stopAgent(hostId?: string, lastSeenSecondsAgo?: number): Promise<Undo>;
  /** Pending tasks for a host no agent serves (default 150) → TaskQueueBackup; undo deletes them. */
  floodQueue(count?: number): Promise<Undo>;
  /** The platform API's database connections start failing (wrong credentials) → DatabaseConnectionFailed; undo repairs them. */
  breakDatabase(): Promise<Undo>;
}

export function sandboxTriggers(clusters: readonly SimCluster[], platform: PlatformSimulator): SandboxTriggers {
  const retag = (target: DeploymentRef, suffix: string): Promise<Undo> => {
    const clusterName = target.cluster ?? 'phoenix-dev';
    const namespace = target.namespace ?? 'phase-5';
    const name = target.deployment ?? 'notification';
    const cluster = clusters.find((c) => c.name === clusterName);
    if (!cluster) return Promise.reject(new Error(`no sandbox cluster ${clusterName}`));
    const current = cluster.store.get('deployments', namespace, name);
    if (!current) return Promise.reject(new Error(`no deployment ${namespace}/${name} in ${clusterName}`));
    const original = containerImage(current);
    setImage(cluster, namespace, name, `${original.replace(/-(bad|crash)$/, '')}${suffix}`, `sandbox trigger: ${suffix} image`);
    return Promise.resolve(() => Promise.resolve(setImage(cluster, namespace, name, original, 'sandbox trigger undone')));
  };
  return {
    badImage: (t = {}) => retag(t, '-bad'),
    crashImage: (t = {}) => retag(t, '-crash'),
    async stopAgent(hostId = 'agent-003', lastSeenSecondsAgo = 360) {
      await platform.stopAgent(hostId, lastSeenSecondsAgo);
      return () => platform.startAgent(hostId);
    },
    async floodQueue(count = 150) {
      await platform.floodQueue(count);
      return async () => void (await platform.drainQueue());
    },
    async breakDatabase() {
      await platform.breakDatabase();
      return () => platform.repairDatabase();
    },
  };
}

function containers(d: KubeObject): Array<{ name: string; image: string }> {
  const spec = d.spec as { template?: { spec?: { containers?: Array<{ name: string; image: string }> } } } | undefined;
  return spec?.template?.spec?.containers ?? [];
}

function containerImage(d: KubeObject): string {
  const first = containers(d)[0];
  if (!first) throw new Error(`deployment ${d.metadata.name} has no containers`);
  return first.image;
}

/** Like `kubectl set image` on the first container, with a change-cause so rollout history says why. */
function setImage(cluster: SimCluster, namespace: string, name: string, image: string, cause: string): void {
  const d = structuredClone(cluster.store.get('deployments', namespace, name) as KubeObject);
  const first = containers(d)[0];
  if (!first) return;
  first.image = image;
  d.metadata.annotations = { ...d.metadata.annotations, 'kubernetes.io/change-cause': cause };
  delete d.metadata.resourceVersion;
  cluster.store.update('deployments', d);
}
