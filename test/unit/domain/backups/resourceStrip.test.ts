// What a backup keeps of a live object: everything the user wrote, nothing the server set; and which objects the
// cluster makes by itself (or a controller owns) are left out. More objects left alone than stripped.
import assert from 'node:assert/strict';
import { type JsonObject, skipReason, stripForBackup } from '../../../../src/domain/backups/resourceStrip';

const liveMeta = (name: string, extra: JsonObject = {}): JsonObject => ({
  name,
  namespace: 'phoenix-system',
  uid: '6f1c9e2a-0000-4000-8000-000000000001',
  resourceVersion: '4711',
  generation: 3,
  creationTimestamp: '2026-11-01T10:00:00Z',
  managedFields: [{ manager: 'kubectl', operation: 'Update' }],
  selfLink: '/apis/apps/v1/namespaces/phoenix-system/deployments/x',
  labels: { app: name },
  ...extra,
});

describe('stripping live objects for a backup', () => {
  it('a Deployment keeps its spec, labels and own annotations, loses status and server fields', () => {
    const live: JsonObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: liveMeta('platform-api', {
        annotations: { 'deployment.kubernetes.io/revision': '4', 'kubectl.kubernetes.io/last-applied-configuration': '{}', 'team/owner': 'sre' },
      }),
      spec: { replicas: 3, selector: { matchLabels: { app: 'platform-api' } }, template: { metadata: { creationTimestamp: null, labels: { app: 'platform-api' } }, spec: { containers: [{ name: 'api', image: 'ghcr.io/phoenix/platform-api:1.8.2' }] } } },
      status: { replicas: 3, readyReplicas: 3 },
    };
    const before = structuredClone(live);
    assert.deepEqual(stripForBackup(live), {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'platform-api', namespace: 'phoenix-system', labels: { app: 'platform-api' }, annotations: { 'team/owner': 'sre' } },
      spec: { replicas: 3, selector: { matchLabels: { app: 'platform-api' } }, template: { metadata: { labels: { app: 'platform-api' } }, spec: { containers: [{ name: 'api', image: 'ghcr.io/phoenix/platform-api:1.8.2' }] } } },
    });
    assert.deepEqual(live, before, 'the live object is not changed');
  });

  it('drops an annotations map that only held server annotations', () => {
    const s = stripForBackup({ apiVersion: 'v1', kind: 'ConfigMap', metadata: liveMeta('c', { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } }), data: { A: '1' } });
    assert.deepEqual(s, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'phoenix-system', labels: { app: 'c' } }, data: { A: '1' } });
  });

  it('a Service loses its allocated cluster IPs and node ports; a headless one stays headless', () => {
    const svc = (spec: JsonObject): JsonObject => ({ apiVersion: 'v1', kind: 'Service', metadata: liveMeta('s'), spec, status: { loadBalancer: {} } });
    assert.deepEqual(stripForBackup(svc({ type: 'ClusterIP', clusterIP: '10.96.0.12', clusterIPs: ['10.96.0.12'], ports: [{ port: 80, nodePort: 30080 }], selector: { app: 's' } })).spec, {
      type: 'ClusterIP',
      ports: [{ port: 80 }],
      selector: { app: 's' },
    });
    assert.deepEqual(stripForBackup(svc({ clusterIP: 'None', clusterIPs: ['None'] })).spec, { clusterIP: 'None', clusterIPs: ['None'] });
    // A NodePort chosen by the user is part of the spec.
    assert.deepEqual(stripForBackup(svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }], healthCheckNodePort: 31000 })).spec, { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] });
    assert.deepEqual(stripForBackup(svc({ type: 'LoadBalancer', ports: [{ port: 443, nodePort: 31443 }] })).spec, { type: 'LoadBalancer', ports: [{ port: 443, nodePort: 31443 }] });
  });

  it('a PVC keeps its request but not the volume it was bound to', () => {
    const pvc: JsonObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: liveMeta('postgres-data', { annotations: { 'pv.kubernetes.io/bind-completed': 'yes', 'volume.kubernetes.io/storage-provisioner': 'x' } }),
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } }, storageClassName: 'standard', volumeName: 'pvc-1234', volumeMode: 'Filesystem' },
      status: { phase: 'Bound' },
    };
    const s = stripForBackup(pvc);
    assert.deepEqual(s.spec, { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } }, storageClassName: 'standard', volumeMode: 'Filesystem' });
    assert.equal((s.metadata as JsonObject).annotations, undefined);
  });

  it('a Job loses the controller-uid labels the Job controller put on its selector and template', () => {
    const job: JsonObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: liveMeta('migrate'),
      spec: {
        selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u', 'controller-uid': 'u' } },
        template: { metadata: { labels: { 'batch.kubernetes.io/job-name': 'migrate', 'job-name': 'migrate', 'controller-uid': 'u', app: 'migrate' } }, spec: { restartPolicy: 'Never' } },
      },
    };
    assert.deepEqual(stripForBackup(job).spec, { template: { metadata: { labels: { app: 'migrate' } }, spec: { restartPolicy: 'Never' } } });
    // A selector the user wrote stays.
    const own: JsonObject = { ...job, spec: { selector: { matchLabels: { app: 'migrate', 'controller-uid': 'u' } } } };
    assert.deepEqual(stripForBackup(own).spec, { selector: { matchLabels: { app: 'migrate' } } });
  });

  it('a CronJob loses the null timestamps of its job template', () => {
    const cj: JsonObject = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: liveMeta('db-maintenance'),
      spec: { schedule: '0 3 * * 0', jobTemplate: { metadata: { creationTimestamp: null }, spec: { template: { metadata: { creationTimestamp: null }, spec: { restartPolicy: 'OnFailure' } } } } },
      status: { lastScheduleTime: '2026-11-29T03:00:00Z' },
    };
    assert.deepEqual(stripForBackup(cj).spec, { schedule: '0 3 * * 0', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure' } } } } });
  });

  it('a ServiceAccount loses the token secrets the cluster generated, keeps the ones it names itself', () => {
    const sa: JsonObject = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: liveMeta('platform-api'), secrets: [{ name: 'platform-api-token-x7k2p' }, { name: 'registry-pull' }] };
    assert.deepEqual(stripForBackup(sa).secrets, [{ name: 'registry-pull' }]);
    const only: JsonObject = { ...sa, secrets: [{ name: 'platform-api-token-x7k2p' }] };
    assert.equal(stripForBackup(only).secrets, undefined);
  });

  it('a pod template keeps a creationTimestamp that is set; only the null one Go writes goes', () => {
    const deploy: JsonObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: liveMeta('web'),
      spec: { template: { metadata: { creationTimestamp: '2026-11-01T10:00:00Z', labels: { app: 'web' } }, spec: { containers: [] } } },
    };
    assert.deepEqual(stripForBackup(deploy).spec, deploy.spec);
  });

  it('leaves fields named like a Service\'s, a PVC\'s, a Job\'s or a ServiceAccount\'s alone in other kinds', () => {
    const spec: JsonObject = {
      clusterIP: '10.96.0.12',
      clusterIPs: ['10.96.0.12'],
      healthCheckNodePort: 31000,
      ports: [{ port: 80, nodePort: 30080 }],
      volumeName: 'pvc-1234',
      selector: { matchLabels: { 'controller-uid': 'u' } },
    };
    const custom: JsonObject = { apiVersion: 'example.com/v1', kind: 'Gateway', metadata: liveMeta('edge'), spec, secrets: [{ name: 'edge-token-x7k2p' }] };
    const s = stripForBackup(custom);
    assert.deepEqual(s.spec, spec);
    assert.deepEqual(s.secrets, [{ name: 'edge-token-x7k2p' }]);
  });

  it('keeps kinds it knows nothing special about as they are, minus status and server metadata', () => {
    const role: JsonObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: liveMeta('reader'), rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] };
    assert.deepEqual(stripForBackup(role), { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'reader', namespace: 'phoenix-system', labels: { app: 'reader' } }, rules: role.rules });
  });
});

