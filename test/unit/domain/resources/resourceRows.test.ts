// A Resources row says what matters for its kind (ready x/y, schedule and last run, type and ports, hosts and canary
// weight, keys, replicas, capacity and phase) and never a Secret's value.
import assert from 'node:assert/strict';
import { canaryWeight, describeResource, secretKeys, secretValue, servicePorts, type AnyObject } from '../../../../src/domain/resources/resourceRows';

const NOW = Date.parse('2026-12-04T12:00:00Z');
const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, namespace: 'phoenix-system', uid: `uid-${name}`, creationTimestamp: '2026-12-04T11:00:00Z', ...extra });
const row = (kind: string, o: Record<string, unknown>) => describeResource(kind, o as AnyObject, NOW);

describe('resource rows', () => {
  it('StatefulSet and DaemonSet: ready x/y, green only when all are ready, red when none is', () => {
    assert.deepEqual(row('StatefulSet', { metadata: meta('pg'), spec: { replicas: 3 }, status: { readyReplicas: 2 } }).description, 'ready 2/3 · 60m');
    assert.equal(row('StatefulSet', { metadata: meta('pg'), spec: { replicas: 3 }, status: { readyReplicas: 2 } }).state, 'progressing');
    assert.equal(row('StatefulSet', { metadata: meta('pg'), spec: { replicas: 3 }, status: {} }).state, 'error');
    assert.equal(row('StatefulSet', { metadata: meta('pg'), spec: { replicas: 3 }, status: { readyReplicas: 3 } }).state, 'ok');
    assert.equal(row('StatefulSet', { metadata: meta('pg'), spec: { replicas: 0 }, status: {} }).state, 'idle');
    const ds = row('DaemonSet', { metadata: meta('node-exporter'), status: { numberReady: 4, desiredNumberScheduled: 5 } });
    assert.equal(ds.description, 'ready 4/5 · 60m');
    assert.equal(ds.state, 'progressing');
  });

  it('CronJob: schedule, when it last ran, active runs, suspended', () => {
    const cj = row('CronJob', { metadata: meta('database-maintenance'), spec: { schedule: '0 3 * * 0' }, status: { lastScheduleTime: '2026-12-04T11:30:00Z', active: [{ name: 'x' }] } });
    assert.equal(cj.description, '0 3 * * 0 · last run 30m ago · 1 active · 60m');
    assert.equal(cj.state, 'progressing');
    const never = row('CronJob', { metadata: meta('db'), spec: { schedule: '*/5 * * * *', suspend: true }, status: {} });
    assert.equal(never.description, '*/5 * * * * · never run · suspended · 60m');
    assert.equal(never.state, 'idle');
    assert.ok(never.details.includes('No successful run recorded'));
  });

  it('Job: running, complete with how long it took, failed with the reason, and a manual run marked', () => {
    const running = row('Job', { metadata: meta('j'), spec: { completions: 1 }, status: { active: 1 } });
    assert.equal(running.description, 'running 0/1 · 1 active · 60m');
    const done = row('Job', {
      metadata: meta('j', { annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' } }),
      spec: {},
      status: { succeeded: 1, startTime: '2026-12-04T11:00:00Z', completionTime: '2026-12-04T11:00:42Z', conditions: [{ type: 'Complete', status: 'True' }] },
    });
    assert.equal(done.description, 'complete 1/1 · took 42s · run manually · 60m');
    assert.equal(done.state, 'ok');
    const failed = row('Job', { metadata: meta('j'), spec: {}, status: { conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }] } });
    assert.equal(failed.description, 'failed · BackoffLimitExceeded · 60m');
    assert.equal(failed.state, 'error');
    // A condition that is not True does not count.
    assert.equal(row('Job', { metadata: meta('j'), spec: {}, status: { conditions: [{ type: 'Failed', status: 'False' }] } }).state, 'progressing');
  });

  it('Service: type and ports as kubectl prints them, cluster IP and selector in the tooltip', () => {
    const svc = { metadata: meta('platform-api'), spec: { type: 'NodePort', clusterIP: '10.96.0.7', selector: { app: 'platform-api' }, ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 9090 }] } };
    assert.equal(servicePorts(svc as AnyObject), '80:30080/TCP,9090/TCP');
    const r = row('Service', svc);
    assert.equal(r.description, 'NodePort · 80:30080/TCP,9090/TCP · 60m');
    assert.deepEqual(r.details, ['Cluster IP: 10.96.0.7', 'Selector: app=platform-api']);
    assert.equal(row('Service', { metadata: meta('x'), spec: {} }).description, 'ClusterIP · no ports · 60m');
  });

  it('Ingress: hosts, the ingress-nginx canary weight only when marked as a canary, backends in the tooltip', () => {
    const ing = (annotations?: Record<string, string>) => ({
      metadata: meta('platform-api-canary', annotations ? { annotations } : {}),
      spec: { rules: [{ host: 'api.phoenix.local', http: { paths: [{ path: '/', backend: { service: { name: 'platform-api-canary', port: { number: 8080 } } } }] } }] },
    });
    const canary = row('Ingress', ing({ 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': '25' }));
    assert.equal(canary.description, 'api.phoenix.local · canary 25% · 60m');
    assert.deepEqual(canary.details, ['Backends:', 'api.phoenix.local/ → platform-api-canary:8080']);
    assert.equal(row('Ingress', ing()).description, 'api.phoenix.local · 60m');
    // A weight without the canary mark is not a canary (ingress-nginx ignores it).
    assert.equal(canaryWeight(ing({ 'nginx.ingress.kubernetes.io/canary-weight': '25' }) as AnyObject), undefined);
    assert.equal(canaryWeight(ing({ 'nginx.ingress.kubernetes.io/canary': 'false', 'nginx.ingress.kubernetes.io/canary-weight': '25' }) as AnyObject), undefined);
    assert.equal(canaryWeight(ing({ 'nginx.ingress.kubernetes.io/canary': 'true' }) as AnyObject), 0);
  });

  it('ConfigMap and Secret: a count of keys; a Secret row never carries a value', () => {
    assert.equal(row('ConfigMap', { metadata: meta('cfg'), data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }).description, '3 keys · 60m');
    const secret = { metadata: meta('db-credentials'), type: 'Opaque', data: { password: Buffer.from('s3cr3t-value').toString('base64'), username: Buffer.from('phoenix').toString('base64') } };
    const r = row('Secret', secret);
    assert.equal(r.description, 'Opaque · 2 keys · 60m');
    assert.ok(!JSON.stringify(r).includes('s3cr3t'));
    assert.ok(!JSON.stringify(r).includes(secret.data.password));
    assert.deepEqual(secretKeys(secret as AnyObject), ['password', 'username']);
    assert.equal(secretValue(secret as AnyObject, 'password'), 's3cr3t-value');
    assert.equal(secretValue({ stringData: { token: 'plain' } } as AnyObject, 'token'), 'plain');
    assert.equal(secretValue(secret as AnyObject, 'missing'), undefined);
  });

  it('HPA: current/desired replicas with min and max; at its maximum it warns', () => {
    const hpa = (current: number, desired: number) => row('HorizontalPodAutoscaler', { metadata: meta('platform-api'), spec: { minReplicas: 2, maxReplicas: 6, scaleTargetRef: { kind: 'Deployment', name: 'platform-api' } }, status: { currentReplicas: current, desiredReplicas: desired } });
    assert.equal(hpa(3, 4).description, 'replicas 3/4 · min 2 max 6 · 60m');
    assert.equal(hpa(3, 4).state, 'progressing');
    assert.equal(hpa(3, 3).state, 'ok');
    assert.equal(hpa(6, 6).state, 'warning');
    assert.ok(hpa(6, 6).details.includes('At its maximum: it cannot add replicas.'));
  });

  it('PVC: capacity and phase (the request until bound); Lost is red', () => {
    assert.equal(row('PersistentVolumeClaim', { metadata: meta('pg-data'), spec: { resources: { requests: { storage: '20Gi' } } }, status: { phase: 'Pending' } }).description, '20Gi · Pending · 60m');
    const bound = row('PersistentVolumeClaim', { metadata: meta('pg-data'), spec: { storageClassName: 'standard' }, status: { phase: 'Bound', capacity: { storage: '25Gi' } } });
    assert.equal(bound.description, '25Gi · Bound · 60m');
    assert.equal(bound.state, 'ok');
    assert.equal(row('PersistentVolumeClaim', { metadata: meta('x'), spec: {}, status: { phase: 'Lost' } }).state, 'error');
  });

  it('any other kind: its Ready condition or phase, else just the age', () => {
    assert.equal(row('Canary', { metadata: meta('c'), status: { conditions: [{ type: 'Ready', status: 'False', reason: 'Progressing' }] } }).description, 'not Ready (Progressing) · 60m');
    assert.equal(row('Canary', { metadata: meta('c'), status: { phase: 'Succeeded' } }).description, 'Succeeded · 60m');
    assert.equal(row('Widget', { metadata: meta('w') }).description, '60m');
    assert.equal(row('Widget', { metadata: { name: 'w' } }).description, '<unknown>');
  });
});
