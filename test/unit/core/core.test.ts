import assert from 'node:assert/strict';
import { delay, TimeoutError, withTimeout } from '../../../src/core/abort';
import { Backoff } from '../../../src/core/backoff';
import { matchesAny } from '../../../src/core/glob';
import { waitFor } from '../../shared/waitFor';

describe('core', () => {
  it('Backoff grows exponentially to the cap and starts over after reset', () => {
    const b = new Backoff({ initialMs: 100, maxMs: 1000, jitter: 0 });
    assert.deepEqual([b.next(), b.next(), b.next(), b.next(), b.next()], [100, 200, 400, 800, 1000]);
    b.reset();
    assert.equal(b.next(), 100);
    const j = new Backoff({ initialMs: 1000, maxMs: 1000, jitter: 0.5, random: () => 0 });
    assert.equal(j.next(), 500, 'jitter takes up to half of the delay');
  });

  it('withTimeout aborts with a TimeoutError, and follows the parent signal', async () => {
    const t = withTimeout(20);
    await waitFor('the timeout to abort', () => t.signal.aborted);
    assert.ok(t.signal.reason instanceof TimeoutError);
    const parent = new AbortController();
    const u = withTimeout(10_000, parent.signal);
    parent.abort(new Error('user'));
    assert.equal((u.signal.reason as Error).message, 'user');
    u.dispose();
    await assert.rejects(delay(10_000, AbortSignal.abort()));
  });

  it('matches protected-context globs case-insensitively', () => {
    assert.ok(matchesAny('phoenix-prod', ['*prod*']));
    assert.ok(matchesAny('EU-PROD-1', ['*prod*']));
    assert.ok(!matchesAny('phoenix-dev', ['*prod*']));
    assert.ok(matchesAny('a.b', ['a.b']) && !matchesAny('axb', ['a.b']), 'dots are literal');
  });
});
