// A PodDisruptionBudget's status as the disruption controller computes it from its pods: healthy = Ready and not being
// deleted, desired from minAvailable or maxUnavailable (percentages round up), disruptions allowed never below 0.
import assert from 'node:assert/strict';
import { pdbStatus, podsOfBudget, scaled } from '../../../../../sandbox/kube/controllers/disruptionController';
import type { KubeObject } from '../../../../../sandbox/kube/store/types';

const pod = (name: string, ready: boolean, labels: Record<string, string> = { app: 'api' }, deleting = false): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels, ...(deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
  spec: { containers: [] },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});

const NOW = '2026-12-04T00:00:00Z';

describe('disruption controller status', () => {
  const three = [pod('a', true), pod('b', true), pod('c', true)];
  for (const [spec, pods, expected] of [
    [{ minAvailable: 2 }, three, { expectedPods: 3, currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1 }],
    [{ minAvailable: 2 }, [pod('a', true), pod('b', true), pod('c', false)], { expectedPods: 3, currentHealthy: 2, desiredHealthy: 2, disruptionsAllowed: 0 }],
    [{ minAvailable: 2 }, [pod('a', true), pod('b', true, undefined, true)], { expectedPods: 2, currentHealthy: 1, desiredHealthy: 2, disruptionsAllowed: 0 }],
    [{ minAvailable: '50%' }, three, { expectedPods: 3, currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1 }],
    [{ maxUnavailable: 1 }, three, { expectedPods: 3, currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1 }],
    [{ maxUnavailable: '34%' }, three, { expectedPods: 3, currentHealthy: 3, desiredHealthy: 1, disruptionsAllowed: 2 }],
    [{ maxUnavailable: 0 }, three, { expectedPods: 3, currentHealthy: 3, desiredHealthy: 3, disruptionsAllowed: 0 }],
    [{ minAvailable: 5 }, three, { expectedPods: 3, currentHealthy: 3, desiredHealthy: 5, disruptionsAllowed: 0 }],
    [{ minAvailable: 1 }, [], { expectedPods: 0, currentHealthy: 0, desiredHealthy: 1, disruptionsAllowed: 0 }],
  ] as const) {
    it(`${JSON.stringify(spec)} over ${pods.length} pods → ${expected.disruptionsAllowed} allowed`, () => {
      const s = pdbStatus(spec, 4, pods, undefined, NOW);
      assert.deepEqual({ expectedPods: s.expectedPods, currentHealthy: s.currentHealthy, desiredHealthy: s.desiredHealthy, disruptionsAllowed: s.disruptionsAllowed }, expected);
      assert.equal(s.observedGeneration, 4);
      assert.equal(s.conditions[0].status, expected.disruptionsAllowed > 0 ? 'True' : 'False');
      assert.equal(s.conditions[0].reason, expected.disruptionsAllowed > 0 ? 'SufficientPods' : 'InsufficientPods');
    });
  }

  it('keeps the condition transition time until the condition flips', () => {
    const first = pdbStatus({ minAvailable: 2 }, 1, three, undefined, NOW);
    assert.equal(pdbStatus({ minAvailable: 2 }, 1, three, first, '2026-12-05T00:00:00Z').conditions[0].lastTransitionTime, NOW);
    assert.equal(pdbStatus({ minAvailable: 3 }, 2, three, first, '2026-12-05T00:00:00Z').conditions[0].lastTransitionTime, '2026-12-05T00:00:00Z');
  });

  it('matches pods by selector; a budget without a selector matches none, an empty one all', () => {
    const pods = [pod('a', true), pod('x', true, { app: 'other' })];
    const budget = (selector: unknown): KubeObject => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'b' }, spec: selector === undefined ? {} : { selector } });
    assert.deepEqual(podsOfBudget(budget({ matchLabels: { app: 'api' } }), pods).map((p) => p.metadata.name), ['a']);
    assert.deepEqual(podsOfBudget(budget(undefined), pods), []);
    assert.equal(podsOfBudget(budget({}), pods).length, 2);
  });

  it('scales int-or-percent values rounding up, and rejects what is neither', () => {
    assert.equal(scaled(2, 10), 2);
    assert.equal(scaled('25%', 10), 3);
    assert.equal(scaled('3', 10), 3);
    assert.equal(scaled('x%', 10), undefined);
    assert.equal(scaled(undefined, 10), undefined);
  });
});
