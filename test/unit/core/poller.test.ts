import assert from 'node:assert/strict';
import { Poller } from '../../../src/core/poller';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
    await tick(0);
    release();
    await Promise.all(again);
    assert.equal(fetches, 2);
    p.dispose();
  });

  it('polls at the interval only while one is set, and stops on 0', async () => {
    let fetches = 0;
    const p = new Poller(() => Promise.resolve(void fetches++));
    await tick(30);
    assert.equal(fetches, 0, 'nothing before an interval is set');
    p.setInterval(10);
    await tick(55);
    const whilePolling = fetches;
    assert.ok(whilePolling >= 3, `polled ${whilePolling} times in 55 ms at 10 ms`);
    p.setInterval(0);
    await tick(40);
    assert.ok(fetches <= whilePolling + 1, 'stopped (at most the fetch in flight finished)');
    p.dispose();
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
