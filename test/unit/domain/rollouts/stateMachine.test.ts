// The rollout state machine: phases advance only after their whole hold with every check passing;
// failures count to the plan's threshold and roll back; no data holds and, past the limit, fails;
// a gap restarts the hold; people pause, resume, set weights, promote and abort.
import assert from 'node:assert/strict';
import { abort, afterCheck, checkRecord, finished, failed, pause, phaseTimeLeft, promoteNow, resume, setWeight, started, windowFillsIn, type Decision, type Refusal } from '../../../../src/domain/rollouts/stateMachine';
import type { RolloutState } from '../../../../src/domain/rollouts/rolloutState';
import { at, FAIL, NO_DATA, PASS, runningState, T0 } from './rolloutFixtures';

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
    assert.deepEqual(decided(abort(runningState({ status: 'rollingBack' }), 'c', at(1))).actions, [{ kind: 'rollback' }], 'a rollback cut short is redone');
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
});
