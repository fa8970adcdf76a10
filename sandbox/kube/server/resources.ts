// The built-in API surface the simulator serves: each resource's group/version/kind, scope, verbs,
// short names, categories and subresources. The ResourceRegistry adds the custom resources of the
// cluster's CRDs; discovery, routing, errors and tables all read the registry.
import type { BuiltinResourceName, ResourceName } from '../store/types';
import type { Printer } from './table/printers';

export interface GroupVersion {
  group: string; // '' for the core group
  version: string;
}

export interface SubresourceInfo {
  name: 'status' | 'scale' | 'log' | 'exec' | 'eviction';
  /** The kind the subresource speaks when it is not the parent's (scale → autoscaling/v1 Scale). */
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
}

export interface ResourceInfo extends GroupVersion {
  /** The store's key: the plural for built-ins, `<plural>.<group>` for custom resources. */
  resource: ResourceName;
  /** The URL segment (and discovery name). */
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames: string[];
  categories: string[];
  subresources: SubresourceInfo[];
  /** Field selector labels this resource accepts besides metadata.name / metadata.namespace. */
  fieldLabels: string[];
  /** Whether `status` belongs to the status subresource (ignored on writes of the main resource). */
  hasStatus: boolean;
  /** Whether DELETE answers with the deleted object (pods, services, namespaces) instead of a Status. */
  returnsDeletedObject: boolean;
  /** Table columns of a custom resource (from its CRD's additionalPrinterColumns); built-ins use PRINTERS. */
  printer?: Printer;
}

export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
export const STATUS_VERBS = ['get', 'patch', 'update'];

function info(
  gv: GroupVersion,
  resource: BuiltinResourceName,
  kind: string,
  extra: Partial<Omit<ResourceInfo, 'resource' | 'kind' | 'group' | 'version'>> = {},
): ResourceInfo {
  const hasStatus = extra.hasStatus ?? true;
  return {
    ...gv,
    resource,
    plural: resource,
    kind,
    singular: kind.toLowerCase(),
    namespaced: true,
    verbs: ALL_VERBS,
    shortNames: [],
    categories: [],
    fieldLabels: [],
    returnsDeletedObject: false,
    ...extra,
    hasStatus,
    subresources: extra.subresources ?? (hasStatus ? [{ name: 'status', kind, verbs: STATUS_VERBS }] : []),
  };
}

const core: GroupVersion = { group: '', version: 'v1' };
const apps: GroupVersion = { group: 'apps', version: 'v1' };
const networking: GroupVersion = { group: 'networking.k8s.io', version: 'v1' };
const batch: GroupVersion = { group: 'batch', version: 'v1' };
const autoscaling: GroupVersion = { group: 'autoscaling', version: 'v2' };
const policy: GroupVersion = { group: 'policy', version: 'v1' };
const rbac: GroupVersion = { group: 'rbac.authorization.k8s.io', version: 'v1' };
const coordination: GroupVersion = { group: 'coordination.k8s.io', version: 'v1' };
export const APIEXTENSIONS: GroupVersion = { group: 'apiextensions.k8s.io', version: 'v1' };

const scale = (kind: string): SubresourceInfo[] => [
  { name: 'scale', group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: STATUS_VERBS },
  { name: 'status', kind, verbs: STATUS_VERBS },
];

