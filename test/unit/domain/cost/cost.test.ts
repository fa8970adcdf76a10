// Cost arithmetic against guide 003's headline and hand-computed cases, the experiment timeline, and the panels'
// figures built from API data.
import assert from 'node:assert/strict';
import type { Experiment } from '../../../../src/clients/platform/platformTypes';
import { costOverviewDashboard, experimentCostDashboard } from '../../../../src/domain/cost/costDashboard';
import type { CostOverviewData, ExperimentCostData } from '../../../../src/domain/cost/costData';
import { costFigures, namespaceFigures, namespaceTotals, reductionPercent } from '../../../../src/domain/cost/costFigures';
import { experimentTimeline, lifeWindow, phaseSummary } from '../../../../src/domain/cost/experimentTimeline';
import { formatDuration } from '../../../../src/shared/chart/chartFormat';

const T = Date.parse('2025-01-05T10:00:00Z');

function experiment(over: Partial<Experiment> = {}): Experiment {
  return {
    id: 'exp-1',
    name: 'cost-opt',
    description: '',
    baselinePipeline: 'process-baseline-v1',
    candidatePipeline: 'process-intelligent-v1',
    targetNamespaces: ['phoenix-system', 'phase-5'],
    phase: 'completed',
    createdAt: '2025-01-01T10:00:00Z',
    startedAt: '2025-01-01T10:05:00Z',
    endedAt: '2025-01-02T10:05:00Z',
    metrics: { costBeforeMonthly: 50_000, costAfterMonthly: 15_000, costSavingsMonthly: 35_000, cardinalityReductionPercent: 70, baselineCardinality: 600_000, candidateCardinality: 180_000 },
    ...over,
  };
}

describe('cost figures', () => {
  it("reproduces guide 003's headline: $50,000 → $15,000 a month saves $35,000, $420,000 a year, the 70 % goal met", () => {
    assert.deepEqual(costFigures(50_000, 15_000), { beforeMonthly: 50_000, afterMonthly: 15_000, savingsMonthly: 35_000, savingsAnnual: 420_000, reductionPercent: 70, goalPercent: 70, goalMet: true, shortOfGoal: 0 });
  });

  it('says how far short of the goal, keeps a cost increase negative, and has no reduction without a cost', () => {
    const half = costFigures(50_000, 25_000);
    assert.deepEqual([half.reductionPercent, half.goalMet, half.shortOfGoal, half.savingsAnnual], [50, false, 20, 300_000]);
    const worse = costFigures(1000, 1200);
    assert.deepEqual([worse.savingsMonthly, worse.savingsAnnual, worse.reductionPercent, worse.goalMet], [-200, -2400, -20, false]);
    const none = costFigures(0, 0);
    assert.deepEqual([none.reductionPercent, none.goalMet, none.shortOfGoal], [undefined, false, 70]);
    assert.equal(costFigures(61_642.4, 18_492.72).savingsMonthly, 43_149.68);
    assert.equal(reductionPercent(3, 1), 66.67);
    assert.equal(costFigures(100, 30).goalMet, true, 'exactly 70 % meets it');
    assert.equal(costFigures(100, 30.01).goalMet, false);
  });

  it('per namespace: biggest saving first; totals only when every namespace has both costs', () => {
    const rows = namespaceFigures([
      { namespace: 'phase-5', cardinalityBefore: 200_000, cardinalityAfter: 60_000, costBeforeMonthly: 16_660, costAfterMonthly: 4_998 },
      { namespace: 'phoenix-system', cardinalityBefore: 400_000, cardinalityAfter: 120_000, costBeforeMonthly: 33_320, costAfterMonthly: 9_996 },
    ]);
    assert.deepEqual(rows.map((r) => [r.namespace, r.savingsMonthly, r.reductionPercent]), [['phoenix-system', 23_324, 70], ['phase-5', 11_662, 70]]);
    assert.deepEqual(namespaceTotals(rows) && [namespaceTotals(rows)?.beforeMonthly, namespaceTotals(rows)?.afterMonthly, namespaceTotals(rows)?.savingsMonthly], [49_980, 14_994, 34_986]);
    assert.equal(namespaceTotals(namespaceFigures([{ namespace: 'x', costBeforeMonthly: 10 }])), undefined);
    assert.equal(namespaceTotals([]), undefined);
  });
});

describe('experiment timeline', () => {
  it('lists created, started and how it ended, with the reason', () => {
    const stopped = experiment({ phase: 'stopped', stopReason: 'stopped by operator: dashboards missing series' });
    assert.deepEqual(experimentTimeline(stopped).map((t) => [t.event, t.kind, t.detail]), [
      ['created', 'info', 'process-baseline-v1 → process-intelligent-v1 on phoenix-system, phase-5'],
      ['started', 'info', 'both pipelines deployed; the candidate runs beside the baseline'],
      ['stopped', 'warning', 'stopped by operator: dashboards missing series'],
    ]);
    assert.equal(experimentTimeline(experiment()).at(-1)?.kind, 'success');
    assert.equal(experimentTimeline(experiment({ phase: 'failed', stopReason: 'pipeline crashed' })).at(-1)?.kind, 'failure');
    assert.deepEqual(experimentTimeline(experiment({ phase: 'pending', startedAt: undefined, endedAt: undefined })).map((t) => t.event), ['created']);
  });

  it("covers its life (a little before and after, at least 10 minutes; a running one up to now) and says how long it ran", () => {
    const w = lifeWindow(experiment(), T);
    const created = Date.parse('2025-01-01T10:00:00Z') / 1000;
    const ended = Date.parse('2025-01-02T10:05:00Z') / 1000;
    assert.ok(w.start < created && w.start > created - 0.05 * (ended - created), `start ${w.start}`);
    assert.ok(w.end > ended && w.end < ended + 0.05 * (ended - created), `end ${w.end}`);
    const running = experiment({ phase: 'running', createdAt: new Date(T - 60_000).toISOString(), startedAt: new Date(T - 30_000).toISOString(), endedAt: undefined });
    const rw = lifeWindow(running, T);
    assert.equal(rw.end, T / 1000);
    assert.ok(rw.end - rw.start >= 600, 'at least 10 minutes');
    assert.equal(phaseSummary(running, T, formatDuration), 'running for 30 s');
    assert.equal(phaseSummary(experiment(), T, formatDuration), 'completed after 24 h');
  });
});

