// A pod row's usage: kubectl top's sums, set against requests and limits; ≥ 90 % of a limit warns, no limit never
// does; sorting by CPU or memory puts the heaviest first and pods without metrics last.
import assert from 'node:assert/strict';
import { figuresText, levelOf, podUsage, sortByUsage, topFigures, usageText, warningText, worstLevel, type ResourceFigures } from '../../../../src/domain/usage/podUsage';

const MI = 2 ** 20;
const metrics = (name: string, containers: Array<[string, string, string]>) => ({
  metadata: { name, namespace: 'ns' },
  timestamp: '2026-12-03T22:00:00Z',
  containers: containers.map(([n, cpu, memory]) => ({ name: n, usage: { cpu, memory } })),
});
const spec = (containers: Array<[string, Record<string, string> | undefined, Record<string, string> | undefined]>) => ({
  containers: containers.map(([name, requests, limits]) => ({ name, resources: { requests, limits } })),
});

describe('pod usage', () => {
  it('sums containers like kubectl top (CPU nanocores, memory Ki) and keeps each container', () => {
    const u = podUsage(metrics('p', [['app', '120000000n', '262144Ki'], ['sidecar', '5500000n', '10240Ki']]));
    assert.deepEqual(topFigures(u), { cpuMillis: 126, memoryMi: 266 });
    assert.equal(usageText(u), 'cpu 126m · mem 266Mi');
    assert.deepEqual(u.containers.map((c) => c.name), ['app', 'sidecar']);
  });

  it('takes requests and limits from the spec; a pod limit is unknown when any container has none', () => {
    const u = podUsage(metrics('p', [['app', '450m', '100Mi'], ['sidecar', '10m', '10Mi']]), spec([['app', { cpu: '100m' }, { cpu: '500m', memory: '256Mi' }], ['sidecar', { cpu: '10m' }, undefined]]));
    assert.equal(u.containers[0].cpu.limit, 0.5);
    assert.equal(u.cpu.request, 0.11);
    assert.equal(u.cpu.limit, undefined);
    assert.equal(u.memory.limit, undefined);
  });

  const f = (used: number, limit?: number, request?: number): ResourceFigures => ({ used, limit, request });
  it('warns at 90 % of a limit and above, never without a limit', () => {
    const cases: Array<[ResourceFigures, string]> = [
      [f(0.45, 0.5), 'nearLimit'],
      [f(0.5, 0.5), 'overLimit'],
      [f(0.6, 0.5), 'overLimit'],
      [f(0.449, 0.5), 'ok'],
      [f(0.1, 0.5), 'ok'],
      [f(10, undefined), 'ok'],
      [f(10, undefined, 0.1), 'ok'], // far over its request: not a limit
      [f(1, 0), 'ok'],
      [f(0, 0.5), 'ok'],
    ];
    for (const [fig, want] of cases) assert.equal(levelOf(fig), want, JSON.stringify(fig));
    assert.equal(worstLevel({ cpu: f(0.1, 1), memory: f(240 * MI, 256 * MI) }), 'nearLimit');
    assert.equal(worstLevel({ cpu: f(0.1, 1), memory: f(100 * MI, 256 * MI) }), 'ok');
  });

  it('says the figures and the warning in words', () => {
    const u = { cpu: f(0.48, 0.5, 0.1), memory: f(100 * MI, undefined, 256 * MI) };
    assert.equal(figuresText('cpu', u.cpu), 'cpu 480m (96% of 500m limit, 480% of 100m request)');
    assert.equal(figuresText('memory', u.memory), 'memory 100Mi (no limit, 39% of 256Mi request)');
    assert.equal(warningText(u), 'CPU at 96% of its limit');
    assert.equal(warningText({ cpu: f(0.1, 0.5), memory: f(1, undefined) }), undefined);
  });

  it('sorts by CPU or memory, heaviest first, rows without usage last; by name keeps the order', () => {
    const usage = new Map([
      ['a', podUsage(metrics('a', [['c', '100m', '300Mi']]))],
      ['b', podUsage(metrics('b', [['c', '300m', '100Mi']]))],
      ['c', podUsage(metrics('c', [['c', '200m', '200Mi']]))],
    ]);
    const rows = ['d', 'a', 'b', 'c', 'e'];
    const sort = (by: 'cpu' | 'memory' | 'name') => sortByUsage(rows, by, (r) => usage.get(r), (r) => r);
    assert.deepEqual(sort('cpu'), ['b', 'c', 'a', 'd', 'e']);
    assert.deepEqual(sort('memory'), ['a', 'c', 'b', 'd', 'e']);
    assert.deepEqual(sort('name'), rows);
  });
});
