// The Experiments view's store when the platform API stops answering: the last known experiments and cost flow stay,
// marked with when they were known; a cost flow that cannot be read is said, not dropped.
import assert from 'node:assert/strict';
import type { ServiceError } from '../../../../src/clients/http/serviceError';
import { type CostFlow, decodeExperiment, type Experiment } from '../../../../src/clients/platform/platformTypes';
import { err, ok } from '../../../../src/core/result';
import { experimentsRoots } from '../../../../src/domain/platform/experimentNodes';
import { ExperimentsStore, type PlatformSource } from '../../../../src/domain/platform/experimentsStore';

const down: ServiceError = { kind: 'server', service: 'Phoenix platform API', status: 503, message: 'Phoenix platform API answered 503: database unavailable', hint: 'Retry' };
const experiment = decodeExperiment({ id: 'exp-1', name: 'cost-opt', baseline_pipeline: 'a', candidate_pipeline: 'b', target_namespaces: ['default'], phase: 'running', metrics: {} }) as Experiment;
const costFlow: CostFlow = { beforeMonthly: 100, afterMonthly: 40, savingsMonthly: 60, reductionPercent: 60, byExperiment: [], phases: {} };

describe('ExperimentsStore when the platform API stops answering', () => {
  let experimentsFail = false;
  let costFlowFails = false;
  const api: PlatformSource = {
    baseUrl: 'http://api',
    experiments: () => Promise.resolve(experimentsFail ? err(down) : ok([experiment])),
    costFlow: () => Promise.resolve(costFlowFails ? err(down) : ok(costFlow)),
    pipelineDeployments: () => Promise.resolve(ok([])),
  };
  let store: ExperimentsStore;
  beforeEach(() => {
    experimentsFail = false;
    costFlowFails = false;
    store = new ExperimentsStore({ platform: () => api, intervalMs: () => 0 });
  });
  afterEach(() => store.dispose());

  const roots = () => experimentsRoots(store.snapshot).map((n) => `${n.kind}${'asOf' in n && n.asOf ? ' (last known)' : ''}`);

  it('keeps the last known experiments under the error, marked with the time of the last answer', async () => {
    await store.refresh();
    const knownAt = store.snapshot.fetchedAt;
    experimentsFail = true;
    await store.refresh();
    await store.refresh();
    assert.deepEqual(store.snapshot.experimentsAsOf, knownAt, 'the last answer, not the last failure');
    assert.deepEqual(roots(), ['error', 'costFlow', 'experiment (last known)']);
    experimentsFail = false;
    await store.refresh();
    assert.deepEqual(roots(), ['costFlow', 'experiment']);
  });

  it('says when the cost flow cannot be read, keeping the last known one', async () => {
    await store.refresh();
    costFlowFails = true;
    await store.refresh();
    const nodes = experimentsRoots(store.snapshot);
    assert.deepEqual(roots(), ['error', 'costFlow (last known)', 'experiment']);
    assert.match(nodes[0]?.kind === 'error' ? nodes[0].error.message : '', /^Cost flow: .*503/);
  });

  it('with no answer ever, shows the error alone (not "no experiments")', async () => {
    experimentsFail = true;
    await store.refresh();
    assert.deepEqual(roots(), ['error']);
  });
});
