// The rollout state machine: phases advance only after their whole hold with every check passing;
// failures count to the plan's threshold and roll back; no data holds and, past the limit, fails;
// a gap restarts the hold; people pause, resume, set weights, promote and abort.
import assert from 'node:assert/strict';
import { abort, afterCheck, checkRecord, describeStatus, finished, failed, pause, phaseTimeLeft, promoteNow, resume, scaledHold, setWeight, started, windowFillsIn, type Decision, type Refusal } from '../../../../src/domain/rollouts/stateMachine';
import type { RolloutState } from '../../../../src/domain/rollouts/rolloutState';
import { at, FAIL, guide001, NO_DATA, PASS, runningState, T0 } from './rolloutFixtures';
import type { CheckResult } from '../../../../src/domain/rollouts/verdicts';

function decided(d: Decision | Refusal): Decision {
  if ('refused' in d) throw new Error(`refused: ${d.refused}`);
  return d;
}

function refusal(d: Decision | Refusal): string {
  assert.ok('refused' in d, 'expected a refusal');
  return d.refused;
}

/** Runs checks every `interval` seconds from `from`, returning the last decision. */
function checksEvery(state: RolloutState, interval: number, from: number, to: number, check = PASS): Decision {
  let d: Decision = { state, actions: [] };
  for (let t = from; t <= to; t += interval) {
    d = afterCheck(d.state, check, at(t));
    if (d.actions.length) return { ...d, note: `${d.note ?? ''} @${t}` };
  }
  return d;
}

