// Builds simulated-cluster objects in the shapes the controllers and seed produce (deployment → ReplicaSet → pods, Services, canary Ingress), without the controllers.
import { ObjectStore } from '../../../../sandbox/kube/store/objectStore';
import type { KubeObject } from '../../../../sandbox/kube/store/types';

export interface DeploymentSpec {
  namespace?: string;
  name: string;
  /** Labels of the deployment and its pod template; default `{ app: name, track: 'primary' }`. */
  labels?: Record<string, string>;
  replicas?: number;
  image?: string;
  /** How many of the pods are Ready (default all). */
  ready?: number;
}

export const NS = 'phoenix-system';

export function newStore(...namespaces: string[]): ObjectStore {
  const store = new ObjectStore();
  for (const ns of namespaces.length ? namespaces : [NS]) {
    store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  }
  return store;
}

/** A deployment with one ReplicaSet and its pods, as the deployment controller leaves them after a finished rollout. */
export function addDeployment(store: ObjectStore, spec: DeploymentSpec): KubeObject {
  const ns = spec.namespace ?? NS;
  const labels = spec.labels ?? { app: spec.name, track: 'primary' };
  const replicas = spec.replicas ?? 2;
  const image = spec.image ?? `registry.phoenix.local/${spec.name}:1.4.2`;
  const dep = store.create('deployments', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: spec.name, namespace: ns, labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'main', image }] } },
    },
    status: { replicas, availableReplicas: spec.ready ?? replicas },
  });
  addReplicaSet(store, dep, image, replicas, spec.ready ?? replicas, '1');
  return dep;
}

/** A new ReplicaSet revision of `dep` with `count` pods running `image` (`ready` of them Ready). */
export function addReplicaSet(store: ObjectStore, dep: KubeObject, image: string, count: number, ready: number, revision: string): KubeObject {
  const ns = dep.metadata.namespace ?? NS;
  const labels = dep.metadata.labels ?? {};
  const rs = store.create('replicasets', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${dep.metadata.name}-${revision}abc`,
      namespace: ns,
      labels,
      annotations: { 'deployment.kubernetes.io/revision': revision },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: dep.metadata.name, uid: dep.metadata.uid ?? '', controller: true }],
    },
    spec: { replicas: count, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'main', image }] } } },
  });
  for (let i = 0; i < count; i++) {
    store.create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${rs.metadata.name}-p${i}`,
        namespace: ns,
        labels,
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name, uid: rs.metadata.uid ?? '', controller: true }],
      },
      spec: { containers: [{ name: 'main', image }] },
      status: podStatus(i < ready, 0),
    });
  }
  return rs;
}

export function podStatus(ready: boolean, restarts: number): Record<string, unknown> {
  return {
    phase: 'Running',
    conditions: [
      { type: 'Initialized', status: 'True' },
      { type: 'Ready', status: ready ? 'True' : 'False' },
      { type: 'ContainersReady', status: ready ? 'True' : 'False' },
    ],
    containerStatuses: [{ name: 'main', ready, restartCount: restarts, image: 'x' }],
  };
}

/** Pods of a deployment (through its ReplicaSets). */
export function podsOf(store: ObjectStore, deployment: string, ns = NS): KubeObject[] {
  const rsNames = new Set(
    store
      .list('replicasets', ns)
      .filter((rs) => rs.metadata.ownerReferences?.some((r) => r.name === deployment))
      .map((rs) => rs.metadata.name),
  );
  return store.list('pods', ns).filter((p) => p.metadata.ownerReferences?.some((r) => rsNames.has(r.name)));
}

/** Switches every pod of a deployment to `image` in place (a finished rollout, compressed). */
export function setImage(store: ObjectStore, deployment: string, image: string, ns = NS): void {
  for (const pod of podsOf(store, deployment, ns)) {
    const next = structuredClone(pod);
    next.spec = { ...next.spec, containers: [{ name: 'main', image }] };
    store.update('pods', next);
  }
}

export function setReady(store: ObjectStore, deployment: string, ready: boolean, ns = NS): void {
  for (const pod of podsOf(store, deployment, ns)) {
    const next = structuredClone(pod);
    next.status = podStatus(ready, 0);
    store.update('pods', next);
  }
}

export function addService(store: ObjectStore, name: string, selector: Record<string, string>, ns = NS): KubeObject {
  return store.create('services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: ns },
    spec: { selector, ports: [{ port: 80, targetPort: 8080 }] },
  });
}

export function addIngress(store: ObjectStore, name: string, host: string, service: string, canaryWeight?: number, ns = NS): KubeObject {
  return store.create('ingresses', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name,
      namespace: ns,
      annotations:
        canaryWeight === undefined
          ? {}
          : { 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': String(canaryWeight) },
    },
    spec: {
      ingressClassName: 'nginx',
      rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: service, port: { number: 80 } } } }] } }],
    },
  });
}

export function setCanaryWeight(store: ObjectStore, ingress: string, weight: number, ns = NS): void {
  const ing = structuredClone(store.get('ingresses', ns, ingress)!);
  ing.metadata.annotations = { ...ing.metadata.annotations, 'nginx.ingress.kubernetes.io/canary-weight': String(weight) };
  store.update('ingresses', ing);
}

/** The seeded platform of the guides, as the seed will create it: six services and a platform-api canary at `canaryWeight` %. */
export function seedPlatform(store: ObjectStore, canaryWeight = 10): void {
  for (const name of ['platform-api', 'controller', 'generator', 'analytics', 'dashboard', 'postgres']) {
    addDeployment(store, { name, replicas: name === 'postgres' ? 1 : 3 });
  }
  addDeployment(store, { name: 'platform-api-canary', labels: { app: 'platform-api', track: 'canary' }, replicas: 1 });
  addService(store, 'platform-api', { app: 'platform-api', track: 'primary' });
  addService(store, 'platform-api-canary', { app: 'platform-api', track: 'canary' });
  addIngress(store, 'platform-api', 'api.phoenix.local', 'platform-api');
  addIngress(store, 'platform-api-canary', 'api.phoenix.local', 'platform-api-canary', canaryWeight);
}
