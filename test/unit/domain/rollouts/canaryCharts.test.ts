// The canary panel's charts and table from a rollout's state, its checks and Prometheus samples.
import assert from 'node:assert/strict';
import { checkRows, gateCharts } from '../../../../src/domain/rollouts/canaryCharts';
import type { CheckRecord } from '../../../../src/domain/rollouts/rolloutState';
import { runningState, T0 } from './rolloutFixtures';

const iso = (s: number) => new Date(T0 + s * 1000).toISOString();
const t = (s: number) => T0 / 1000 + s;

describe('canary charts', () => {
  const state = runningState({ servingSince: iso(0), phase: 1, weight: 20 });
  const check = (at: number, phase: number, weight: number, kind: CheckRecord['kind'], action?: string): CheckRecord => ({
    at: iso(at),
    phase,
    weight,
    kind,
    requests: 1204,
    gates: [
      { gate: 'error-ratio', kind: kind === 'fail' ? 'fail' : 'pass', value: kind === 'fail' ? 0.02 : 0, primary: 0, threshold: phase === 0 ? 0.001 : 0.005, detail: kind === 'fail' ? '2 % ≥ 0.5 %' : '0 % < 0.1 %' },
      { gate: 'p95-latency', kind: 'pass', value: 0.08, primary: 0.085, threshold: phase === 0 ? 0.1 : 0.2, detail: '80 ms < 100 ms' },
    ],
    ...(action ? { action } : {}),
  });
  const checks = [check(60, 0, 5, 'pass'), check(600, 0, 5, 'pass', 'advanced to phase 2 (20 %)'), check(660, 1, 20, 'fail', 'rolling back'), { at: iso(670), phase: 1, weight: 20, kind: 'event' as const, gates: [], action: 'paused by bob' }];
  const series = state.plan.gates.map((gate) => ({ gate, canary: [[t(-10), 0.5], [t(60), 0], [t(660), 0.02]] as [number, number][], primary: [[t(-10), 0], [t(60), 0]] as [number, number][], canaryQuery: `c-${gate.name}`, primaryQuery: `p-${gate.name}` }));

  it('charts each gate: canary and primary, the weight on the right axis, thresholds per phase, markers', () => {
    const [errors, latency] = gateCharts(state, checks, series, t(700));
    assert.equal(errors.title, 'error-ratio: canary against primary');
    assert.equal(errors.unit, 'ratio');
    assert.equal(latency.unit, 'seconds');
    assert.deepEqual(errors.series.map((s) => [s.label, s.axis ?? 'left', s.style ?? 'line']), [['canary', 'left', 'line'], ['primary', 'left', 'line'], ['canary weight', 'right', 'step']]);
    const x = errors.x;
    const at = (sec: number) => x.indexOf(t(sec));
    assert.equal(errors.series[0].values[at(-10)], null, 'a sample from before this canary served is not its own');
    assert.equal(errors.series[1].values[at(-10)], 0, 'the primary before it is');
    assert.equal(errors.series[0].values[at(660)], 0.02);
    assert.equal(errors.series[2].values[at(60)], 5);
    assert.equal(errors.series[2].values[at(660)], 20);
    assert.deepEqual(errors.thresholds?.[0].segments.map((s) => [s.from - t(0), s.to - t(0), s.value]), [[60, 660, 0.001], [660, 700, 0.005]]);
    assert.deepEqual(errors.markers?.map((m) => [m.at - t(0), m.kind]), [[0, 'info'], [600, 'success'], [660, 'failure'], [670, 'warning']]);
    assert.deepEqual(errors.queries, [{ expr: 'c-error-ratio' }, { expr: 'p-error-ratio' }]);
    const hover = errors.series[0].details?.find((d) => d.at === t(660))?.rows;
    assert.deepEqual(hover?.map(([k]) => k), ['check', 'verdict', 'canary', 'primary', 'threshold', 'requests', 'query']);
    assert.equal(hover?.[1][1], 'fail: 2 % ≥ 0.5 %');
    assert.equal(hover?.[5][1], '1,204');
  });

  it('lists every check newest first with each gate in words', () => {
    const rows = checkRows(state, checks);
    assert.deepEqual(rows.map((r) => [r.kind, r.phase, r.weight, r.action]), [['event', '2/5', '20 %', 'paused by bob'], ['fail', '2/5', '20 %', 'rolling back'], ['pass', '1/5', '5 %', 'advanced to phase 2 (20 %)'], ['pass', '1/5', '5 %', '']]);
    assert.deepEqual(rows[1].gates.map((g) => g.text), ['✗ 2 % ≥ 0.5 %', '✓ 80 ms < 100 ms']);
    assert.equal(rows[1].requests, '1,204');
    assert.deepEqual(rows[0].gates.map((g) => g.text), ['', ''], 'an event has no gate values');
  });
});
