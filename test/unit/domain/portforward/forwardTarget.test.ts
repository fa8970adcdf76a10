// Which ports a pod offers and which pod of a deployment a forward (re)resolves to: running, ready, not terminating,
// the newest first; none said plainly.
import assert from 'node:assert/strict';
import type { V1Pod } from '@kubernetes/client-node';
import { containerPortsOf, isServing, pickServingPod } from '../../../../src/domain/portforward/forwardTarget';

function pod(name: string, o: { phase?: string; ready?: boolean; deleting?: boolean; created?: string } = {}): V1Pod {
  return {
    metadata: { name, creationTimestamp: (o.created ?? '2026-12-01T10:00:00Z') as unknown as Date, ...(o.deleting ? { deletionTimestamp: new Date() } : {}) },
    spec: { containers: [] },
    status: { phase: o.phase ?? 'Running', conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
  };
}

describe('port-forward targets', () => {
  it('lists the TCP container ports of every container, in order, with names', () => {
    const p: V1Pod = {
      spec: {
        containers: [
          { name: 'api', ports: [{ containerPort: 8080, name: 'http' }, { containerPort: 9090, protocol: 'TCP' }] },
          { name: 'dns', ports: [{ containerPort: 53, protocol: 'UDP' }] },
          { name: 'sidecar', ports: [{ containerPort: 15000, name: 'admin' }] },
          { name: 'none' },
        ],
      },
    };
    assert.deepEqual(containerPortsOf(p), [
      { container: 'api', port: 8080, name: 'http', protocol: 'TCP' },
      { container: 'api', port: 9090, protocol: 'TCP' },
      { container: 'sidecar', port: 15000, name: 'admin', protocol: 'TCP' },
    ]);
  });
  it('a pod without declared ports offers none (the user types one)', () => {
    assert.deepEqual(containerPortsOf({ spec: { containers: [{ name: 'x' }] } }), []);
    assert.deepEqual(containerPortsOf({}), []);
  });

  const notServing: [string, V1Pod][] = [
    ['pending', pod('a', { phase: 'Pending' })],
    ['not ready', pod('a', { ready: false })],
    ['terminating', pod('a', { deleting: true })],
    ['succeeded', pod('a', { phase: 'Succeeded' })],
    ['failed', pod('a', { phase: 'Failed' })],
    ['no status', { metadata: { name: 'a' } }],
  ];
  for (const [why, p] of notServing) it(`a ${why} pod does not serve`, () => assert.equal(isServing(p), false));
  it('a running ready pod serves', () => assert.equal(isServing(pod('a')), true));

  it('picks the newest serving pod, skipping the terminating one it replaces', () => {
    const pods = [pod('api-old', { created: '2026-12-01T09:00:00Z' }), pod('api-dying', { deleting: true, created: '2026-12-01T11:00:00Z' }), pod('api-new', { created: '2026-12-01T10:30:00Z' }), pod('api-starting', { ready: false, created: '2026-12-01T12:00:00Z' })];
    assert.deepEqual(pickServingPod(pods), { pod: 'api-new' });
  });
  it('says why there is none: no pods, or none ready (with how many run)', () => {
    assert.deepEqual(pickServingPod([]), { none: 'it has no pods' });
    assert.deepEqual(pickServingPod([pod('a', { ready: false }), pod('b', { phase: 'Pending' })]), { none: 'none of its 2 pods are ready (1 running)' });
    assert.deepEqual(pickServingPod([pod('a', { deleting: true })]), { none: 'its only pod is not ready (not running)' });
  });
});
