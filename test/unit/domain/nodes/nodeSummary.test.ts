// A node row says what kubectl get nodes says (Ready, SchedulingDisabled, roles, version), the pressures that are on,
// and its use as kubectl top nodes prints it (percent of allocatable, rounded down).
import assert from 'node:assert/strict';
import { nodeUsage, nodeUsageText, resourcesText, summarizeNode, type NodeLike } from '../../../../src/domain/nodes/nodeSummary';

const node = (over: Partial<NodeLike> = {}, conditions: Array<[string, string]> = [['Ready', 'True']]): NodeLike => ({
  metadata: { name: 'w1', labels: { 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/ingress': '', 'kubernetes.io/hostname': 'w1' }, creationTimestamp: '2026-10-01T00:00:00Z' },
  status: {
    conditions: conditions.map(([type, status]) => ({ type, status })),
    capacity: { cpu: '4', memory: '16Gi', pods: '110' },
    allocatable: { cpu: '3860m', memory: '15Gi', pods: '110' },
    nodeInfo: { kubeletVersion: 'v1.30.5' },
    addresses: [{ type: 'InternalIP', address: '10.0.0.11' }],
  },
  ...over,
});

describe('node summary', () => {
  it('reads status, roles, version, capacity and allocatable', () => {
    const s = summarizeNode(node());
    assert.equal(s.status, 'Ready');
    assert.deepEqual(s.roles, ['ingress', 'worker']);
    assert.equal(s.kubeletVersion, 'v1.30.5');
    assert.equal(s.internalIP, '10.0.0.11');
    assert.equal(resourcesText(s.allocatable), '3.86 cpu · 15Gi · 110 pods');
  });

  it('says SchedulingDisabled when cordoned, NotReady and Unknown when not ready, and the pressures that are on', () => {
    assert.equal(summarizeNode(node({ spec: { unschedulable: true } })).status, 'Ready,SchedulingDisabled');
    assert.equal(summarizeNode(node({}, [['Ready', 'False']])).status, 'NotReady');
    assert.equal(summarizeNode(node({}, [['Ready', 'Unknown']])).ready, 'unknown');
    assert.equal(summarizeNode(node({}, [])).ready, 'unknown');
    assert.deepEqual(summarizeNode(node({}, [['Ready', 'True'], ['MemoryPressure', 'True'], ['DiskPressure', 'False']])).pressures, ['MemoryPressure']);
    assert.equal(summarizeNode(node({ spec: { unschedulable: false } })).unschedulable, false);
  });

  it('usage as kubectl top nodes: percent of allocatable, rounded down', () => {
    const s = summarizeNode(node());
    const u = nodeUsage({ usage: { cpu: '460123456n', memory: `${2009 * 1024}Ki` } }, s);
    assert.equal(u.cpuPercent, 11);
    assert.equal(u.memoryPercent, 13);
    assert.equal(nodeUsageText(u), 'cpu 461m (11%) · mem 1.96Gi (13%)');
    assert.equal(nodeUsage({}, s).cpu, 0);
  });

  it('percent as kubectl computes it, from milli-values rounded up: 771.9m of 3860m prints as 772m and 20 %', () => {
    const s = summarizeNode(node({ status: { allocatable: { cpu: '3860m', memory: '10Gi' } } }));
    assert.equal(nodeUsage({ usage: { cpu: '771900000n', memory: '2Gi' } }, s).cpuPercent, 20);
    assert.equal(nodeUsage({ usage: { cpu: '772m', memory: '2Gi' } }, s).cpuPercent, 20);
    assert.equal(nodeUsage({ usage: { cpu: '771m', memory: '2Gi' } }, s).cpuPercent, 19);
    assert.equal(nodeUsage({ usage: { cpu: '772m', memory: '2Gi' } }, s).memoryPercent, 20);
  });
});
