import assert from 'node:assert/strict';
import type { ContextEntry } from '../../../src/clients/kubernetes/kubeconfigLoader';
import { resolveSelection } from '../../../src/domain/clusters/selection';

const ctx = (name: string, namespace?: string): ContextEntry => ({ name, cluster: 'c', user: 'u', namespace, file: '/k', visibleToKubectl: true });
const kc = { contexts: [ctx('dev', 'phoenix-system'), ctx('prod')], currentContext: 'prod' };

describe('resolveSelection', () => {
  it("follows kubectl's current-context until the user picks one, with the context's namespace or default", () => {
    assert.deepEqual(resolveSelection(undefined, kc), { context: 'prod', namespace: 'default', source: 'kubectl' });
  });
  it('keeps the stored pick and its namespace', () => {
    assert.deepEqual(resolveSelection({ context: 'dev', namespace: 'phase-5' }, kc), { context: 'dev', namespace: 'phase-5', source: 'stored' });
    assert.deepEqual(resolveSelection({ context: 'dev' }, kc), { context: 'dev', namespace: 'phoenix-system', source: 'stored' });
  });
  it('falls back when the stored context disappeared from the kubeconfig', () => {
    assert.deepEqual(resolveSelection({ context: 'gone', namespace: 'x' }, kc), { context: 'prod', namespace: 'default', source: 'kubectl' });
    assert.deepEqual(resolveSelection({ context: 'gone' }, { contexts: [ctx('dev', 'a')], currentContext: 'missing' }), { context: 'dev', namespace: 'a', source: 'first' });
    assert.deepEqual(resolveSelection(undefined, { contexts: [] }), { context: undefined, namespace: 'default', source: 'none' });
  });
});