describe('objects a backup leaves out', () => {
  const obj = (kind: string, name: string, extra: JsonObject = {}): JsonObject => ({ apiVersion: 'v1', kind, metadata: { name, namespace: 'phoenix-system' }, ...extra });

  it('says why for what the cluster makes itself or a controller owns', () => {
    const cases: Array<[JsonObject, RegExp]> = [
      [obj('ConfigMap', 'kube-root-ca.crt'), /published by the cluster/],
      [obj('ServiceAccount', 'default'), /created by the cluster/],
      [obj('Secret', 'sa-token', { type: 'kubernetes.io/service-account-token' }), /service account token/],
      [{ ...obj('Job', 'db-maintenance-2911'), metadata: { name: 'db-maintenance-2911', ownerReferences: [{ kind: 'CronJob', name: 'db-maintenance', uid: 'u', controller: true }] } }, /owned by a controller/],
      [{ ...obj('Service', 'kubernetes'), metadata: { name: 'kubernetes', namespace: 'default' } }, /API server's own/],
    ];
    for (const [o, why] of cases) assert.match(skipReason(o) ?? '(kept)', why, JSON.stringify(o.metadata));
  });

  it('keeps everything else, including look-alikes', () => {
    const kept: JsonObject[] = [
      obj('ConfigMap', 'phoenix-config'),
      obj('ConfigMap', 'kube-root-ca.crt-copy'),
      obj('ServiceAccount', 'default-reader'),
      obj('Secret', 'db-credentials', { type: 'Opaque' }),
      obj('Secret', 'phoenix-tls', { type: 'kubernetes.io/tls' }),
      obj('Service', 'kubernetes'), // in phoenix-system, it is the user's
      { ...obj('Service', 'api'), metadata: { name: 'api', namespace: 'default' } },
      { ...obj('ConfigMap', 'kubernetes'), metadata: { name: 'kubernetes', namespace: 'default' } },
      obj('Secret', 'kube-root-ca.crt', { type: 'Opaque' }),
      obj('ConfigMap', 'default'),
      obj('ConfigMap', 'sa-token', { type: 'kubernetes.io/service-account-token' }),
      { ...obj('ConfigMap', 'owned-not-controller'), metadata: { name: 'x', ownerReferences: [{ kind: 'Thing', name: 't', uid: 'u' }] } },
      { ...obj('ConfigMap', 'owned-false'), metadata: { name: 'y', ownerReferences: [{ kind: 'Thing', name: 't', uid: 'u', controller: false }] } },
    ];
    for (const o of kept) assert.equal(skipReason(o), undefined, JSON.stringify(o.metadata));
  });
});
