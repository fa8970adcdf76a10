// Real kubectl against the kinds the simulator stores without controllers (StatefulSets … PVCs): discovery,
// short names, printed columns, apply (create, update, unchanged), apply --dry-run=server (what Export as CronJob is
// validated with) and the server's refusals, delete.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startKubectlEnv, type KubectlEnv } from './kubectlHarness';

const MANIFESTS = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: redis}
spec:
  replicas: 3
  serviceName: redis
  selector: {matchLabels: {app: redis}}
  template:
    metadata: {labels: {app: redis}}
    spec: {containers: [{name: redis, image: redis:7.2}]}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: node-exporter}
spec:
  selector: {matchLabels: {app: node-exporter}}
  template:
    metadata: {labels: {app: node-exporter}}
    spec: {containers: [{name: exporter, image: prom/node-exporter:1.8.2}]}
---
apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  template:
    spec: {restartPolicy: Never, containers: [{name: migrate, image: ghcr.io/phoenix/migrate:1.0.0}]}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 8
  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec: {minAvailable: 1, selector: {matchLabels: {app: web}}}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: web}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader}
rules: [{apiGroups: [""], resources: [configmaps], verbs: [get, list]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: web-reader}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects: [{kind: ServiceAccount, name: web, namespace: phoenix-system}]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 5Gi}}}
`;

const CRONJOB = (restartPolicy: string, schedule = '0 2 * * *') => `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "${schedule}"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: ${restartPolicy}
          containers: [{name: dump, image: postgres:15, command: [pg_dump]}]
`;

describe('kubectl and the stored kinds of the simulator', function () {
  this.timeout(60_000);
  let env: KubectlEnv;
  before(async () => {
    env = await startKubectlEnv();
  });
  after(() => env?.stop());

  it('applies every kind (created, then unchanged) and gets them back with their columns and short names', async () => {
    const file = join(env.dir, 'kinds.yaml');
    await writeFile(file, MANIFESTS);
    const created = await env.kubectl(['apply', '-f', file]);
    assert.equal(created.code, 0, created.stderr);
    for (const line of ['statefulset.apps/redis created', 'daemonset.apps/node-exporter created', 'job.batch/migrate created', 'horizontalpodautoscaler.autoscaling/web created', 'poddisruptionbudget.policy/web created', 'serviceaccount/web created', 'role.rbac.authorization.k8s.io/reader created', 'rolebinding.rbac.authorization.k8s.io/web-reader created', 'persistentvolumeclaim/data created']) {
      assert.match(created.stdout, new RegExp(`^${line.replace(/\./g, '\\.')}$`, 'm'));
    }
    const again = await env.kubectl(['apply', '-f', file]);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout.split('\n').filter((l) => l.endsWith(' unchanged')).length, 8, again.stdout);
    // As against a real server: the PDB's selector is patchStrategy=replace, so kubectl always sends it.
    assert.match(again.stdout, /^poddisruptionbudget\.policy\/web configured$/m);

    const get = await env.kubectl(['get', 'sts,ds,job,hpa,pdb,sa,role,rolebinding,pvc']);
    assert.equal(get.code, 0, get.stderr);
    assert.match(get.stdout, /^NAME\s+READY\s+AGE$/m);
    assert.match(get.stdout, /^statefulset\.apps\/redis\s+0\/3\s+\S+$/m);
    assert.match(get.stdout, /^horizontalpodautoscaler\.autoscaling\/web\s+Deployment\/web\s+cpu: <unknown>\/70%\s+2\s+8\s+0\s+\S+$/m);
    assert.match(get.stdout, /^poddisruptionbudget\.policy\/web\s+1\s+N\/A\s+0\s+\S+$/m);
    assert.match(get.stdout, /^rolebinding\.rbac\.authorization\.k8s\.io\/web-reader\s+Role\/reader\s+\S+$/m);
    assert.match(get.stdout, /^persistentvolumeclaim\/data\s+Pending\s+/m);
    assert.match(get.stdout, /^job\.batch\/migrate\s+Running\s+0\/1\s+/m);
    // Defaults the real server fills, read back.
    const sts = JSON.parse((await env.kubectl(['get', 'sts', 'redis', '-o', 'json'])).stdout) as { spec: { podManagementPolicy: string; template: { spec: { restartPolicy: string } } } };
    assert.deepEqual([sts.spec.podManagementPolicy, sts.spec.template.spec.restartPolicy], ['OrderedReady', 'Always']);
  });

  it('a CronJob: --dry-run=server validates without storing; the server refuses what it would refuse', async () => {
    const good = join(env.dir, 'cronjob.yaml');
    await writeFile(good, CRONJOB('Never'));
    const dry = await env.kubectl(['apply', '--dry-run=server', '-f', good]);
    assert.equal(dry.code, 0, dry.stderr);
    assert.equal(dry.stdout.trim(), 'cronjob.batch/nightly created (server dry run)');
    assert.equal(env.clusters[0].store.get('cronjobs', 'phoenix-system', 'nightly'), undefined, 'nothing stored');

    const bad = join(env.dir, 'bad-cronjob.yaml');
    await writeFile(bad, CRONJOB('Always'));
    const refused = await env.kubectl(['apply', '--dry-run=server', '-f', bad]);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /The CronJob "nightly" is invalid: spec\.jobTemplate\.spec\.template\.spec\.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"/);
    await writeFile(bad, CRONJOB('Never', '0 2 * *'));
    const badSchedule = await env.kubectl(['apply', '--dry-run=server', '-f', bad]);
    assert.match(badSchedule.stderr, /spec\.schedule: Invalid value: "0 2 \* \*": expected exactly 5 fields, found 4/);

    const applied = await env.kubectl(['apply', '-f', good]);
    assert.equal(applied.code, 0, applied.stderr);
    const get = await env.kubectl(['get', 'cj']);
    assert.match(get.stdout, /^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE$/m);
    assert.match(get.stdout, /^nightly\s+0 2 \* \* \*\s+<none>\s+False\s+0\s+<none>\s+\S+$/m);
    const del = await env.kubectl(['delete', 'cronjob', 'nightly']);
    assert.equal(del.code, 0, del.stderr);
    assert.equal(env.clusters[0].store.get('cronjobs', 'phoenix-system', 'nightly'), undefined);
  });

  it('discovery lists the new groups, autoscaling with its v2 only', async () => {
    const r = await env.kubectl(['api-resources', '--api-group=autoscaling', '-o', 'wide']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^horizontalpodautoscalers\s+hpa\s+autoscaling\/v2\s+true\s+HorizontalPodAutoscaler/m);
    const v = await env.kubectl(['api-versions']);
    for (const gv of ['batch/v1', 'autoscaling/v2', 'policy/v1', 'rbac.authorization.k8s.io/v1']) assert.match(v.stdout, new RegExp(`^${gv.replace(/\./g, '\\.')}$`, 'm'));
  });
});
