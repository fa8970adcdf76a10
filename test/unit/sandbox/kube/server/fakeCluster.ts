// A hand-made SimCluster for the API server's tests: an ObjectStore filled directly (no
// controllers) and a small LogSource that honours the LogRequest fields the server passes on.
import { ObjectStore, StoreError } from '../../../../../sandbox/kube/store/objectStore';
import type { KubeObject } from '../../../../../sandbox/kube/store/types';
import type { LogRequest, LogSink, LogSource } from '../../../../../sandbox/kube/logs/logSource';
import type { SimCluster } from '../../../../../sandbox/kube/simCluster';

export interface FakeCluster extends SimCluster {
  /** Every LogRequest the log source received, newest last. */
  readonly logRequests: LogRequest[];
  readonly fakeLogs: FakeLogSource;
}

export function namespace(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
}

export function deployment(ns: string, name: string, opts: { replicas?: number; image?: string; available?: boolean; labels?: Record<string, string> } = {}): KubeObject {
  const replicas = opts.replicas ?? 2;
  const ready = opts.available === false ? 0 : replicas;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns, labels: { app: name, ...opts.labels } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: opts.image ?? `registry.phoenix.dev/${name}:1.0.0`, ports: [{ containerPort: 8080, protocol: 'TCP' }] }] } },
    },
    status: {
      observedGeneration: 1,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: ready,
      availableReplicas: ready,
      conditions: [
        { type: 'Available', status: opts.available === false ? 'False' : 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
        { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${name}-5d9c7b" has successfully progressed.` },
      ],
    },
  };
}

export function pod(ns: string, name: string, app: string, opts: { phase?: string; ready?: boolean; restarts?: number; containers?: string[] } = {}): KubeObject {
  const containers = opts.containers ?? [app];
  const ready = opts.ready ?? true;
  const started = new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels: { app } },
    spec: { nodeName: 'node-1', containers: containers.map((c) => ({ name: c, image: `registry.phoenix.dev/${app}:1.0.0` })) },
    status: {
      phase: opts.phase ?? 'Running',
      podIP: '10.244.0.7',
      podIPs: [{ ip: '10.244.0.7' }],
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      containerStatuses: containers.map((c) => ({
        name: c,
        ready,
        restartCount: opts.restarts ?? 0,
        image: `registry.phoenix.dev/${app}:1.0.0`,
        state: { running: { startedAt: started } },
      })),
    },
  };
}

/** Lines "<pod>/<container> line N", every 20 ms while following. */
export class FakeLogSource implements LogSource {
  readonly requests: LogRequest[] = [];
  /** Streams still running (a follow ends only when its signal aborts). */
  active = 0;
  constructor(
    private readonly store: ObjectStore,
    private readonly lines = 5,
  ) {}

  async stream(req: LogRequest, sink: LogSink, signal: AbortSignal): Promise<void> {
    this.requests.push(req);
    this.active++;
    try {
      await this.produce(req, sink, signal);
    } finally {
      this.active--;
    }
  }

  private async produce(req: LogRequest, sink: LogSink, signal: AbortSignal): Promise<void> {
    const p = this.store.get('pods', req.namespace, req.pod);
    if (!p) throw new StoreError('NotFound', 404, `pods "${req.pod}" not found`);
    const names = ((p.spec?.containers as { name: string }[] | undefined) ?? []).map((c) => c.name);
    const container = req.container ?? (names.length === 1 ? names[0] : undefined);
    if (!container) {
      throw new StoreError('Invalid', 400, `a container name must be specified for pod ${req.pod}, choose one of: [${names.join(' ')}]`);
    }
    if (!names.includes(container)) throw new StoreError('Invalid', 400, `container ${container} is not valid for pod ${req.pod}`);
    if (req.previous) throw new StoreError('Invalid', 400, `previous terminated container "${container}" in pod "${req.pod}" not found`);
    const line = (i: number) => `${req.timestamps ? `${new Date().toISOString()} ` : ''}${req.pod}/${container} line ${i}\n`;
    const first = req.tailLines !== undefined ? Math.max(0, this.lines - req.tailLines) : 0;
    let text = '';
    for (let i = first; i < this.lines; i++) text += line(i);
    if (text) await sink.write(text);
    let i = this.lines;
    while (req.follow && !signal.aborted) {
      await new Promise((r) => setTimeout(r, 20));
      if (!signal.aborted) await sink.write(line(i++));
    }
  }
}

/** A cluster with phoenix-system (deployment "web" + one pod), phase-5 and a forbidden-to-be "restricted" namespace. */
export function fakeCluster(name = 'phoenix-dev', opts: { seed?: boolean; historyLimit?: number } = {}): FakeCluster {
  const store = new ObjectStore({ historyLimit: opts.historyLimit });
  if (opts.seed !== false) {
    for (const ns of ['phoenix-system', 'phase-5', 'restricted']) store.create('namespaces', namespace(ns));
    store.create('deployments', deployment('phoenix-system', 'web'));
    store.create('pods', pod('phoenix-system', 'web-5d9c7b-abcde', 'web'));
  }
  const logs = new FakeLogSource(store);
  return { name, store, logs, fakeLogs: logs, logRequests: logs.requests, idle: true, usage: undefined, dispose: () => undefined }; // no controllers: always idle; no metrics API
}
