// Defaulting the API server applies on every write, as the real one does (apps/v1 and core/v1
// SetDefaults_*): replicas, rolling-update strategy, pod spec and container defaults, service
// cluster IPs, secret stringData, namespace finalizers. Exported so seeds can create the same shapes.
import type { KubeObject, ResourceName } from '../store/types';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function child(o: Obj, key: string): Obj {
  const v = o[key];
  if (isObj(v)) return v;
  const c: Obj = {};
  o[key] = c;
  return c;
}

function setDefault(o: Obj, key: string, value: unknown): void {
  if (o[key] === undefined || o[key] === null) o[key] = value;
}

function defaultContainer(c: Obj): void {
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  const image = typeof c.image === 'string' ? c.image : '';
  const tag = image.includes('@') ? 'digest' : (/:([^/:]+)$/.exec(image)?.[1] ?? 'latest');
  setDefault(c, 'imagePullPolicy', tag === 'latest' ? 'Always' : 'IfNotPresent');
  setDefault(c, 'resources', {});
  for (const p of Array.isArray(c.ports) ? (c.ports as unknown[]) : []) if (isObj(p)) setDefault(p, 'protocol', 'TCP');
  for (const e of Array.isArray(c.env) ? (c.env as unknown[]) : []) {
    const fieldRef = isObj(e) && isObj(e.valueFrom) ? e.valueFrom.fieldRef : undefined;
    if (isObj(fieldRef)) setDefault(fieldRef, 'apiVersion', 'v1');
  }
}

function defaultPodSpec(spec: Obj): void {
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'schedulerName', 'default-scheduler');
  for (const list of ['containers', 'initContainers']) {
    for (const c of Array.isArray(spec[list]) ? (spec[list] as unknown[]) : []) if (isObj(c)) defaultContainer(c);
  }
}

/** Pod templates carry `creationTimestamp: null` in their metadata, as Go serialises a zero time. */
function defaultTemplate(spec: Obj): void {
  const template = child(spec, 'template');
  const meta = child(template, 'metadata');
  if (!('creationTimestamp' in meta)) meta.creationTimestamp = null;
  defaultPodSpec(child(template, 'spec'));
}

function defaultDeployment(o: KubeObject): void {
  const spec = child(o, 'spec');
  setDefault(spec, 'replicas', 1);
  const strategy = child(spec, 'strategy');
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const ru = child(strategy, 'rollingUpdate');
    setDefault(ru, 'maxUnavailable', '25%');
    setDefault(ru, 'maxSurge', '25%');
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  setDefault(spec, 'progressDeadlineSeconds', 600);
  defaultTemplate(spec);
}

function defaultReplicaSet(o: KubeObject): void {
  const spec = child(o, 'spec');
  setDefault(spec, 'replicas', 1);
  defaultTemplate(spec);
}

function defaultPod(o: KubeObject, creating: boolean): void {
  const spec = child(o, 'spec');
  defaultPodSpec(spec);
  setDefault(spec, 'enableServiceLinks', true);
  setDefault(spec, 'preemptionPolicy', 'PreemptLowerPriority');
  setDefault(spec, 'priority', 0);
  setDefault(spec, 'serviceAccountName', 'default');
  setDefault(spec, 'serviceAccount', spec.serviceAccountName);
  if (creating) {
    const status = child(o, 'status');
    setDefault(status, 'phase', 'Pending');
    setDefault(status, 'qosClass', 'BestEffort');
  }
}

let nextIp = 1;

function allocateClusterIp(): string {
  if ((nextIp & 255) === 0) nextIp++;
  const n = nextIp++;
  return `10.96.${(n >> 8) & 255}.${n & 255}`;
}

function defaultService(o: KubeObject, current: KubeObject | undefined): void {
  const spec = child(o, 'spec');
  const cur = isObj(current?.spec) ? current.spec : undefined;
  setDefault(spec, 'type', 'ClusterIP');
  setDefault(spec, 'sessionAffinity', 'None');
  if (spec.type !== 'ExternalName') {
    setDefault(spec, 'clusterIP', cur?.clusterIP ?? allocateClusterIp());
    setDefault(spec, 'clusterIPs', spec.clusterIP === 'None' ? ['None'] : [spec.clusterIP]);
    setDefault(spec, 'ipFamilies', ['IPv4']);
    setDefault(spec, 'ipFamilyPolicy', 'SingleStack');
    setDefault(spec, 'internalTrafficPolicy', 'Cluster');
  }
  const needsNodePort = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
  const curPorts = Array.isArray(cur?.ports) ? (cur.ports as Obj[]) : [];
  for (const p of Array.isArray(spec.ports) ? (spec.ports as unknown[]) : []) {
    if (!isObj(p)) continue;
    setDefault(p, 'protocol', 'TCP');
    setDefault(p, 'targetPort', p.port);
    if (needsNodePort && p.nodePort === undefined) {
      p.nodePort = curPorts.find((c) => c.port === p.port)?.nodePort ?? 30000 + Math.floor(Math.random() * 2768);
    }
  }
  if (spec.type === 'LoadBalancer') setDefault(spec, 'externalTrafficPolicy', 'Cluster');
  setDefault(o, 'status', { loadBalancer: {} });
}

