// The seeded objects of the kinds the simulator stores without controllers: the platform API's identity and
// access (ServiceAccount, Role, RoleBinding), its autoscaler and disruption budget, the database's volume claim and
// guide 000's weekly database maintenance as a CronJob. What a namespace backup of phoenix-system finds.
import { applyDefaults } from '../server/defaults';
import type { KubeObject, ResourceName } from '../store/types';
import type { Environment } from './platformCatalog';

export interface SeedObject {
  resource: ResourceName;
  object: KubeObject;
}

const PART_OF = { 'app.kubernetes.io/part-of': 'phoenix' };

export function platformStoredKinds(env: Environment): SeedObject[] {
  const ns = 'phoenix-system';
  const meta = (name: string, labels: Record<string, string> = {}) => ({ name, namespace: ns, labels: { ...PART_OF, ...labels } });
  const cronJob: KubeObject = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: meta('database-maintenance', { app: 'postgres' }),
    spec: {
      schedule: '0 3 * * 0',
      concurrencyPolicy: 'Forbid',
      jobTemplate: {
        spec: {
          backoffLimit: 1,
          template: {
            metadata: { labels: { app: 'database-maintenance' } },
            spec: {
              restartPolicy: 'Never',
              containers: [
                {
                  name: 'vacuum',
                  image: 'postgres:15.8',
                  command: ['psql', '-c', 'VACUUM ANALYZE;'],
                  env: [
                    { name: 'PGHOST', value: 'postgres.phoenix-system.svc.cluster.local' },
                    { name: 'PGDATABASE', value: 'phoenix' },
                    { name: 'PGUSER', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'username' } } },
                    { name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } },
                  ],
                },
              ],
            },
          },
        },
      },
    },
    status: {},
  };
  applyDefaults('cronjobs', cronJob);
  return [
    { resource: 'serviceaccounts', object: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('platform-api', { app: 'platform-api' }) } },
    {
      resource: 'roles',
      object: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: meta('platform-config-reader'),
        rules: [
          { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] },
          { apiGroups: [''], resources: ['secrets'], resourceNames: ['db-credentials'], verbs: ['get'] },
        ],
      },
    },
    {
      resource: 'rolebindings',
      object: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: meta('platform-api-config'),
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'platform-config-reader' },
        subjects: [{ kind: 'ServiceAccount', name: 'platform-api', namespace: ns }],
      },
    },
    {
      resource: 'horizontalpodautoscalers',
      object: {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: meta('platform-api', { app: 'platform-api' }),
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'platform-api' },
          minReplicas: env === 'prod' ? 6 : 3,
          maxReplicas: env === 'prod' ? 20 : 10,
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
        },
        status: { currentReplicas: env === 'prod' ? 6 : 3, desiredReplicas: env === 'prod' ? 6 : 3 },
      },
    },
    {
      resource: 'poddisruptionbudgets',
      object: {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: meta('platform-api', { app: 'platform-api' }),
        // One replica short of the deployment's size: a drain or a node upgrade takes one platform-api pod at a time
        // (the guide runs ≥2 replicas); the disruption controller keeps the status true of the pods from here on.
        spec: { minAvailable: env === 'prod' ? 5 : 2, selector: { matchLabels: { app: 'platform-api', track: 'primary' } } },
        status: { currentHealthy: env === 'prod' ? 6 : 3, desiredHealthy: env === 'prod' ? 5 : 2, disruptionsAllowed: 1, expectedPods: env === 'prod' ? 6 : 3, observedGeneration: 1 },
      },
    },
    {
      resource: 'persistentvolumeclaims',
      object: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { ...meta('postgres-data', { app: 'postgres' }), annotations: { 'pv.kubernetes.io/bind-completed': 'yes', 'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path' } },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } }, storageClassName: 'standard', volumeMode: 'Filesystem', volumeName: `pvc-${env}-postgres-data-7c1e` },
        status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '20Gi' } },
      },
    },
    { resource: 'cronjobs', object: cronJob },
  ];
}