describe('cost panels', () => {
  const w = { start: T / 1000 - 3600, end: T / 1000, stepSeconds: 60 };
  const empty = { expr: 'x', series: [] };

  it("an experiment: the reduction against the goal, money a month and a year, the recommendation and its buttons", () => {
    const d: ExperimentCostData = {
      experiment: experiment(),
      analysis: { experimentId: 'exp-1', status: 'conclusive', recommendation: 'Promote process-intelligent-v1: it cuts cardinality by 70%.', confidence: 0.95, costBeforeMonthly: 50_000, costAfterMonthly: 15_000, byNamespace: [] },
      rangeId: 'life',
      window: w,
      cardinality: empty,
      reduction: { expr: 'r', series: [{ labels: {}, values: [[w.start, 10], [w.start + 60, 20]] }] },
      savings: empty,
      problems: ['Prometheus is slow'],
    };
    const s = experimentCostDashboard(d, T, 30);
    const fig = (id: string) => s.figures.find((f) => f.id === id);
    assert.deepEqual([fig('reduction')?.value, fig('reduction')?.tone, fig('reduction')?.detail], ['70.0 %', 'good', 'meets the 70 % goal (guide 003)']);
    assert.equal(fig('savings-year')?.value, '$420,000');
    assert.equal(fig('cost')?.value, '$50,000 → $15,000');
    assert.equal(s.liveEverySeconds, 0, 'a finished experiment does not change: no live refresh');
    assert.deepEqual(s.notices, [{ tone: 'warning', text: 'Prometheus is slow' }]);
    const overTime = s.sections.find((x) => x.id === 'over-time');
    assert.deepEqual(overTime?.callout, { tone: 'good', text: 'Recommendation: Promote process-intelligent-v1: it cuts cardinality by 70%.' });
    assert.deepEqual(overTime?.actions?.map((a) => a.title), ['Show Results'], 'no Stop for a finished experiment');
    const reduction = overTime?.charts.find((c) => c.id === 'reduction');
    assert.ok(reduction?.kind === 'time' && reduction.thresholds?.[0]?.segments[0]?.value === 70, 'the 70 % goal is drawn');
    assert.ok(reduction?.kind === 'time' && reduction.series[0]?.values[1] === 20);
    const active = experimentCostDashboard({ ...d, experiment: experiment({ phase: 'running', endedAt: undefined }) }, T, 30);
    assert.equal(active.liveEverySeconds, 30);
    assert.deepEqual(active.sections[0]?.actions?.map((a) => a.title), ['Show Results', 'Stop Experiment…']);
    assert.equal(active.figures.find((f) => f.id === 'reduction')?.label, 'Cost reduction so far');
  });

  it('the overview: the cost flow against the goal, and every experiment with what it saves', () => {
    const d: CostOverviewData = {
      costFlow: { beforeMonthly: 50_000, afterMonthly: 25_000, savingsMonthly: 25_000, reductionPercent: 50, activeExperiments: 1, byExperiment: [{ experimentId: 'exp-1', name: 'cost-opt', costBeforeMonthly: 50_000, costAfterMonthly: 25_000 }], phases: { running: 1, completed: 1, stopped: 0 } },
      experiments: [experiment(), experiment({ id: 'exp-2', name: 'topk', phase: 'running', metrics: { costSavingsMonthly: 5000, costBeforeMonthly: 10_000, costAfterMonthly: 5000 } })],
      rangeId: '24h',
      window: w,
      reduction: empty,
      savings: empty,
      problems: [],
    };
    const s = costOverviewDashboard(d, T, 30);
    const reduction = s.figures.find((f) => f.id === 'reduction');
    assert.deepEqual([reduction?.value, reduction?.tone, reduction?.detail], ['50.0 %', 'warning', '20.0 points short of the 70 % goal']);
    assert.equal(s.figures.find((f) => f.id === 'experiments')?.detail, '1 running · 1 completed');
    const table = s.sections.flatMap((x) => x.tables ?? []).find((t) => t.id === 'experiments-table');
    assert.deepEqual(table?.rows.map((r) => (typeof r[0] === 'string' ? r[0] : r[0]?.text)), ['topk', 'cost-opt'], 'active first');
    assert.deepEqual(table?.rows[1]?.slice(4), ['$50,000 → $15,000', '$35,000', '$420,000']);
    const flow = s.sections[0]?.charts.find((c) => c.id === 'flow-total');
    assert.ok(flow?.kind === 'bar');
    assert.deepEqual(flow?.kind === 'bar' && flow.series.map((x) => x.values[0]), [50_000, 25_000, 15_000], 'before, after, and what the 70 % goal would leave');
  });
});
