// Generated load for benchmarks: namespaces × deployments × replicas written in bulk in their settled state, so the controllers stay idle.
import { ANN_CHANGE_CAUSE, ANN_REVISION, type Deployment, asDeployment, asReplicaSet } from '../controllers/kinds';
import type { NodePool } from '../controllers/nodePool';
import { podTemplateHash } from '../controllers/podTemplate';
import { replicaSetFor } from '../controllers/replicaSetBuilder';
import type { SimClock } from '../controllers/simTime';
import type { ObjectStore } from '../store/objectStore';
import { ensureNamespace } from './platformSeed';
import { type SeedContext, settledStatus, writeRunningPod } from './seedWriter';

export interface LoadSeedOptions {
  namespaces: number;
  deploymentsPerNamespace: number;
  replicasPerDeployment: number;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * Namespaces load-0001 …, deployments svc-0001 … (image ghcr.io/phoenix/load-echo:1.0.0, labels
 * app=<name>, track=primary, tier=load), one ReplicaSet at revision 1 and running, ready pods each.
 * Yields to the event loop every few hundred deployments so a server started alongside stays responsive.
 */
export async function seedLoad(store: ObjectStore, clock: SimClock, nodes: NodePool, o: LoadSeedOptions): Promise<void> {
  const ctx: SeedContext = { store, clock, nodes };
  const at = clock.nowMs() - 3 * 3_600_000;
  const nsWidth = Math.max(4, String(o.namespaces).length);
  const dWidth = Math.max(4, String(o.deploymentsPerNamespace).length);
  let written = 0;
  for (let i = 1; i <= o.namespaces; i++) {
    const namespace = `load-${pad(i, nsWidth)}`;
    clock.pin(at - 60_000);
    ensureNamespace(store, namespace, { tier: 'load' });
    for (let j = 1; j <= o.deploymentsPerNamespace; j++) {
      writeLoadDeployment(ctx, namespace, `svc-${pad(j, dWidth)}`, o.replicasPerDeployment, at);
      if (++written % 500 === 0) {
        clock.pin(undefined);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  }
  clock.pin(undefined);
}

function writeLoadDeployment(ctx: SeedContext, namespace: string, name: string, replicas: number, at: number): void {
  const { store, clock } = ctx;
  const labels = { app: name, track: 'primary', tier: 'load' };
  clock.pin(at);
  const d: Deployment = asDeployment({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels, annotations: { [ANN_REVISION]: '1', [ANN_CHANGE_CAUSE]: `Generated load deployment ${name}` } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name, track: 'primary' } },
      template: {
        metadata: { labels: { app: name, track: 'primary' } },
        spec: {
          containers: [
            {
              name: 'echo',
              image: 'ghcr.io/phoenix/load-echo:1.0.0',
              imagePullPolicy: 'IfNotPresent',
              ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
              resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
            },
          ],
          restartPolicy: 'Always',
          terminationGracePeriodSeconds: 30,
          dnsPolicy: 'ClusterFirst',
          schedulerName: 'default-scheduler',
          securityContext: {},
        },
      },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
  });
  // Written with its final status at once: the status names the ReplicaSet, whose name is a function of the template.
  d.status = settledStatus(d, `${name}-${podTemplateHash(d.spec.template)}`, at, at);
  const stored = store.create('deployments', d);
  const owned = asReplicaSet(replicaSetFor(asDeployment(stored), 1, replicas));
  owned.status = replicas ? { replicas, fullyLabeledReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas, observedGeneration: 1 } : { replicas: 0, observedGeneration: 1 };
  const active = store.create('replicasets', owned);
  clock.pin(at + 2000);
  for (let k = 0; k < replicas; k++) writeRunningPod(ctx, active, at);
}