export const RESOURCES: readonly ResourceInfo[] = [
  info(core, 'configmaps', 'ConfigMap', { shortNames: ['cm'], hasStatus: false }),
  info(core, 'events', 'Event', {
    shortNames: ['ev'],
    hasStatus: false,
    fieldLabels: [
      'involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid',
      'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath',
      'reason', 'reportingComponent', 'source', 'type',
    ],
  }),
  info(core, 'namespaces', 'Namespace', {
    namespaced: false,
    shortNames: ['ns'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    fieldLabels: ['status.phase'],
    returnsDeletedObject: true,
  }),
  info(core, 'nodes', 'Node', { namespaced: false, shortNames: ['no'], fieldLabels: ['spec.unschedulable'] }),
  info(core, 'pods', 'Pod', {
    shortNames: ['po'],
    categories: ['all'],
    fieldLabels: [
      'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork',
      'status.phase', 'status.podIP', 'status.nominatedNodeName',
    ],
    subresources: [
      // kubectl drain looks for pods/eviction (policy/v1 Eviction) in discovery before it evicts instead of deleting.
      { name: 'eviction', group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] },
      { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
      { name: 'log', kind: 'Pod', verbs: ['get'] },
      { name: 'status', kind: 'Pod', verbs: STATUS_VERBS },
    ],
    returnsDeletedObject: true,
  }),
  info(core, 'secrets', 'Secret', { hasStatus: false, fieldLabels: ['type'] }),
  info(core, 'services', 'Service', { shortNames: ['svc'], categories: ['all'], returnsDeletedObject: true }),
  info(apps, 'deployments', 'Deployment', { shortNames: ['deploy'], categories: ['all'], subresources: scale('Deployment') }),
  info(apps, 'replicasets', 'ReplicaSet', {
    shortNames: ['rs'],
    categories: ['all'],
    fieldLabels: ['status.replicas'],
    subresources: scale('ReplicaSet'),
  }),
  info(networking, 'ingresses', 'Ingress', { shortNames: ['ing'] }),
  // Plain stored kinds (no controllers): what a namespace backup reads; real kubectl gets, applies and dry-runs them.
  info(apps, 'statefulsets', 'StatefulSet', { shortNames: ['sts'], categories: ['all'], subresources: scale('StatefulSet') }),
  info(apps, 'daemonsets', 'DaemonSet', { shortNames: ['ds'], categories: ['all'] }),
  info(batch, 'cronjobs', 'CronJob', { shortNames: ['cj'], categories: ['all'] }),
  info(batch, 'jobs', 'Job', { categories: ['all'] }),
  info(autoscaling, 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', { shortNames: ['hpa'], categories: ['all'] }),
  info(policy, 'poddisruptionbudgets', 'PodDisruptionBudget', { shortNames: ['pdb'] }),
  info(core, 'serviceaccounts', 'ServiceAccount', { shortNames: ['sa'], hasStatus: false }),
  info(rbac, 'roles', 'Role', { hasStatus: false }),
  info(rbac, 'rolebindings', 'RoleBinding', { hasStatus: false }),
  info(core, 'persistentvolumeclaims', 'PersistentVolumeClaim', { shortNames: ['pvc'] }),
  // Node heartbeats (kubectl describe node prints the node's Lease); no status, as the real kind.
  info(coordination, 'leases', 'Lease', { hasStatus: false }),
  info(APIEXTENSIONS, 'customresourcedefinitions', 'CustomResourceDefinition', { namespaced: false, shortNames: ['crd', 'crds'], categories: ['api-extensions'] }),
];

export const AUTHORIZATION: GroupVersion = { group: 'authorization.k8s.io', version: 'v1' };

/** The built-in group versions; custom resources add theirs through the ResourceRegistry. */
export const GROUP_VERSIONS: readonly GroupVersion[] = [core, apps, networking, APIEXTENSIONS, AUTHORIZATION, batch, autoscaling, policy, rbac, coordination];

/** Resources that are not stored, only answered (SelfSubjectAccessReview for `kubectl auth can-i`). */
export interface VirtualResource extends GroupVersion {
  resource: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
}

/** metrics-server's aggregated API; served only while the cluster has a usage source (ResourceRegistry.addAggregated). */
export const METRICS: GroupVersion = { group: 'metrics.k8s.io', version: 'v1beta1' };

export const VIRTUAL_RESOURCES: readonly VirtualResource[] = [
  { ...AUTHORIZATION, resource: 'selfsubjectaccessreviews', singular: 'selfsubjectaccessreview', kind: 'SelfSubjectAccessReview', namespaced: false, verbs: ['create'] },
  { ...METRICS, resource: 'nodes', singular: '', kind: 'NodeMetrics', namespaced: false, verbs: ['get', 'list'] },
  { ...METRICS, resource: 'pods', singular: '', kind: 'PodMetrics', namespaced: true, verbs: ['get', 'list'] },
];

export function groupVersionString(gv: GroupVersion): string {
  return gv.group ? `${gv.group}/${gv.version}` : gv.version;
}

/** "deployments.apps", "pods": how the real server names a resource in messages. */
export function qualifiedResource(r: ResourceInfo): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

/** "Deployment.apps", "Pod": how the real server names a kind in Invalid messages. */
export function qualifiedKind(r: { kind: string; group: string }): string {
  return r.group ? `${r.kind}.${r.group}` : r.kind;
}

const byName = new Map(RESOURCES.map((r) => [r.resource, r]));

/** A built-in resource's info (custom resources are looked up in the ResourceRegistry). */
export function resourceInfo(resource: BuiltinResourceName): ResourceInfo {
  const r = byName.get(resource);
  if (!r) throw new Error(`unknown resource ${resource}`);
  return r;
}

export function sameGroupVersion(a: GroupVersion, b: GroupVersion): boolean {
  return a.group === b.group && a.version === b.version;
}
