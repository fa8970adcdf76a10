// Which namespace rows come first when hundreds are shown, and what the Loading row says.
import assert from 'node:assert/strict';
import { loadingProgress, orderNamespaces } from '../../../../src/domain/workloads/namespaceOrder';

describe('namespace order', () => {
  const degraded = (counts: Record<string, number>) => (ns: string) => counts[ns] ?? 0;
  const cases: { name: string; names: string[]; selected?: string; degraded: Record<string, number>; want: string[] }[] = [
    { name: 'nothing degraded, nothing selected: by name', names: ['zeta', 'alpha', 'mid'], degraded: {}, want: ['alpha', 'mid', 'zeta'] },
    { name: 'the selected namespace on top', names: ['zeta', 'alpha', 'mine'], selected: 'mine', degraded: {}, want: ['mine', 'alpha', 'zeta'] },
    { name: 'degraded ones before the healthy, by name among themselves', names: ['a', 'b', 'c', 'd'], degraded: { d: 1, b: 3 }, want: ['b', 'd', 'a', 'c'] },
    { name: 'the selected one above the degraded, degraded or not', names: ['a', 'b', 'mine'], selected: 'mine', degraded: { a: 2 }, want: ['mine', 'a', 'b'] },
    { name: 'a selected namespace that is degraded is still first, once', names: ['a', 'mine'], selected: 'mine', degraded: { a: 1, mine: 1 }, want: ['mine', 'a'] },
    { name: 'a selected namespace without deployments is not invented', names: ['a', 'b'], selected: 'elsewhere', degraded: {}, want: ['a', 'b'] },
    { name: 'a zero degraded count is healthy', names: ['b', 'a'], degraded: { b: 0 }, want: ['a', 'b'] },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(orderNamespaces(c.names, c.selected, degraded(c.degraded)), c.want));
  }

  it('the Loading row counts with the server\'s estimate, without one, and before the first page', () => {
    assert.equal(loadingProgress(undefined, undefined, 'deployments'), 'waiting for the first page');
    assert.equal(loadingProgress(0, 10, 'deployments'), 'waiting for the first page');
    assert.equal(loadingProgress(1500, 8511, 'deployments'), '1,500 of ~10,011 deployments');
    assert.equal(loadingProgress(1500, undefined, 'deployments'), '1,500 deployments so far');
  });
});
