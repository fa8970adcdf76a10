// Which pods a drain evicts and which it leaves, as kubectl drain --ignore-daemonsets --delete-emptydir-data decides:
// more cases that keep a pod than that evict one — a pod evicted by mistake is a pod lost.
import assert from 'node:assert/strict';
import type { V1Pod } from '@kubernetes/client-node';
import { planDrain, planText } from '../../../../src/domain/nodes/drainPlan';

function pod(name: string, o: { node?: string; owner?: string; mirror?: boolean; deleting?: boolean; phase?: string; emptyDir?: boolean; ns?: string } = {}): V1Pod {
  const [kind, owner] = (o.owner ?? 'ReplicaSet/api-7d9').split('/');
  return {
    metadata: {
      name,
      namespace: o.ns ?? 'phoenix-system',
      ...(o.owner === 'none' ? {} : { ownerReferences: [{ apiVersion: 'apps/v1', kind, name: owner, uid: 'u', controller: true }] }),
      ...(o.mirror ? { annotations: { 'kubernetes.io/config.mirror': 'abc' } } : {}),
      ...(o.deleting ? { deletionTimestamp: new Date('2026-12-04T00:00:00Z') } : {}),
    },
    spec: { nodeName: o.node ?? 'w1', containers: [], ...(o.emptyDir ? { volumes: [{ name: 'cache', emptyDir: {} }] } : {}) },
    status: { phase: o.phase ?? 'Running' },
  };
}

const names = (refs: Array<{ name: string }>) => refs.map((r) => r.name);

