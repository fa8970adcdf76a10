// Table conversion: the AGE format, each kind's columns and cells, and the row object per includeObject.
import assert from 'node:assert/strict';
import { resourceInfo } from '../../../../../sandbox/kube/server/resources';
import { humanDuration, translateTimestampSince } from '../../../../../sandbox/kube/server/table/humanDuration';
import { PRINTERS } from '../../../../../sandbox/kube/server/table/printers';
import { tableJson } from '../../../../../sandbox/kube/server/table/table';
import type { KubeObject } from '../../../../../sandbox/kube/store/types';
import { deployment, pod } from './fakeCluster';

const now = new Date('2025-06-01T12:00:00Z');
const ago = (s: number) => new Date(now.getTime() - s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const withAge = (o: KubeObject, seconds: number): KubeObject => ({ ...o, metadata: { ...o.metadata, creationTimestamp: ago(seconds) } });
const names = (r: keyof typeof PRINTERS, priority = 0) => PRINTERS[r].columns.filter((c) => c.priority === priority).map((c) => c.name.toUpperCase());

describe('table: AGE', () => {
  it('formats durations like apimachinery HumanDuration', () => {
    const cases: [number, string][] = [
      [0, '0s'], [59, '59s'], [119, '119s'], [120, '2m'], [125, '2m5s'], [600, '10m'], [3 * 3600 - 1, '179m'],
      [3 * 3600, '3h'], [3 * 3600 + 120, '3h2m'], [8 * 3600, '8h'], [47 * 3600, '47h'], [48 * 3600, '2d'], [50 * 3600, '2d2h'],
      [8 * 86400, '8d'], [400 * 86400, '400d'], [730 * 86400, '2y'], [800 * 86400, '2y70d'], [9 * 365 * 86400, '9y'],
    ];
    for (const [s, want] of cases) assert.equal(humanDuration(s * 1000), want, `${s}s`);
    assert.equal(humanDuration(-1500), '0s');
    assert.equal(humanDuration(-5000), '<invalid>');
    assert.equal(translateTimestampSince(undefined, now), '<unknown>');
  });
});

describe('table: printers', () => {
  it('deployments: NAME READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES SELECTOR', () => {
    assert.deepEqual(names('deployments'), ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
    assert.deepEqual(names('deployments', 1), ['CONTAINERS', 'IMAGES', 'SELECTOR']);
    const d = withAge(deployment('ns', 'web', { replicas: 3 }), 300);
    (d.status as Record<string, unknown>).readyReplicas = 2;
    assert.deepEqual(PRINTERS.deployments.cells(d, now), ['web', '2/3', 3, 3, '5m', 'web', 'registry.phoenix.dev/web:1.0.0', 'app=web']);
  });

  it('pods: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE READINESS GATES', () => {
    assert.deepEqual(names('pods'), ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    assert.deepEqual(names('pods', 1), ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
    assert.deepEqual(PRINTERS.pods.cells(withAge(pod('ns', 'web-1', 'web'), 30), now), ['web-1', '1/1', 'Running', '0', '30s', '10.244.0.7', 'node-1', '<none>', '<none>']);
  });

  it('pods: waiting reasons, restarts with the last restart time, Terminating', () => {
    const p = withAge(pod('ns', 'crash', 'web', { ready: false, restarts: 4 }), 600);
    const cs = (p.status as { containerStatuses: Record<string, unknown>[] }).containerStatuses[0];
    cs.state = { waiting: { reason: 'CrashLoopBackOff' } };
    cs.lastState = { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(65) } };
    const cells = PRINTERS.pods.cells(p, now);
    assert.deepEqual(cells.slice(0, 4), ['crash', '0/1', 'CrashLoopBackOff', '4 (65s ago)']);
    const term = withAge(pod('ns', 'old', 'web'), 10);
    term.metadata.deletionTimestamp = ago(1);
    assert.equal(PRINTERS.pods.cells(term, now)[2], 'Terminating');
    const pending: KubeObject = { ...withAge(pod('ns', 'p', 'web'), 1), status: { phase: 'Pending' } };
    assert.deepEqual(PRINTERS.pods.cells(pending, now).slice(0, 5), ['p', '0/1', 'Pending', '0', '1s']);
  });

  it('replicasets: NAME DESIRED CURRENT READY AGE', () => {
    assert.deepEqual(names('replicasets'), ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE']);
    const rs: KubeObject = { ...withAge(deployment('ns', 'web-5d9c7b'), 7200), kind: 'ReplicaSet', status: { replicas: 2, readyReplicas: 1 } };
    assert.deepEqual(PRINTERS.replicasets.cells(rs, now).slice(0, 5), ['web-5d9c7b', 2, 2, 1, '120m']);
  });

  it('services: TYPE CLUSTER-IP EXTERNAL-IP PORT(S), selector when wide', () => {
    assert.deepEqual(names('services'), ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']);
    const svc: KubeObject = {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'ns', creationTimestamp: ago(90) },
      spec: { type: 'NodePort', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], selector: { app: 'web' }, ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 443, protocol: 'TCP' }] },
    };
    assert.deepEqual(PRINTERS.services.cells(svc, now), ['web', 'NodePort', '10.96.0.10', '<none>', '80:30080/TCP,443/TCP', '90s', 'app=web']);
    const lb: KubeObject = { ...svc, spec: { ...svc.spec, type: 'LoadBalancer' }, status: { loadBalancer: {} } };
    assert.equal(PRINTERS.services.cells(lb, now)[3], '<pending>');
  });

  it('ingresses, configmaps, secrets, namespaces', () => {
    const ing: KubeObject = {
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'api', creationTimestamp: ago(5) },
      spec: { ingressClassName: 'nginx', rules: [{ host: 'api.phoenix.dev' }, { host: 'a2' }, { host: 'a3' }, { host: 'a4' }], tls: [{}] },
      status: { loadBalancer: { ingress: [{ ip: '192.168.49.2' }] } },
    };
    assert.deepEqual(PRINTERS.ingresses.cells(ing, now), ['api', 'nginx', 'api.phoenix.dev,a2,a3 + 1 more...', '192.168.49.2', '80, 443', '5s']);
    const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', creationTimestamp: ago(5) }, data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } };
    assert.deepEqual(PRINTERS.configmaps.cells(cm, now), ['c', 3, '5s']);
    const sec: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', creationTimestamp: ago(5) }, type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } };
    assert.deepEqual(PRINTERS.secrets.cells(sec, now), ['s', 'kubernetes.io/tls', 2, '5s']);
    const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n', creationTimestamp: ago(5) }, status: { phase: 'Active' } };
    assert.deepEqual(PRINTERS.namespaces.cells(ns, now), ['n', 'Active', '5s']);
  });

  it('events: LAST SEEN TYPE REASON OBJECT MESSAGE (+ wide columns)', () => {
    assert.deepEqual(names('events'), ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    const ev: KubeObject = {
      apiVersion: 'v1', kind: 'Event', metadata: { name: 'web.17', namespace: 'ns' },
      involvedObject: { kind: 'Deployment', name: 'web' }, reason: 'ScalingReplicaSet', type: 'Normal',
      message: 'Scaled up replica set web-5d9c7b to 3 ', firstTimestamp: ago(600), lastTimestamp: ago(30), count: 2,
      source: { component: 'deployment-controller' },
    };
    assert.deepEqual(PRINTERS.events.cells(ev, now), ['30s', 'Normal', 'ScalingReplicaSet', 'deployment/web', '', 'deployment-controller', 'Scaled up replica set web-5d9c7b to 3', '10m', 2, 'web.17']);
  });

  it('every printer yields one cell per column', () => {
    const samples: Partial<Record<keyof typeof PRINTERS, KubeObject>> = { deployments: deployment('n', 'd'), pods: pod('n', 'p', 'a') };
    for (const [r, printer] of Object.entries(PRINTERS)) {
      const o = samples[r as keyof typeof PRINTERS] ?? { apiVersion: 'v1', kind: 'X', metadata: { name: 'x' } };
      assert.equal(printer.cells(o, now).length, printer.columns.length, r);
    }
  });
});

describe('table: JSON', () => {
  const d = withAge(deployment('ns', 'web'), 60);
  d.metadata.resourceVersion = '42';

  it('sends PartialObjectMetadata rows by default (kubectl reads namespace and labels from it)', () => {
    const t = JSON.parse(tableJson(resourceInfo('deployments'), [d], { resourceVersion: '42' }, { includeObject: 'Metadata', now, apiVersion: 'meta.k8s.io/v1' })) as {
      kind: string; apiVersion: string; metadata: { resourceVersion: string }; columnDefinitions: unknown[]; rows: { cells: unknown[]; object: { kind: string; metadata: { name: string } } }[];
    };
    assert.equal(t.kind, 'Table');
    assert.equal(t.apiVersion, 'meta.k8s.io/v1');
    assert.equal(t.metadata.resourceVersion, '42');
    assert.equal(t.columnDefinitions.length, 8);
    assert.equal(t.rows[0].object.kind, 'PartialObjectMetadata');
    assert.equal(t.rows[0].object.metadata.name, 'web');
  });

  it('includeObject=Object embeds the object, None leaves it out, no headers gives null columns', () => {
    const full = JSON.parse(tableJson(resourceInfo('deployments'), [d], {}, { includeObject: 'Object', now, apiVersion: 'meta.k8s.io/v1' })) as { rows: { object: KubeObject }[] };
    assert.equal(full.rows[0].object.kind, 'Deployment');
    const none = JSON.parse(tableJson(resourceInfo('deployments'), [d], {}, { includeObject: 'None', now, apiVersion: 'meta.k8s.io/v1' }, false)) as { columnDefinitions: null; rows: object[] };
    assert.equal(none.columnDefinitions, null);
    assert.deepEqual(Object.keys(none.rows[0]), ['cells']);
  });
});
