import assert from 'node:assert/strict';
import { decodeExperiment, decodePipelineDeployment, listOf } from '../../../../src/clients/platform/platformTypes';
import type { Experiment } from '../../../../src/clients/platform/platformTypes';
import { agentsRoots, queueSummary } from '../../../../src/domain/platform/agentNodes';
import { experimentChildren, experimentsRoots } from '../../../../src/domain/platform/experimentNodes';
import { resultsMarkdown } from '../../../../src/domain/platform/resultsDocument';

const json = {
  id: 'exp-1',
  name: 'cost-opt',
  baseline_pipeline: 'process-baseline-v1',
  candidate_pipeline: 'process-intelligent-v1',
  target_namespaces: ['default'],
  phase: 'running',
  created_at: '2025-01-01T10:00:00Z',
  metrics: { cardinality_reduction_percent: 55.5, cost_before_monthly: '21324.80', cost_after_monthly: 9490, cost_savings_monthly: 11834.8, baseline_cardinality: 256000, candidate_cardinality: 113920 },
  unknown_field: true,
};

function experiment(over: Partial<Experiment> = {}): Experiment {
  const e = decodeExperiment(json);
  assert.ok(typeof e !== 'string');
  return { ...e, ...over };
}

describe('platform API decoding', () => {
  it('reads the snake_case experiment, numbers sent as strings included, and ignores unknown fields', () => {
    const e = experiment();
    assert.equal(e.baselinePipeline, 'process-baseline-v1');
    assert.equal(e.metrics.costBeforeMonthly, 21324.8);
    assert.deepEqual(e.targetNamespaces, ['default']);
    assert.ok(!('startedAt' in e), 'absent stays absent');
  });

  it('names what is missing instead of guessing, and takes lists bare or wrapped', () => {
    assert.equal(decodeExperiment({ name: 'x' }), 'an experiment without id, name or phase');
    assert.equal(decodePipelineDeployment(42), 'a pipeline deployment that is not an object');
    assert.deepEqual(listOf([1], 'experiments'), [1]);
    assert.deepEqual(listOf({ experiments: [2] }, 'experiments'), [2]);
    assert.equal(listOf({ items: [] }, 'experiments'), undefined);
  });
});

describe('Experiments and Agents trees', () => {
  it('lists active experiments first, with the cost flow above and figures, deployments and tasks beneath', () => {
    const done = experiment({ id: 'exp-2', name: 'old', phase: 'completed', createdAt: '2025-02-01T00:00:00Z' });
    const running = experiment();
    const roots = experimentsRoots({ configured: true, loaded: true, experiments: [done, running], deployments: new Map(), costFlow: { beforeMonthly: 100, afterMonthly: 30, byExperiment: [], phases: {} } });
    assert.deepEqual(roots.map((n) => (n.kind === 'experiment' ? n.experiment.name : n.kind)), ['costFlow', 'cost-opt', 'old']);
    const exp = roots[1];
    assert.ok(exp?.kind === 'experiment');
    const children = experimentChildren(exp);
    const facts = children.filter((c) => c.kind === 'fact').map((c) => (c.kind === 'fact' ? `${c.label}: ${c.value}` : ''));
    assert.deepEqual(facts, [
      'Pipelines: process-baseline-v1 → process-intelligent-v1',
      'Cardinality: 256,000 → 113,920 series (−55.5%)',
      'Monthly cost: $21,325 → $9,490, saves $11,835',
      'Namespaces: default',
    ]);
    assert.deepEqual(children.slice(-2).map((c) => c.kind), ['deployments', 'experimentTasks']);
    assert.deepEqual(experimentsRoots({ configured: false, loaded: false, experiments: [], deployments: new Map() }), []);
  });

  it('puts down agents first and shows the queue depth; a missing password is an error node, not a crash', () => {
    const roots = agentsRoots(
      {
        loaded: true,
        downAfterSeconds: 300,
        agents: [
          { hostId: 'agent-001', ageSeconds: 1, down: false },
          { hostId: 'agent-003', ageSeconds: 400, down: true },
        ],
        depthError: { kind: 'auth', message: 'No password is stored for phoenix@db:5432/phoenix', hint: 'Run "Phoenix Ops: Set Database Password".' },
      },
      true,
    );
    assert.deepEqual(roots.map((n) => (n.kind === 'agent' ? n.agent.hostId : n.kind)), ['dbError', 'agent-003', 'agent-001']);
    assert.equal(queueSummary({ pending: 0, assigned: 1, running: 2, completed: 9, failed: 1 }), '0 pending · 1 assigned · 2 running · 1 failed');
  });

  it('writes results as a readable Markdown table and says which parts were unavailable', () => {
    const md = resultsMarkdown(experiment(), undefined, { experimentId: 'exp-1', recommendation: 'Promote it.', confidence: 0.95, byNamespace: [{ namespace: 'default', costBeforeMonthly: 10, costAfterMonthly: 4 }] }, ['results: 503']);
    assert.match(md, /^# Experiment cost\\-opt/);
    assert.match(md, /\| Monthly cost \| \$21,325 \| \$9,490 \|/);
    assert.match(md, /> Promote it\\\./);
    assert.match(md, /confidence 95%/);
    assert.match(md, /## Not available\n\n- results\\: 503/);
  });

  it('keeps what the platform API says as text: no links, images, HTML or table breaks of its own', () => {
    const hostile = '[x](command:phoenixOps.useAsKubectlContext) ![t](https://evil/t.png) <img src=x> | a | b |\n# not a heading';
    const md = resultsMarkdown(experiment({ name: hostile, description: hostile, baselinePipeline: 'a|b`c' }), undefined, { experimentId: 'exp-1', recommendation: hostile, byNamespace: [{ namespace: hostile, costBeforeMonthly: 1, costAfterMonthly: 1 }] });
    assert.doesNotMatch(md, /(^|[^\\])\[x\]|(^|[^\\])!\[t\]|(^|[^\\])<img/m);
    assert.doesNotMatch(md, /^# not a heading/m);
    assert.match(md, /\| Pipeline \| ``a\\\|b`c`` \|/);
  });
});