describe('drain plan', () => {
  it('evicts pods a controller recreates elsewhere, sorted, with their owner and emptyDir data named', () => {
    const plan = planDrain('w1', [pod('b'), pod('a', { emptyDir: true }), pod('job-1', { owner: 'Job/migrate' })]);
    assert.deepEqual(names(plan.evict), ['a', 'b', 'job-1']);
    assert.equal(plan.evict[0].owner, 'ReplicaSet api-7d9');
    assert.deepEqual(plan.evict[0].emptyDir, ['cache']);
    assert.deepEqual(plan.skip, []);
  });

  const kept: Array<[string, V1Pod, RegExp]> = [
    ['a DaemonSet pod', pod('node-exporter-x', { owner: 'DaemonSet/node-exporter' }), /DaemonSet-managed \(node-exporter/],
    ['a mirror pod', pod('etcd-w1', { owner: 'Node/w1', mirror: true }), /mirror pod/],
    ['a mirror pod without owner', pod('kube-proxy-w1', { owner: 'none', mirror: true }), /mirror pod/],
    ['a pod already being deleted', pod('old', { deleting: true }), /already being deleted/],
    ['a running pod no controller would recreate', pod('debug', { owner: 'none' }), /no controller would recreate it/],
    ['a pending pod with no controller', pod('manual', { owner: 'none', phase: 'Pending' }), /no controller/],
  ];
  for (const [what, p, why] of kept) {
    it(`keeps ${what}, saying why`, () => {
      const plan = planDrain('w1', [p]);
      assert.deepEqual(plan.evict, []);
      assert.equal(plan.skip.length, 1);
      assert.match(plan.skip[0].why, why);
    });
  }

  it('never touches a pod of another node', () => {
    const plan = planDrain('w1', [pod('elsewhere', { node: 'w2' }), pod('unbound', { node: '' })]);
    assert.deepEqual(plan, { node: 'w1', evict: [], skip: [] });
  });

  it('evicts a finished pod with no controller (deleting it loses nothing, as kubectl does)', () => {
    assert.deepEqual(names(planDrain('w1', [pod('done', { owner: 'none', phase: 'Succeeded' }), pod('failed', { owner: 'none', phase: 'Failed' })]).evict), ['done', 'failed']);
  });

  it('words a small plan exactly: one pod, every emptyDir volume, the skipped sorted, no cut', () => {
    const two: V1Pod = { ...pod('solo'), spec: { nodeName: 'w1', containers: [], volumes: [{ name: 'cache', emptyDir: {} }, { name: 'conf', configMap: { name: 'c' } }, { name: 'tmp', emptyDir: {} }] } };
    const plan = planDrain('w1', [two, pod('z-ds', { owner: 'DaemonSet/agent' }), pod('a-debug', { owner: 'none' })]);
    assert.deepEqual(plan.skip.map((x) => x.pod.name), ['a-debug', 'z-ds']);
    assert.equal(planText(plan), [
      'Drain node w1: cordon it, then evict 1 pod (PodDisruptionBudgets are honoured: a refused eviction is retried).',
      'Evicted:',
      '  phoenix-system/solo (ReplicaSet api-7d9) — emptyDir data lost: cache, tmp',
      'Skipped:',
      '  phoenix-system/a-debug — no controller would recreate it (kubectl drain needs --force; delete it yourself if you mean to)',
      '  phoenix-system/z-ds — DaemonSet-managed (agent would recreate it here)',
      'Drain it now',
    ].join('\n'));
    const onlySkipped = planDrain('w1', [pod('ds', { owner: 'DaemonSet/agent' })]);
    assert.doesNotMatch(planText(onlySkipped), /Evicted:/);
    const twelve = planDrain('w1', Array.from({ length: 12 }, (_, i) => pod(`p${String(i).padStart(2, '0')}`)));
    const text = planText(twelve);
    assert.doesNotMatch(text, /more|Skipped:/);
    assert.match(text, /phoenix-system\/p11 \(ReplicaSet api-7d9\)\nDrain it now$/);
    assert.equal(planText(planDrain('w1', [pod('no-owner-done', { owner: 'none', phase: 'Succeeded' })])).split('\n')[2], '  phoenix-system/no-owner-done');
  });

  it('lists every evicted and skipped pod in the confirmation, the long lists cut with a count', () => {
    const plan = planDrain('w1', [pod('a', { emptyDir: true }), pod('ds', { owner: 'DaemonSet/agent' }), ...Array.from({ length: 14 }, (_, i) => pod(`p${String(i).padStart(2, '0')}`))]);
    const text = planText(plan);
    assert.match(text, /^Drain node w1: cordon it, then evict 15 pods/);
    assert.match(text, /phoenix-system\/a \(ReplicaSet api-7d9\) — emptyDir data lost: cache/);
    assert.match(text, /Skipped:\n {2}phoenix-system\/ds — DaemonSet-managed/);
    assert.match(text, /… and 3 more\nSkipped:/);
    assert.match(text, /\nDrain it now$/, 'the guard asks its question after the lists');
  });
  it('counts only a controller as what recreates a pod: an owner that does not control it keeps the pod', () => {
    const owned: V1Pod = { ...pod('helper', { owner: 'none' }), metadata: { name: 'helper', namespace: 'phoenix-system', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'cfg', uid: 'u', controller: false }, { apiVersion: 'v1', kind: 'Service', name: 'svc', uid: 'u2' }] } };
    const plan = planDrain('w1', [owned]);
    assert.deepEqual(plan.evict, []);
    assert.deepEqual(plan.skip.map((x) => [x.pod.name, x.pod.owner]), [['helper', undefined]]);
    const second: V1Pod = { ...pod('x'), metadata: { name: 'x', namespace: 'phoenix-system', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'cfg', uid: 'u' }, { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'api-1', uid: 'u2', controller: true }] } };
    assert.deepEqual(planDrain('w1', [second]).evict.map((r) => r.owner), ['ReplicaSet api-1']);
  });

  it('orders pods by namespace, then name, in both lists', () => {
    const plan = planDrain('w1', [pod('a', { ns: 'zeta' }), pod('b', { ns: 'alpha' }), pod('a-ds', { ns: 'zeta', owner: 'DaemonSet/x' }), pod('b-ds', { ns: 'alpha', owner: 'DaemonSet/x' })]);
    assert.deepEqual(plan.evict.map((r) => `${r.namespace}/${r.name}`), ['alpha/b', 'zeta/a']);
    assert.deepEqual(plan.skip.map((r) => `${r.pod.namespace}/${r.pod.name}`), ['alpha/b-ds', 'zeta/a-ds']);
  });

  it('cuts a long skipped list with a count too, and keeps a pod without a volume free of any data-loss note', () => {
    const plan = planDrain('w1', [pod('only'), ...Array.from({ length: 5 }, (_, i) => pod(`ds${i}`, { owner: 'DaemonSet/agent' }))]);
    assert.equal(plan.evict[0].emptyDir, undefined);
    const text = planText(plan, 3);
    assert.equal(text.split('\n').slice(1).join('\n'), [
      'Evicted:',
      '  phoenix-system/only (ReplicaSet api-7d9)',
      'Skipped:',
      '  phoenix-system/ds0 — DaemonSet-managed (agent would recreate it here)',
      '  phoenix-system/ds1 — DaemonSet-managed (agent would recreate it here)',
      '  phoenix-system/ds2 — DaemonSet-managed (agent would recreate it here)',
      '  … and 2 more',
      'Drain it now',
    ].join('\n'));
    assert.match(planText(planDrain('w1', [])), /^Drain node w1: cordon it, then evict 0 pods /);
  });
});
