// The kinds of a namespace that a backup keeps as re-appliable YAML (guide 000's configuration backup, widened
// to what a namespace needs to run again), where each is read from, and the file it goes to.

export interface BackupKind {
  kind: string;
  /** The API path of its group version: /api/v1, /apis/apps/v1 … */
  api: string;
  /** The plural, as in the URL. */
  resource: string;
  /** kubectl's name for it (apply, diff, messages). */
  kubectl: string;
}

const kind = (k: string, api: string, resource: string, kubectl = resource): BackupKind => ({ kind: k, api, resource, kubectl });

/** In the order a restore applies them: identities and config first, then what runs, then what points at it. */
export const BACKUP_KINDS: readonly BackupKind[] = [
  kind('ServiceAccount', '/api/v1', 'serviceaccounts'),
  kind('Role', '/apis/rbac.authorization.k8s.io/v1', 'roles', 'roles.rbac.authorization.k8s.io'),
  kind('RoleBinding', '/apis/rbac.authorization.k8s.io/v1', 'rolebindings', 'rolebindings.rbac.authorization.k8s.io'),
  kind('ConfigMap', '/api/v1', 'configmaps'),
  kind('PersistentVolumeClaim', '/api/v1', 'persistentvolumeclaims'),
  kind('Service', '/api/v1', 'services'),
  kind('Deployment', '/apis/apps/v1', 'deployments', 'deployments.apps'),
  kind('StatefulSet', '/apis/apps/v1', 'statefulsets', 'statefulsets.apps'),
  kind('DaemonSet', '/apis/apps/v1', 'daemonsets', 'daemonsets.apps'),
  kind('CronJob', '/apis/batch/v1', 'cronjobs', 'cronjobs.batch'),
  kind('Job', '/apis/batch/v1', 'jobs', 'jobs.batch'),
  kind('HorizontalPodAutoscaler', '/apis/autoscaling/v2', 'horizontalpodautoscalers', 'horizontalpodautoscalers.autoscaling'),
  kind('PodDisruptionBudget', '/apis/policy/v1', 'poddisruptionbudgets', 'poddisruptionbudgets.policy'),
  kind('Ingress', '/apis/networking.k8s.io/v1', 'ingresses', 'ingresses.networking.k8s.io'),
];

/** Secrets are read only when asked, and only ever written encrypted. */
export const SECRET_KIND: BackupKind = kind('Secret', '/api/v1', 'secrets');

/** The YAML file of a kind inside the backup: resources/<plural>.yaml. */
export function kindFile(k: Pick<BackupKind, 'resource'>): string {
  return `resources/${k.resource}.yaml`;
}

export const SECRETS_FILE = 'secrets.enc.json';
export const DUMP_FILE = 'database.dump';
