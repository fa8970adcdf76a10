// Types shared by the simulator's object store, API server, controllers and seed.

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  generateName?: string;
  managedFields?: unknown[];
  [key: string]: unknown;
}

/** Any Kubernetes object as plain JSON. Kind-specific code narrows `spec`/`status` itself. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [key: string]: unknown;
}

/** The built-in resources the simulator serves, by their plural (the URL segment). */
export type BuiltinResourceName =
  | 'namespaces'
  | 'deployments'
  | 'replicasets'
  | 'pods'
  | 'services'
  | 'ingresses'
  | 'configmaps'
  | 'secrets'
  | 'events'
  // Stored as they are written (no controllers yet): what a namespace backup reads and restores.
  | 'statefulsets'
  | 'daemonsets'
  | 'cronjobs'
  | 'jobs'
  | 'horizontalpodautoscalers'
  | 'poddisruptionbudgets'
  | 'serviceaccounts'
  | 'roles'
  | 'rolebindings'
  | 'persistentvolumeclaims'
  | 'customresourcedefinitions'
  // The simulated nodes pods are bound to (controllers/nodePool.ts); cordon patches spec.unschedulable.
  | 'nodes'
  // coordination.k8s.io Leases: the node pool keeps kube-node-lease/<node> renewed, as kubelets do.
  | 'leases';

/**
 * A custom resource is stored under `<plural>.<group>` (the CRD's name), so two groups may both
 * define `rollouts` without sharing a bucket.
 */
export type CustomResourceName = `${string}.${string}`;

/** What the store keys objects by: a built-in plural or a custom resource's `<plural>.<group>`. */
export type ResourceName = BuiltinResourceName | CustomResourceName;

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  resource: ResourceName;
  /** The object after the change (for DELETED: the last state, with the deletion's resourceVersion). */
  object: KubeObject;
  /** The cluster-wide resourceVersion this event produced. */
  rv: number;
  /**
   * For MODIFIED: the object before the change. Watches with label/field selectors need it to
   * turn a change that enters or leaves the selection into ADDED/DELETED, as the real cacher does.
   */
  previous?: KubeObject;
}