describe('rollout state machine', () => {
  it('advances to the next weight only after the whole hold, every check passing', () => {
    const s = runningState();
    const early = afterCheck(s, PASS, at(540));
    assert.deepEqual(early.actions, [], 'nine minutes into a ten-minute hold: stay');
    assert.equal(phaseTimeLeft(early.state, at(540)), 60);
    const d = afterCheck(early.state, PASS, at(600));
    assert.deepEqual(d.actions, [{ kind: 'setWeight', weight: 20 }]);
    assert.equal(d.state.phase, 1);
    assert.equal(d.state.weight, 20);
    assert.equal(d.state.phaseStartedAt, new Date(at(600)).toISOString());
    assert.equal(phaseTimeLeft(d.state, at(600)), 900);
    assert.match(d.note ?? '', /advanced to phase 2 \(20 %\)/);
  });

  it('promotes after the last phase, and never before', () => {
    let s = runningState();
    const weights: number[] = [];
    let t = 0;
    for (let guard = 0; guard < 200 && s.status === 'running'; guard++) {
      t += 60;
      const d = afterCheck(s, PASS, at(t));
      for (const a of d.actions) if (a.kind === 'setWeight') weights.push(a.weight);
      if (d.actions.some((a) => a.kind === 'promote')) assert.equal(d.state.status, 'promoting');
      s = d.state;
    }
    assert.deepEqual(weights, [20, 40, 60, 80]);
    assert.equal(s.status, 'promoting');
    assert.equal(t, 600 + 900 + 300 * 3, 'exactly the plan\'s 40 minutes at one check a minute');
    assert.match(s.reason ?? '', /every phase held/);
  });

  it('rolls back at the first failing check with guide 001 (threshold 1), in words and figures', () => {
    const d = afterCheck(runningState(), FAIL, at(120));
    assert.deepEqual(d.actions, [{ kind: 'rollback' }]);
    assert.equal(d.state.status, 'rollingBack');
    assert.match(d.state.reason ?? '', /^rolled back \d\d:\d\d: canary p95-latency 142 ms ≥ 100 ms over 1m at 5 %, 1,204 requests$/);
    assert.equal(d.state.failedChecks, 1);
  });

  it('counts failed checks to the plan\'s threshold (Flagger\'s semantics) and restarts the hold on each', () => {
    const s = runningState({ plan: { ...runningState().plan, failureThreshold: 3 } });
    let d = afterCheck(s, FAIL, at(60));
    assert.deepEqual(d.actions, []);
    assert.match(d.note ?? '', /failed check 1 of 3/);
    assert.equal(d.state.passingSince, undefined);
    d = afterCheck(d.state, PASS, at(120));
    assert.equal(d.state.passingSince, new Date(at(120)).toISOString(), 'the passing run starts again at this check');
    assert.equal(d.state.failedChecks, 1, 'failures are not forgiven by a pass');
    d = afterCheck(d.state, FAIL, at(180));
    d = afterCheck(d.state, FAIL, at(240));
    assert.deepEqual(d.actions, [{ kind: 'rollback' }]);
    // The hold counts from the last non-passing check: 10 min after 120 s, not after 0.
    const again = checksEvery(afterCheck(s, FAIL, at(60)).state, 60, 120, 1200);
    assert.match(again.note ?? '', /@720$/);
  });

  it('holds on no data without advancing, resumes the count when data is back, and fails past the limit', () => {
    const s = runningState();
    let d = afterCheck(s, NO_DATA, at(540));
    assert.deepEqual(d.actions, []);
    assert.equal(d.state.inconclusiveChecks, 1);
    assert.match(d.note ?? '', /held \(1 of 10 inconclusive\): error-ratio: no data: Cannot reach Prometheus/);
    d = afterCheck(d.state, PASS, at(600));
    assert.deepEqual(d.actions, [], 'ten minutes passed, but not ten minutes of passing checks');
    assert.equal(d.state.inconclusiveChecks, 0);
    let stuck = runningState();
    let last: Decision = { state: stuck, actions: [] };
    for (let i = 1; i <= 11; i++) {
      last = afterCheck(stuck, NO_DATA, at(60 * i));
      stuck = last.state;
    }
    assert.deepEqual(last.actions, [{ kind: 'rollback' }]);
    assert.match(stuck.reason ?? '', /11 checks in a row without a usable answer at 5 % \(error-ratio: no data: Cannot reach Prometheus\)/);
  });

  it('never moves on stale knowledge: after a gap the hold starts again at the next check', () => {
    const s = runningState({ lastCheckAt: new Date(at(300)).toISOString() });
    const d = afterCheck(s, PASS, at(700));
    assert.deepEqual(d.actions, [], 'the hold would be over, but nothing was checked between 5:00 and 11:40');
    assert.match(d.note ?? '', /no check for 6m40s: the hold starts again/);
    assert.equal(d.state.passingSince, new Date(at(700)).toISOString());
    const steady = afterCheck(runningState({ lastCheckAt: new Date(at(540)).toISOString() }), PASS, at(600));
    assert.equal(steady.state.phase, 1, 'one interval since the last check is no gap');
  });

  it('says a gap and the advance together, and a paused check that passes says nothing', () => {
    // A first phase without a hold: the gap restarts a hold of nothing, so the same check advances.
    const plan = guide001();
    const noHold = runningState({ plan: { ...plan, phases: [{ ...plan.phases[0], holdSeconds: 0 }, ...plan.phases.slice(1)] }, lastCheckAt: new Date(at(300)).toISOString() });
    const d = afterCheck(noHold, PASS, at(700));
    assert.deepEqual(d.actions, [{ kind: 'setWeight', weight: 20 }]);
    assert.equal(d.note, 'no check for 6m40s: the hold starts again; advanced to phase 2 (20 %)');
    assert.equal(afterCheck(runningState({ status: 'paused' }), PASS, at(60)).note, undefined, 'nothing happened: no note');
    assert.equal(afterCheck(runningState(), PASS, at(60)).note, undefined, 'holding on: no note');
  });

  it('has no hold for a phase the plan does not have', () => {
    assert.equal(scaledHold(runningState(), 99), 0);
  });

  it('scales hold times by the time scale', () => {
    const s = runningState({ timeScale: 0.05 });
    assert.deepEqual(afterCheck(s, PASS, at(29)).actions, []);
    assert.deepEqual(afterCheck(s, PASS, at(30)).actions, [{ kind: 'setWeight', weight: 20 }]);
  });

  it('ignores checks unless running or paused', () => {
    for (const status of ['starting', 'promoting', 'promoted', 'rollingBack', 'rolledBack', 'failed'] as const) {
      const d = afterCheck(runningState({ status }), FAIL, at(60));
      assert.deepEqual(d.actions, [], status);
      assert.equal(d.state.failedChecks, 0, status);
    }
  });

  it('pauses: holds the weight, still rolls back on a failing check, advances again only after resume', () => {
    const p = decided(pause(runningState(), 'alert', 'alert HighErrorRate (critical) firing for platform-api', at(30)));
    assert.equal(p.state.status, 'paused');
    assert.deepEqual(afterCheck(p.state, PASS, at(900)).actions, [], 'paused past the hold: no advance');
    assert.deepEqual(afterCheck(p.state, FAIL, at(60)).actions, [{ kind: 'rollback' }], 'a failing gate still rolls back');
    const r = decided(resume(afterCheck(p.state, PASS, at(900)).state, at(910)));
    assert.equal(r.state.status, 'running');
    assert.equal(r.state.pause, undefined);
    assert.deepEqual(afterCheck(r.state, PASS, at(960)).actions, [{ kind: 'setWeight', weight: 20 }]);
    assert.match(refusal(resume(runningState(), at(1))), /only a paused rollout resumes/);
    assert.match(refusal(pause(runningState({ status: 'rolledBack' }), 'user', 'x', at(1))), /rolled back rollout cannot be paused/);
  });

  it('lets a person drive the weight: set pauses at it, resume returns to the phase weight and restarts its hold', () => {
    const w = decided(setWeight(runningState(), 30, 'alice', at(100)));
    assert.deepEqual(w.actions, [{ kind: 'setWeight', weight: 30 }]);
    assert.equal(w.state.status, 'paused');
    assert.equal(w.state.weight, 30);
    assert.match(w.state.pause?.reason ?? '', /weight set to 30 % by alice/);
    const r = decided(resume(w.state, at(200)));
    assert.deepEqual(r.actions, [{ kind: 'setWeight', weight: 5 }]);
    assert.equal(r.state.phaseStartedAt, new Date(at(200)).toISOString());
    for (const bad of [-1, 101, 2.5, Number.NaN]) assert.match(refusal(setWeight(runningState(), bad, 'a', at(1))), /whole percent from 0 to 100/);
    assert.match(refusal(setWeight(runningState({ status: 'starting' }), 10, 'a', at(1))), /cannot be set/);
  });

  it('promotes now from running or paused, refuses before the canary is ready or after the end', () => {
    const d = decided(promoteNow(runningState({ phase: 1, weight: 20 }), 'bob', at(100)));
    assert.deepEqual(d.actions, [{ kind: 'promote' }]);
    assert.match(d.state.reason ?? '', /promoted early by bob \d\d:\d\d at phase 2\/5 \(20 %\)/);
    assert.equal(decided(promoteNow(runningState({ status: 'paused' }), 'b', at(1))).state.status, 'promoting');
    assert.match(refusal(promoteNow(runningState({ status: 'starting' }), 'b', at(1))), /not ready/);
    for (const status of ['promoting', 'promoted', 'rollingBack', 'rolledBack', 'failed'] as const) assert.ok('refused' in promoteNow(runningState({ status }), 'b', at(1)), status);
  });

  it('aborts into a rollback with who and where; refuses once promotion started or it ended', () => {
    const d = decided(abort(runningState({ phase: 1, weight: 20 }), 'carol', at(100)));
    assert.deepEqual(d.actions, [{ kind: 'rollback' }]);
    assert.match(d.state.reason ?? '', /aborted by carol at phase 2\/5 \(20 %\)/);
    assert.deepEqual(decided(abort(runningState({ status: 'starting' }), 'c', at(1))).actions, [{ kind: 'rollback' }]);
    const redone = decided(abort(runningState({ status: 'rollingBack', reason: 'rolled back 10:00:30: error-ratio 2 % ≥ 0.1 %' }), 'c', at(1)));
    assert.deepEqual(redone.actions, [{ kind: 'rollback' }], 'a rollback cut short is redone');
    assert.equal(redone.state.reason, 'rolled back 10:00:30: error-ratio 2 % ≥ 0.1 %', 'the reason it was rolled back for stays: an abort does not rename it');
    assert.match(refusal(abort(runningState({ status: 'promoting' }), 'c', at(1))), /promotion has started/);
    for (const status of ['promoted', 'rolledBack', 'failed'] as const) assert.match(refusal(abort(runningState({ status }), 'c', at(1))), /already/);
  });

  it('starts traffic at the first phase once the canary is ready, and only from starting', () => {
    const d = started(runningState({ status: 'starting', weight: 0, passingSince: undefined }), at(30));
    assert.deepEqual(d.actions, [{ kind: 'setWeight', weight: 5 }]);
    assert.equal(d.state.status, 'running');
    assert.equal(d.state.phaseStartedAt, new Date(at(30)).toISOString());
    assert.deepEqual(started(runningState(), at(30)).actions, []);
  });

  it('makes no check until a whole window of the canary\'s own traffic exists', () => {
    const s = started(runningState({ status: 'starting', weight: 0 }), at(0)).state;
    assert.equal(s.servingSince, new Date(at(0)).toISOString());
    assert.equal(windowFillsIn(s, at(0)), 60);
    assert.equal(windowFillsIn(s, at(45)), 15);
    assert.equal(windowFillsIn(s, at(60)), 0);
    assert.equal(windowFillsIn({ ...s, timeScale: 0.02 }, at(2)), 1, 'scaled windows never below 3 s');
    assert.equal(windowFillsIn(runningState({ servingSince: undefined }), at(0)), 0);
  });

  it('ends: weight 0 and the end time; failures keep their reason', () => {
    const f = finished(runningState({ status: 'rollingBack' }), 'rolledBack', at(5));
    assert.deepEqual([f.status, f.weight, f.endedAt], ['rolledBack', 0, new Date(at(5)).toISOString()]);
    const x = failed(runningState({ status: 'promoting' }), 'primary rollout stalled', at(9));
    assert.deepEqual([x.status, x.reason], ['failed', 'primary rollout stalled']);
  });

  it('keeps each check as a table row with what was done', () => {
    const r = checkRecord(runningState(), FAIL, T0, 'rolling back');
    assert.deepEqual([r.phase, r.weight, r.kind, r.requests, r.action, r.gates.length, r.gates[1].kind], [0, 5, 'fail', 1204, 'rolling back', 2, 'fail']);
  });
  it('calls a gap of exactly two intervals no gap, and one second more a gap, at any time scale', () => {
    const iso = (t: number) => new Date(at(t)).toISOString();
    const twoIntervals = afterCheck(runningState({ lastCheckAt: iso(480) }), PASS, at(600));
    assert.deepEqual(twoIntervals.actions, [{ kind: 'setWeight', weight: 20 }], '2 min since the last check at a 1 min interval');
    const longer = afterCheck(runningState({ lastCheckAt: iso(479) }), PASS, at(600));
    assert.deepEqual(longer.actions, []);
    assert.equal(longer.note, 'no check for 2m1s: the hold starts again');
    const scaled = runningState({ timeScale: 0.05, lastCheckAt: iso(23) });
    assert.equal(afterCheck(scaled, PASS, at(30)).state.phase, 0, 'a 7 s gap is more than two 3 s intervals');
    assert.equal(afterCheck({ ...scaled, lastCheckAt: iso(24) }, PASS, at(30)).state.phase, 1);
    const afterFailure = afterCheck(runningState({ plan: { ...runningState().plan, failureThreshold: 3 }, passingSince: undefined, lastCheckAt: iso(0) }), FAIL, at(600));
    assert.doesNotMatch(afterFailure.note ?? '', /hold starts again/, 'no hold was running to start again');
  });

  it('keeps the last check and its time, and says every step of a check in its note', () => {
    const plan = { ...runningState().plan, failureThreshold: 3 };
    const d = afterCheck(runningState({ plan, lastCheckAt: new Date(at(0)).toISOString() }), FAIL, at(300));
    assert.equal(d.note, 'no check for 5m: the hold starts again; failed check 1 of 3: canary p95-latency 142 ms ≥ 100 ms over 1m at 5 %, 1,204 requests');
    assert.deepEqual([d.state.lastCheck, d.state.lastCheckAt, d.state.updatedAt], ['fail', new Date(at(300)).toISOString(), new Date(at(300)).toISOString()]);
    const held = afterCheck(runningState({ lastCheckAt: new Date(at(0)).toISOString() }), NO_DATA, at(300));
    assert.equal(held.note, 'no check for 5m: the hold starts again; held (1 of 10 inconclusive): error-ratio: no data: Cannot reach Prometheus');
    assert.equal(held.state.lastCheck, 'inconclusive');
    const nothing: CheckResult = { kind: 'inconclusive', verdicts: [] };
    assert.equal(afterCheck(runningState(), nothing, at(60)).note, 'held (1 of 10 inconclusive): no gates answered');
    const quiet = afterCheck(runningState(), PASS, at(60));
    assert.deepEqual([quiet.actions, quiet.note, quiet.state.lastCheck], [[], undefined, 'pass']);
    const restarted = afterCheck(runningState({ lastCheckAt: new Date(at(0)).toISOString() }), PASS, at(300));
    assert.equal(restarted.note, 'no check for 5m: the hold starts again');
  });

  it('starts the inconclusive count over after a failed check, and the failure count is never forgiven', () => {
    const plan = { ...runningState().plan, failureThreshold: 3 };
    let d = afterCheck(runningState({ plan }), NO_DATA, at(60));
    d = afterCheck(d.state, NO_DATA, at(120));
    assert.equal(d.state.inconclusiveChecks, 2);
    d = afterCheck(d.state, FAIL, at(180));
    assert.equal(d.state.inconclusiveChecks, 0);
    d = afterCheck(d.state, NO_DATA, at(240));
    assert.match(d.note ?? '', /^held \(1 of 10 inconclusive\)/);
    assert.equal(d.state.failedChecks, 1);
  });

  it('rolls back with the traffic on hold: no passing run survives a rollback', () => {
    const d = afterCheck(runningState(), FAIL, at(120));
    assert.deepEqual([d.state.passingSince, d.note, d.state.updatedAt], [undefined, 'rolling back', new Date(at(120)).toISOString()]);
    const a = decided(abort(runningState({ status: 'paused' }), 'carol', at(100)));
    assert.deepEqual([a.state.status, a.state.passingSince, a.actions], ['rollingBack', undefined, [{ kind: 'rollback' }]]);
    assert.equal(phaseTimeLeft(a.state, at(100)), 600, 'no passing run: the whole hold is left');
  });

  it('says how much hold is left, never less than none', () => {
    assert.equal(phaseTimeLeft(runningState(), at(0)), 600);
    assert.equal(phaseTimeLeft(runningState(), at(599)), 1);
    assert.equal(phaseTimeLeft(runningState({ status: 'paused' }), at(900)), 0, 'paused past the hold');
    assert.equal(phaseTimeLeft(runningState({ passingSince: undefined }), at(300)), 600);
    assert.equal(phaseTimeLeft(runningState({ timeScale: 0.05 }), at(10)), 20);
  });

  it('pauses once per who: the same pauser again changes nothing, another takes the pause over', () => {
    const p = decided(pause(runningState(), 'user', 'looking at the dashboards', at(30)));
    assert.deepEqual([p.note, p.state.pause, p.state.updatedAt, p.actions], ['paused: looking at the dashboards', { by: 'user', reason: 'looking at the dashboards', at: new Date(at(30)).toISOString() }, new Date(at(30)).toISOString(), []]);
    const again = decided(pause(p.state, 'user', 'again', at(40)));
    assert.equal(again.state, p.state, 'pausing a paused rollout again changes nothing');
    const alert = decided(pause(p.state, 'alert', 'HighErrorRate firing', at(50)));
    assert.deepEqual([alert.state.status, alert.state.pause], ['paused', { by: 'alert', reason: 'HighErrorRate firing', at: new Date(at(50)).toISOString() }]);
    assert.equal(decided(pause(runningState({ status: 'starting' }), 'alert', 'x', at(1))).state.status, 'paused', 'an alert may hold a canary that is still starting');
    assert.equal(refusal(pause(runningState({ status: 'rollingBack' }), 'user', 'x', at(1))), 'a rolling back rollout cannot be paused');
  });

  it('resumes at the same weight without touching traffic or the hold', () => {
    const p = decided(pause(runningState(), 'user', 'x', at(30))).state;
    const r = decided(resume(p, at(60)));
    assert.deepEqual([r.actions, r.note, r.state.passingSince, r.state.phaseStartedAt, r.state.updatedAt], [[], 'resumed', p.passingSince, p.phaseStartedAt, new Date(at(60)).toISOString()]);
    const w = decided(resume(decided(setWeight(runningState(), 30, 'alice', at(100))).state, at(200)));
    assert.deepEqual([w.note, w.state.weight, w.state.passingSince, w.state.status], ['resumed at 5 %', 5, new Date(at(200)).toISOString(), 'running']);
    assert.equal(refusal(resume(runningState({ status: 'rollingBack' }), at(1))), 'only a paused rollout resumes (this one is rolling back)');
  });

  it('takes any whole weight from 0 to 100 by hand, running or paused, and forgets the passing run', () => {
    for (const weight of [0, 100]) assert.equal(decided(setWeight(runningState(), weight, 'a', at(1))).state.weight, weight);
    const paused = decided(pause(runningState(), 'alert', 'x', at(1))).state;
    const w = decided(setWeight(paused, 50, 'bob', at(60)));
    assert.deepEqual([w.state.status, w.state.passingSince, w.note, w.state.pause], ['paused', undefined, 'weight set to 50 % by bob', { by: 'user', reason: 'weight set to 50 % by bob', at: new Date(at(60)).toISOString() }]);
    assert.equal(refusal(setWeight(runningState(), 101, 'a', at(1))), 'a weight is a whole percent from 0 to 100, not 101');
    assert.equal(refusal(setWeight(runningState({ status: 'rolledBack' }), 10, 'a', at(1))), 'the weight of a rolled back rollout cannot be set');
  });

  it('promotes early with who, where and when, clearing a pause', () => {
    const paused = decided(pause(runningState({ phase: 1, weight: 20 }), 'user', 'x', at(1))).state;
    const d = decided(promoteNow(paused, 'bob', at(100)));
    assert.deepEqual([d.state.pause, d.note, d.state.updatedAt], [undefined, d.state.reason, new Date(at(100)).toISOString()]);
    assert.equal(refusal(promoteNow(runningState({ status: 'rolledBack' }), 'b', at(1))), 'a rolled back rollout cannot be promoted');
    assert.equal(refusal(promoteNow(runningState({ status: 'starting' }), 'b', at(1))), 'the canary is not ready yet: nothing has been tried to promote');
    assert.equal(refusal(abort(runningState({ status: 'failed' }), 'c', at(1))), 'the rollout is already failed');
  });

  it('names every status in words', () => {
    assert.deepEqual((['starting', 'running', 'paused', 'promoting', 'promoted', 'rollingBack', 'rolledBack', 'failed'] as const).map(describeStatus), ['starting', 'running', 'paused', 'promoting', 'promoted', 'rolling back', 'rolled back', 'failed']);
  });

  it('starts serving with the first phase\'s passing run, and ends with the pause cleared', () => {
    const d = started(runningState({ status: 'starting', weight: 0, passingSince: undefined, servingSince: undefined }), at(30));
    const t = new Date(at(30)).toISOString();
    assert.deepEqual([d.note, d.state.phase, d.state.weight, d.state.servingSince, d.state.passingSince, d.state.updatedAt], ['canary ready: 5 %', 0, 5, t, t, t]);
    const f = finished(decided(pause(runningState(), 'user', 'x', at(1))).state, 'promoted', at(5));
    assert.deepEqual([f.status, f.pause, f.updatedAt], ['promoted', undefined, new Date(at(5)).toISOString()]);
    const x = failed(runningState(), 'stalled', at(9));
    assert.deepEqual([x.endedAt, x.updatedAt], [new Date(at(9)).toISOString(), new Date(at(9)).toISOString()]);
  });

  it('keeps in a check\'s row the values, the primary\'s, and nothing it did not have', () => {
    const check: CheckResult = { kind: 'fail', verdicts: [{ gate: 'error-ratio', kind: 'fail', threshold: 0.001, value: 0.003, primary: 0.001, detail: 'd' }, { gate: 'p95-latency', kind: 'noData', threshold: 0.1, detail: 'no data' }] };
    const r = checkRecord(runningState(), check, T0);
    assert.deepEqual(r, {
      at: new Date(T0).toISOString(), phase: 0, weight: 5, kind: 'fail',
      gates: [{ gate: 'error-ratio', kind: 'fail', threshold: 0.001, detail: 'd', value: 0.003, primary: 0.001 }, { gate: 'p95-latency', kind: 'noData', threshold: 0.1, detail: 'no data' }],
    });
  });
  it('names the first gate without a usable answer, not the first gate, when a check is held', () => {
    const mixed: CheckResult = { kind: 'inconclusive', verdicts: [{ gate: 'error-ratio', kind: 'pass', threshold: 0.001, detail: '0 % < 0.1 %' }, { gate: 'p95-latency', kind: 'tooFewRequests', threshold: 0.1, detail: 'too few requests (42 < 500)' }] };
    assert.equal(afterCheck(runningState(), mixed, at(60)).note, 'held (1 of 10 inconclusive): p95-latency: too few requests (42 < 500)');
  });

  it('says it is promoting when the last phase has held, and a pause without a record is taken over', () => {
    const last = runningState({ phase: 4, weight: 80, passingSince: new Date(at(0)).toISOString() });
    const d = afterCheck(last, PASS, at(300));
    assert.deepEqual([d.note, d.actions, d.state.status], ['promoting', [{ kind: 'promote' }], 'promoting']);
    const bare = decided(pause(runningState({ status: 'paused', pause: undefined }), 'alert', 'HighErrorRate firing', at(5)));
    assert.deepEqual(bare.state.pause, { by: 'alert', reason: 'HighErrorRate firing', at: new Date(at(5)).toISOString() });
  });
});
