// Flagger and Argo Rollouts objects: their status as the cockpit shows it, the documented patches of each
// action (and refusals when the action does not apply), and a Flagger analysis imported as a plan.
import assert from 'node:assert/strict';
import { actionPatches, type CustomObject, planFromFlagger, summarizeArgo, summarizeFlagger } from '../../../../src/domain/rollouts/progressiveResources';

const flagger = (over: { spec?: object; status?: object } = {}): CustomObject => ({
  metadata: { name: 'generator', namespace: 'phoenix-system' },
  spec: { targetRef: { kind: 'Deployment', name: 'generator' }, analysis: { interval: '1m', threshold: 5, maxWeight: 50, stepWeight: 10, metrics: [{ name: 'request-success-rate', thresholdRange: { min: 99 }, interval: '1m' }, { name: 'request-duration', thresholdRange: { max: 500 }, interval: '1m' }] }, ...over.spec },
  status: { phase: 'Progressing', canaryWeight: 20, failedChecks: 2, lastTransitionTime: '2026-12-03T10:00:00Z', conditions: [{ type: 'Promoted', status: 'Unknown', reason: 'Progressing', message: 'New revision detected, progressing canary analysis.' }], ...over.status },
});
const argo = (over: { spec?: object; status?: object } = {}): CustomObject => ({
  metadata: { name: 'analytics', namespace: 'phoenix-system' },
  spec: { workloadRef: { name: 'analytics' }, strategy: { canary: { steps: [{ setWeight: 20 }, { pause: {} }, { setWeight: 50 }, { pause: { duration: '10m' } }] } }, ...over.spec },
  status: { phase: 'Paused', message: 'CanaryPauseStep', currentStepIndex: 1, pauseConditions: [{ reason: 'CanaryPauseStep' }], conditions: [{ type: 'Paused', status: 'True', lastTransitionTime: '2026-12-03T09:00:00Z' }], ...over.status },
});

describe('Flagger and Argo Rollouts resources', () => {
  it('summarizes a Flagger Canary: phase, weight, failed checks, target, condition', () => {
    const s = summarizeFlagger(flagger());
    assert.deepEqual([s.phase, s.weight, s.failedChecks, s.target, s.message, s.suspended], ['Progressing', 20, 2, 'generator', 'New revision detected, progressing canary analysis.', false]);
    assert.equal(summarizeFlagger({ metadata: { name: 'x' } }).phase, 'Unknown');
  });

  it('summarizes an Argo Rollout: the weight of its current step, paused, aborted', () => {
    const s = summarizeArgo(argo());
    assert.deepEqual([s.phase, s.weight, s.paused, s.aborted, s.target, s.lastTransition], ['Paused', 20, true, false, 'analytics', '2026-12-03T09:00:00Z']);
    assert.equal(summarizeArgo(argo({ status: { currentStepIndex: 3, pauseConditions: [] } })).weight, 50);
  });

  it("sends Flagger's documented fields: suspend, resume, skip analysis", () => {
    assert.deepEqual(actionPatches('flaggerSuspend', flagger()), [{ target: 'object', patch: { spec: { suspend: true } }, summary: 'spec.suspend: true (Flagger stops the analysis and leaves traffic as it is)' }]);
    assert.ok('refused' in (actionPatches('flaggerSuspend', flagger({ spec: { suspend: true } })) as object));
    assert.deepEqual((actionPatches('flaggerResume', flagger({ spec: { suspend: true } })) as { patch: object }[])[0].patch, { spec: { suspend: false } });
    assert.ok('refused' in (actionPatches('flaggerResume', flagger()) as object));
    assert.deepEqual((actionPatches('flaggerSkipAnalysis', flagger()) as { patch: object }[])[0].patch, { spec: { skipAnalysis: true } });
  });

  it("sends the status patches of Argo's kubectl plugin: promote, promote --full, abort, retry", () => {
    assert.deepEqual(actionPatches('argoPromote', argo()), [{ target: 'status', patch: { status: { pauseConditions: null } }, summary: 'status.pauseConditions cleared' }]);
    const both = actionPatches('argoPromote', argo({ spec: { paused: true } })) as { target: string }[];
    assert.deepEqual(both.map((p) => p.target), ['object', 'status']);
    assert.ok('refused' in (actionPatches('argoPromote', argo({ status: { pauseConditions: [] } })) as object));
    assert.deepEqual((actionPatches('argoPromoteFull', argo()) as { patch: object }[])[0].patch, { status: { promoteFull: true } });
    assert.deepEqual((actionPatches('argoAbort', argo()) as { patch: object; target: string }[])[0], { target: 'status', patch: { status: { abort: true } }, summary: 'status.abort: true (traffic back to the stable version)' });
    assert.ok('refused' in (actionPatches('argoAbort', argo({ status: { abort: true } })) as object));
    assert.deepEqual((actionPatches('argoRetry', argo({ status: { abort: true } })) as { patch: object }[])[0].patch, { status: { abort: false } });
    assert.ok('refused' in (actionPatches('argoRetry', argo()) as object));
  });

  it("imports guide 000's Flagger analysis as a plan the cockpit can run", () => {
    const r = planFromFlagger(flagger());
    assert.ok(r.ok, r.ok ? '' : r.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
    assert.deepEqual(r.plan.phases.map((p) => [p.weight, p.holdSeconds]), [[10, 60], [20, 60], [30, 60], [40, 60], [50, 60]]);
    assert.equal(r.plan.failureThreshold, 5);
    assert.deepEqual(r.plan.phases[0].thresholds, { 'request-success-rate': 99, 'request-duration': 500 });
    assert.equal(r.plan.name, 'Flagger generator analysis');
  });

  it('refuses to import an analysis without steps, threshold or known metrics', () => {
    const noSteps = planFromFlagger(flagger({ spec: { analysis: { interval: '1m', threshold: 5 } } }));
    assert.ok(!noSteps.ok);
    assert.deepEqual(noSteps.errors.map((e) => e.path), ['analysis.stepWeight', 'analysis.maxWeight']);
    const noMetrics = planFromFlagger(flagger({ spec: { analysis: { interval: '1m', threshold: 5, stepWeight: 10, maxWeight: 50, metrics: [{ name: 'custom' }] } } }));
    assert.ok(!noMetrics.ok);
    assert.match(noMetrics.errors[0].message, /neither request-success-rate nor request-duration/);
    assert.ok(!planFromFlagger(flagger({ spec: { analysis: { interval: 'soon', threshold: 5, stepWeight: 10, maxWeight: 50 } } })).ok);
  });
});
