import assert from 'node:assert/strict';
import { Poller } from '../../../src/core/poller';
import { mock } from 'node:test';

/** Lets every promise callback queued so far run (one turn of the event loop; not a wait for time). */
const settle = () => new Promise((r) => setImmediate(r));

describe('Poller', () => {
  it('coalesces refreshes during a fetch into exactly one more fetch', async () => {
    let fetches = 0;
    let release: () => void = () => undefined;
    const p = new Poller(async () => {
      fetches++;
      await new Promise<void>((r) => (release = r));
    });
    const first = p.refresh();
    const again = [p.refresh(), p.refresh(), p.refresh()];
    assert.equal(again[0], again[2], 'the same promise for every caller while one runs');
    release();
    await first;
    await settle();
    release();
    await Promise.all(again);
    assert.equal(fetches, 2);
    p.dispose();
  });

  it('polls at the interval only while one is set, and stops on 0', async () => {
    // A mocked clock: exactly one fetch per interval, none after stopping, whatever the machine's load.
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      let fetches = 0;
      const p = new Poller(() => Promise.resolve(void fetches++));
      mock.timers.tick(1000);
      await settle();
      assert.equal(fetches, 0, 'nothing before an interval is set');
      p.setInterval(10);
      await settle();
      assert.equal(fetches, 1, 'starts at once');
      for (const want of [2, 3, 4]) {
        mock.timers.tick(9);
        await settle();
        assert.equal(fetches, want - 1, 'not before the interval');
        mock.timers.tick(1);
        await settle();
        assert.equal(fetches, want, 'one fetch per interval');
      }
      p.setInterval(0);
      mock.timers.tick(1000);
      await settle();
      assert.equal(fetches, 4, 'stopped');
      p.dispose();
    } finally {
      mock.timers.reset();
    }
  });

  it('aborts a running fetch on dispose and reports a throwing fetch instead of dying', async () => {
    let aborted = false;
    const p = new Poller((signal) => new Promise<void>((resolve) => signal.addEventListener('abort', () => ((aborted = true), resolve()))));
    void p.refresh();
    p.dispose();
    assert.ok(aborted);
    const errors: unknown[] = [];
    const q = new Poller(() => Promise.reject(new Error('bug')), (e) => errors.push(e));
    await q.refresh();
    assert.equal((errors[0] as Error).message, 'bug');
    q.dispose();
  });
});
