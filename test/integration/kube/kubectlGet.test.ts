// Real kubectl reading from the simulator: get (tables, wide, json/yaml, -A, -l, --field-selector,
// get all), describe, contexts, get -w and logs.
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../sandbox/kube/store/types';
import { deployment, pod } from '../../unit/sandbox/kube/server/fakeCluster';
import { eventually } from '../../shared/waitFor';
import { startKubectlEnv, type KubectlEnv } from './kubectlHarness';

function seedReadOnlyObjects(env: KubectlEnv): void {
  const store = env.clusters[0].store;
  const web = store.get('deployments', 'phoenix-system', 'web')!;
  store.create('replicasets', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: 'web-5d9c7b',
      namespace: 'phoenix-system',
      labels: { app: 'web' },
      annotations: { 'deployment.kubernetes.io/revision': '1' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: web.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: (web.spec as { template: Record<string, unknown> }).template },
    status: { replicas: 2, readyReplicas: 2, availableReplicas: 2 },
  });
  store.create('deployments', deployment('phase-5', 'backend', { replicas: 1, labels: { team: 'phase-5' } }));
  store.create('pods', pod('phase-5', 'backend-7f8d9-xyz12', 'backend', { phase: 'Pending', ready: false }));
  store.create('services', {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'phoenix-system' },
    spec: { type: 'ClusterIP', clusterIP: '10.96.0.20', clusterIPs: ['10.96.0.20'], selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] },
  });
  store.create('ingresses', {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'phoenix-system' },
    spec: { ingressClassName: 'nginx', rules: [{ host: 'web.phoenix.dev', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
  });
  store.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config', namespace: 'phoenix-system' }, data: { LOG_LEVEL: 'info', REGION: 'eu' } });
  store.create('secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'web-db', namespace: 'phoenix-system' }, type: 'Opaque', data: { password: 'aHVudGVyMg==' } });
  const event = (name: string, kind: string, obj: KubeObject, reason: string, message: string): KubeObject => ({
    apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'phoenix-system' },
    involvedObject: { apiVersion: obj.apiVersion, kind, name: obj.metadata.name, namespace: 'phoenix-system', uid: obj.metadata.uid },
    reason, message, type: 'Normal', count: 1, source: { component: 'deployment-controller' },
    firstTimestamp: new Date(Date.now() - 120_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    lastTimestamp: new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  });
  store.create('events', event('web.1', 'Deployment', web, 'ScalingReplicaSet', 'Scaled up replica set web-5d9c7b to 2'));
  const p = store.get('pods', 'phoenix-system', 'web-5d9c7b-abcde')!;
  store.create('events', event('web-5d9c7b-abcde.1', 'Pod', p, 'Started', 'Started container web'));
}

const header = (out: string) => out.split('\n')[0].trim().split(/\s{2,}/);

describe('kubectl get/describe/logs against the simulator', function () {
  this.timeout(60_000);
  let env: KubectlEnv;
  before(async () => {
    env = await startKubectlEnv();
    seedReadOnlyObjects(env);
  });
  after(() => env.stop());

  it('picks a kubectl from /version and lists contexts of the generated kubeconfig', async () => {
    const v = await env.kubectl(['version', '-o', 'json']);
    assert.equal(v.code, 0, v.stderr);
    const parsed = JSON.parse(v.stdout) as { clientVersion: { minor: string }; serverVersion: { gitVersion: string } };
    assert.equal(parsed.serverVersion.gitVersion, 'v1.30.5');
    assert.equal(parsed.clientVersion.minor, '30');
    const ctx = await env.kubectl(['config', 'get-contexts', '-o', 'name']);
    assert.deepEqual(ctx.stdout.trim().split('\n'), ['phoenix-dev', 'phoenix-prod']);
    assert.equal((await env.kubectl(['config', 'current-context'])).stdout.trim(), 'phoenix-dev');
  });

  it('get deployments prints the real columns, with -o wide the extra ones', async () => {
    const r = await env.kubectl(['get', 'deployments']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(header(r.stdout), ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
    assert.match(r.stdout, /^web\s+2\/2\s+2\s+2\s+\d+s$/m);
    const wide = await env.kubectl(['get', 'deploy', '-o', 'wide']);
    assert.deepEqual(header(wide.stdout), ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    assert.match(wide.stdout, /web\s+registry\.phoenix\.dev\/web:1\.0\.0\s+app=web/);
  });

  it('get pods, replicasets, services, ingresses, configmaps, secrets, namespaces, events', async () => {
    const cases: [string[], string[], RegExp][] = [
      [['get', 'po'], ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'], /^web-5d9c7b-abcde\s+1\/1\s+Running\s+0\s+\d+s$/m],
      [['get', 'po', '-o', 'wide'], ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'], /10\.244\.0\.7\s+node-1\s+<none>\s+<none>/],
      [['get', 'rs'], ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'], /^web-5d9c7b\s+2\s+2\s+2\s+/m],
      [['get', 'svc'], ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'], /^web\s+ClusterIP\s+10\.96\.0\.20\s+<none>\s+80\/TCP\s+/m],
      [['get', 'ing'], ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'], /^web\s+nginx\s+web\.phoenix\.dev\s+80\s+/m],
      [['get', 'cm'], ['NAME', 'DATA', 'AGE'], /^web-config\s+2\s+/m],
      [['get', 'secrets'], ['NAME', 'TYPE', 'DATA', 'AGE'], /^web-db\s+Opaque\s+1\s+/m],
      [['get', 'ns'], ['NAME', 'STATUS', 'AGE'], /^phoenix-system\s+Active\s+/m],
      [['get', 'ev'], ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'], /Normal\s+ScalingReplicaSet\s+deployment\/web\s+Scaled up replica set web-5d9c7b to 2/],
    ];
    for (const [args, cols, row] of cases) {
      const r = await env.kubectl(args);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.deepEqual(header(r.stdout), cols, args.join(' '));
      assert.match(r.stdout, row, args.join(' '));
    }
  });

  it('get -A, -l and --field-selector', async () => {
    const all = await env.kubectl(['get', 'deploy', '-A']);
    assert.deepEqual(header(all.stdout), ['NAMESPACE', 'NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
    assert.match(all.stdout, /^phase-5\s+backend\s+0\/1|^phase-5\s+backend\s+1\/1/m);
    assert.match(all.stdout, /^phoenix-system\s+web\s+2\/2/m);
    const byLabel = await env.kubectl(['get', 'deploy', '-A', '-l', 'team=phase-5', '-o', 'name']);
    assert.equal(byLabel.stdout.trim(), 'deployment.apps/backend');
    const setBased = await env.kubectl(['get', 'deploy', '-A', '-l', 'app in (web,api),!team', '-o', 'name']);
    assert.equal(setBased.stdout.trim(), 'deployment.apps/web');
    const pending = await env.kubectl(['get', 'pods', '-A', '--field-selector', 'status.phase=Pending', '-o', 'name']);
    assert.equal(pending.stdout.trim(), 'pod/backend-7f8d9-xyz12');
    const none = await env.kubectl(['get', 'pods', '-l', 'app=nothing']);
    assert.match(none.stderr, /No resources found in phoenix-system namespace\./);
  });

  it('get -o json / -o yaml return the stored objects', async () => {
    const json = await env.kubectl(['get', 'deploy', 'web', '-o', 'json']);
    const d = JSON.parse(json.stdout) as KubeObject;
    assert.equal(d.kind, 'Deployment');
    assert.equal(d.metadata.uid, env.clusters[0].store.get('deployments', 'phoenix-system', 'web')!.metadata.uid);
    const list = JSON.parse((await env.kubectl(['get', 'deploy', '-A', '-o', 'json'])).stdout) as { kind: string; items: KubeObject[] };
    assert.equal(list.kind, 'List');
    assert.deepEqual(list.items.map((i) => `${i.kind} ${i.metadata.name}`).sort(), ['Deployment backend', 'Deployment web']);
    const yaml = await env.kubectl(['get', 'cm', 'web-config', '-o', 'yaml']);
    assert.match(yaml.stdout, /^kind: ConfigMap$/m);
    assert.match(yaml.stdout, /LOG_LEVEL: info/);
    const jp = await env.kubectl(['get', 'deploy', 'web', '-o', 'jsonpath={.status.conditions[?(@.type=="Available")].status}']);
    assert.equal(jp.stdout, 'True');
  });

  it('get all lists pods, services, deployments and replicasets', async () => {
    const r = await env.kubectl(['get', 'all']);
    assert.equal(r.code, 0, r.stderr);
    for (const name of ['pod/web-5d9c7b-abcde', 'service/web', 'deployment.apps/web', 'replicaset.apps/web-5d9c7b']) assert.match(r.stdout, new RegExp(name.replace(/\./g, '\\.')));
  });

  it('a missing object prints the server\'s NotFound message', async () => {
    const r = await env.kubectl(['get', 'deploy', 'nope']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /Error from server \(NotFound\): deployments\.apps "nope" not found/);
  });

  it('describe deployment shows replicas, conditions, the new ReplicaSet and events', async () => {
    const r = await env.kubectl(['describe', 'deployment', 'web']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Name:\s+web$/m);
    assert.match(r.stdout, /^Replicas:\s+2 desired \| 2 updated \| 2 total \| 2 available \| 0 unavailable$/m);
    assert.match(r.stdout, /Available\s+True\s+MinimumReplicasAvailable/);
    assert.match(r.stdout, /NewReplicaSet:\s+web-5d9c7b \(2\/2 replicas created\)/);
    assert.match(r.stdout, /Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled up replica set web-5d9c7b to 2/);
  });

  it('describe pod shows containers, state and events', async () => {
    const r = await env.kubectl(['describe', 'pod', 'web-5d9c7b-abcde']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Status:\s+Running$/m);
    assert.match(r.stdout, /^IP:\s+10\.244\.0\.7$/m);
    assert.match(r.stdout, /State:\s+Running/);
    assert.match(r.stdout, /Normal\s+Started\s+\S+\s+deployment-controller\s+Started container web/);
  });

  it('the phoenix-prod context talks to its own server', async () => {
    env.clusters[1].store.create('deployments', deployment('phoenix-system', 'prod-only'));
    const prod = await env.kubectl(['--context', 'phoenix-prod', 'get', 'deploy', '-o', 'name']);
    assert.deepEqual(prod.stdout.trim().split('\n').sort(), ['deployment.apps/prod-only', 'deployment.apps/web']);
    const dev = await env.kubectl(['get', 'deploy', 'prod-only']);
    assert.notEqual(dev.code, 0);
  });

  it('get -w prints the initial rows then the changes', async () => {
    const w = env.spawn(['get', 'deploy', '-w']);
    try {
      await eventually('web 2/2 in the watch output', () => assert.match(w.output(), /^web\s+2\/2/m), 10_000);
      const store = env.clusters[0].store;
      const d = structuredClone(store.get('deployments', 'phoenix-system', 'web')!);
      (d.status as { readyReplicas: number }).readyReplicas = 1;
      store.update('deployments', d);
      store.create('deployments', deployment('phoenix-system', 'newcomer', { replicas: 1, available: false }));
      await eventually('web 1/2 and the newcomer in the watch output', () => {
        assert.match(w.output(), /^web\s+1\/2/m);
        assert.match(w.output(), /^newcomer\s+0\/1/m);
      }, 10_000);
      assert.equal(w.output().match(/^NAME\s+READY/gm)?.length, 1, 'the header is printed once');
    } finally {
      w.kill('SIGKILL');
    }
  });

  it('logs prints the container log; --tail, --timestamps, -c reach the log source', async () => {
    const r = await env.kubectl(['logs', 'web-5d9c7b-abcde']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, [0, 1, 2, 3, 4].map((i) => `web-5d9c7b-abcde/web line ${i}\n`).join(''));
    const tail = await env.kubectl(['logs', 'web-5d9c7b-abcde', '--tail=2', '--timestamps', '-c', 'web']);
    assert.match(tail.stdout, /^\d{4}-\d\d-\d\dT\S+ web-5d9c7b-abcde\/web line 3\n\S+ web-5d9c7b-abcde\/web line 4\n$/);
    const prev = await env.kubectl(['logs', 'web-5d9c7b-abcde', '--previous']);
    assert.notEqual(prev.code, 0);
    assert.match(prev.stderr, /previous terminated container "web" in pod "web-5d9c7b-abcde" not found/);
  });

  it('logs -f streams until interrupted; logs deploy/X finds the pod by selector', async () => {
    const f = env.spawn(['logs', '-f', 'deploy/web', '--tail=1']);
    try {
      await eventually('line 7 followed', () => assert.match(f.output(), /line 7\n/), 10_000);
      assert.match(f.output(), /^web-5d9c7b-abcde\/web line 4\n/);
    } finally {
      f.kill('SIGINT');
    }
  });
});
