// What the log panel's role=status region says: changes of state, never the counts of every batch.
import assert from 'node:assert/strict';
import type { TailStatusInfo } from '../../../src/shared/logTailProtocol';
import { DROP_REPEAT_MS, StatusAnnouncer } from '../../../webviews/logTail/statusAnnouncer';

const status = (s: Partial<TailStatusInfo>): TailStatusInfo => ({ state: 'live', streaming: 3, followed: 3, received: 0, skipped: 0, ...s });

describe('log panel announcements', () => {
  it('says nothing while only the line counts change: 1,000 batches, one announcement', () => {
    const a = new StatusAnnouncer();
    const said = [];
    for (let i = 0; i < 1000; i++) said.push(a.status(status({ received: i * 50 }), i * 50));
    assert.deepEqual(said.filter(Boolean), ['Live, 3 of 3 containers streaming']);
  });

  it('says starting, live, reconnecting, reconnected and stopped as they happen, each once', () => {
    const a = new StatusAnnouncer();
    const said = [
      a.status(status({ state: 'starting', streaming: 0 }), 0),
      a.status(status({ state: 'starting', streaming: 0, received: 10 }), 1),
      a.status(status({ received: 20 }), 2),
      a.status(status({ state: 'reconnecting', streaming: 2, received: 30 }), 3),
      a.status(status({ state: 'reconnecting', streaming: 2, received: 31 }), 4),
      a.status(status({ received: 40 }), 5),
      a.status(status({ state: 'stopped', streaming: 0, received: 1234 }), 6),
      a.status(status({ state: 'stopped', streaming: 0, received: 1234 }), 7),
    ];
    assert.deepEqual(said, ['Starting', undefined, 'Live, 3 of 3 containers streaming', 'Reconnecting', undefined, 'Reconnected, 3 of 3 containers streaming', 'Stopped, 1,234 lines received', undefined]);
  });

  it('says when a container stops or starts streaming while live (a pod restarted, a new pod followed)', () => {
    const a = new StatusAnnouncer();
    a.status(status({}), 0);
    assert.equal(a.status(status({ streaming: 2 }), 1), '2 of 3 containers streaming');
    assert.equal(a.status(status({ streaming: 2 }), 2), undefined);
    assert.equal(a.status(status({ streaming: 4, followed: 4 }), 3), '4 of 4 containers streaming');
    assert.equal(a.status(status({ state: 'stopped', streaming: 0, followed: 4 }), 4), 'Stopped, 0 lines received', 'no container count once stopped');
    assert.equal(a.status(status({ state: 'stopped', streaming: 0, followed: 1 }), 5), undefined);
  });

  it('says lines were dropped when it starts, then at most every 10 s however many batches drop more; stopping says the total', () => {
    const a = new StatusAnnouncer();
    a.status(status({}), 0);
    assert.equal(a.status(status({ skipped: 500 }), 100), '500 lines went by too fast to show; Save to File keeps them all');
    const quiet = Array.from({ length: 50 }, (_, i) => a.status(status({ skipped: 600 + i * 100 }), 200 + i * 100));
    assert.deepEqual(quiet.filter(Boolean), [], 'nothing more within 10 s');
    assert.equal(a.status(status({ skipped: 9000 }), 100 + DROP_REPEAT_MS), '9,000 lines went by too fast to show; Save to File keeps them all');
    assert.equal(a.status(status({ skipped: 9000 }), 100 + 3 * DROP_REPEAT_MS), undefined, 'the same total is not said again');
    assert.equal(a.status(status({ state: 'stopped', skipped: 9100 }), 101 + DROP_REPEAT_MS), 'Stopped, 0 lines received. 9,100 lines went by too fast to show; Save to File keeps them all');
  });

  it('says paused and resumed, with how many waiting lines resuming shows', () => {
    const a = new StatusAnnouncer();
    assert.equal(a.paused(true, 0), 'Paused: new lines wait until you resume');
    assert.equal(a.paused(false, 1500), 'Resumed, 1,500 waiting lines shown');
    assert.equal(a.paused(false, 0), 'Resumed');
  });
});