function defaultSecret(o: KubeObject): void {
  setDefault(o, 'type', 'Opaque');
  if (isObj(o.stringData)) {
    const data = child(o, 'data');
    for (const [k, v] of Object.entries(o.stringData)) data[k] = Buffer.from(String(v), 'utf8').toString('base64');
    delete o.stringData;
  }
}

function defaultNamespace(o: KubeObject, creating: boolean): void {
  const labels = (o.metadata.labels ??= {});
  labels['kubernetes.io/metadata.name'] = o.metadata.name;
  const spec = child(o, 'spec');
  setDefault(spec, 'finalizers', ['kubernetes']);
  if (creating) child(o, 'status').phase = 'Active';
}

function defaultStatefulSet(o: KubeObject): void {
  const spec = child(o, 'spec');
  setDefault(spec, 'replicas', 1);
  setDefault(spec, 'podManagementPolicy', 'OrderedReady');
  setDefault(spec, 'updateStrategy', { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
  setDefault(spec, 'revisionHistoryLimit', 10);
  defaultTemplate(spec);
}

function defaultDaemonSet(o: KubeObject): void {
  const spec = child(o, 'spec');
  setDefault(spec, 'updateStrategy', { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
  setDefault(spec, 'revisionHistoryLimit', 10);
  defaultTemplate(spec);
}

function defaultJobSpec(spec: Obj): void {
  setDefault(spec, 'completions', 1);
  setDefault(spec, 'parallelism', 1);
  setDefault(spec, 'backoffLimit', 6);
  setDefault(spec, 'completionMode', 'NonIndexed');
  setDefault(spec, 'suspend', false);
  defaultTemplate(spec);
}

function defaultCronJob(o: KubeObject): void {
  const spec = child(o, 'spec');
  setDefault(spec, 'concurrencyPolicy', 'Allow');
  setDefault(spec, 'suspend', false);
  setDefault(spec, 'successfulJobsHistoryLimit', 3);
  setDefault(spec, 'failedJobsHistoryLimit', 1);
  const jobTemplate = child(spec, 'jobTemplate');
  if (!('metadata' in jobTemplate)) jobTemplate.metadata = { creationTimestamp: null };
  defaultJobSpec(child(jobTemplate, 'spec'));
}

function defaultPersistentVolumeClaim(o: KubeObject, creating: boolean): void {
  setDefault(child(o, 'spec'), 'volumeMode', 'Filesystem');
  if (creating) setDefault(child(o, 'status'), 'phase', 'Pending');
}

/** A CRD is Established at once (no controller needs to accept its names here). */
function defaultCrd(o: KubeObject): void {
  const names = (o.spec?.names ?? {}) as Record<string, unknown>;
  const at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  o.status = {
    acceptedNames: names,
    storedVersions: (Array.isArray(o.spec?.versions) ? (o.spec.versions as { name?: string; storage?: boolean }[]) : []).filter((v) => v.storage).map((v) => v.name),
    conditions: [
      { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found', lastTransitionTime: at },
      { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted', lastTransitionTime: at },
    ],
  };
}

/** Fills defaults in place on an object about to be written. `current` is the stored version on update. */
export function applyDefaults(resource: ResourceName, obj: KubeObject, current?: KubeObject): void {
  const creating = current === undefined;
  switch (resource) {
    case 'deployments':
      return defaultDeployment(obj);
    case 'replicasets':
      return defaultReplicaSet(obj);
    case 'pods':
      return defaultPod(obj, creating);
    case 'services':
      return defaultService(obj, current);
    case 'secrets':
      return defaultSecret(obj);
    case 'namespaces':
      return defaultNamespace(obj, creating);
    case 'statefulsets':
      return defaultStatefulSet(obj);
    case 'daemonsets':
      return defaultDaemonSet(obj);
    case 'jobs':
      return defaultJobSpec(child(obj, 'spec'));
    case 'cronjobs':
      return defaultCronJob(obj);
    case 'persistentvolumeclaims':
      return defaultPersistentVolumeClaim(obj, creating);
    case 'customresourcedefinitions':
      return defaultCrd(obj);
    default:
      return;
  }
}
