// Turns a live object into what `kubectl apply` can put back: no status, no fields the server sets (uid,
// resourceVersion, managedFields, timestamps, allocated IPs, bound volumes), no last-applied annotation. And
// which objects not to keep at all: those the cluster makes by itself, or that a controller owns.

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

const SERVER_METADATA = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink', 'ownerReferences'];

const SERVER_ANNOTATIONS = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'pv.kubernetes.io/bind-completed',
  'pv.kubernetes.io/bound-by-controller',
  'volume.beta.kubernetes.io/storage-provisioner',
  'volume.kubernetes.io/storage-provisioner',
  'volume.kubernetes.io/selected-node',
  'autoscaling.alpha.kubernetes.io/conditions',
  'autoscaling.alpha.kubernetes.io/current-metrics',
  'batch.kubernetes.io/job-tracking',
];

/** Labels the Job controller puts on a Job's selector and template: a re-created Job gets new ones. */
const JOB_CONTROLLER_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid', 'job-name', 'batch.kubernetes.io/job-name'];

/** Why an object is left out of a backup, or undefined when it is kept. */
export function skipReason(obj: JsonObject): string | undefined {
  const kind = str(obj.kind);
  const meta = asObject(obj.metadata);
  const name = str(meta?.name);
  // Stryker disable next-line ArrayDeclaration: equivalent, a list that holds no object holds no controller reference, whatever else it holds.
  const owners = Array.isArray(meta?.ownerReferences) ? meta.ownerReferences : [];
  if (owners.some((o) => asObject(o)?.controller === true)) return 'owned by a controller, which re-creates it';
  if (kind === 'ConfigMap' && name === 'kube-root-ca.crt') return 'published by the cluster in every namespace';
  if (kind === 'ServiceAccount' && name === 'default') return 'created by the cluster in every namespace';
  if (kind === 'Secret' && str(obj.type) === 'kubernetes.io/service-account-token') return 'a service account token, issued by the cluster';
  if (kind === 'Service' && name === 'kubernetes' && str(meta?.namespace) === 'default') return 'the API server\'s own Service';
  return undefined;
}

/** A deep copy of `obj` as a backup keeps it. */
export function stripForBackup(obj: JsonObject): JsonObject {
  const out = structuredClone(obj);
  delete out.status;
  const meta = asObject(out.metadata);
  if (meta) {
    for (const k of SERVER_METADATA) delete meta[k];
    const ann = asObject(meta.annotations);
    if (ann) {
      for (const k of SERVER_ANNOTATIONS) delete ann[k];
      if (Object.keys(ann).length === 0) delete meta.annotations;
    }
  }
  const spec = asObject(out.spec);
  const kind = str(out.kind);
  if (spec) {
    if (kind === 'Service') stripService(spec);
    if (kind === 'PersistentVolumeClaim') delete spec.volumeName;
    if (kind === 'Job') stripJob(spec);
    stripTemplateTimestamps(spec);
  }
  if (kind === 'ServiceAccount' && Array.isArray(out.secrets)) {
    // Legacy token secrets the cluster generated for it (<sa>-token-xxxxx) are not re-appliable.
    const sa = str(meta?.name);
    out.secrets = out.secrets.filter((s) => !str(asObject(s)?.name).startsWith(`${sa}-token-`));
    if (out.secrets.length === 0) delete out.secrets;
  }
  return out;
}

function stripService(spec: JsonObject): void {
  // Allocated by the cluster: re-applying an old IP or port can collide in another cluster. Headless stays headless.
  if (spec.clusterIP !== 'None') {
    delete spec.clusterIP;
    delete spec.clusterIPs;
  }
  delete spec.healthCheckNodePort;
  if (Array.isArray(spec.ports) && spec.type !== 'NodePort') {
    for (const p of spec.ports) {
      const port = asObject(p);
      if (port && spec.type !== 'LoadBalancer') delete port.nodePort;
    }
  }
}

function stripJob(spec: JsonObject): void {
  const selector = asObject(spec.selector);
  const matchLabels = asObject(selector?.matchLabels);
  if (matchLabels) for (const k of JOB_CONTROLLER_LABELS) delete matchLabels[k];
  if (selector && matchLabels && Object.keys(matchLabels).length === 0 && !selector.matchExpressions) delete spec.selector;
  const labels = asObject(asObject(asObject(spec.template)?.metadata)?.labels);
  if (labels) for (const k of JOB_CONTROLLER_LABELS) delete labels[k];
}

/** Go writes a zero creationTimestamp (null) into pod templates; it means nothing to apply. */
function stripTemplateTimestamps(spec: JsonObject): void {
  const templates = [asObject(spec.template), asObject(asObject(asObject(spec.jobTemplate)?.spec)?.template), asObject(spec.jobTemplate)];
  for (const t of templates) {
    const m = asObject(t?.metadata);
    if (m && m.creationTimestamp === null) delete m.creationTimestamp;
    if (m && Object.keys(m).length === 0 && t) delete t.metadata;
  }
}

function asObject(v: Json | undefined): JsonObject | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}

function str(v: Json | undefined): string {
  return typeof v === 'string' ? v : '';
}
