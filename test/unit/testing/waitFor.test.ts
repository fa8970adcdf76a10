// The shared wait helper every tier relies on: it must return what it waited for, retry past a throwing
// probe, and fail with a message that names what never happened (and why, when the probe said so).
import assert from 'node:assert/strict';
import { eventually, waitFor, WaitTimeoutError } from '../../shared/waitFor';

describe('waitFor (the shared wait helper)', () => {
  it('resolves with the first value that is not undefined, null or false', async () => {
    const answers: unknown[] = [undefined, null, false, 0];
    let calls = 0;
    const got = await waitFor('a value', () => answers[calls++]);
    assert.equal(got, 0, '0 is a value, not "not yet"');
    assert.equal(calls, 4);
  });

  it('treats a probe that throws as "not yet" and keeps asking', async () => {
    let calls = 0;
    const got = await waitFor('the third answer', () => {
      calls++;
      if (calls < 3) return Promise.reject(new Error('connection refused'));
      return Promise.resolve('up');
    });
    assert.equal(got, 'up');
    assert.equal(calls, 3);
  });

  it('fails at the deadline naming what it waited for and the probe’s last error', async () => {
    const err = await waitFor('the server to answer', () => Promise.reject(new Error('ECONNREFUSED 127.0.0.1:1')), { timeoutMs: 50 }).then(
      () => assert.fail('resolved'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof WaitTimeoutError);
    assert.match(err.message, /^timed out after 0\.05 s waiting for the server to answer: ECONNREFUSED 127\.0\.0\.1:1$/);
  });

  it('does not blame an old error once the probe answered "not yet" without one', async () => {
    let calls = 0;
    const err = await waitFor('the flag', () => (calls++ === 0 ? Promise.reject(new Error('early')) : undefined), { timeoutMs: 50 }).catch((e: unknown) => e);
    assert.ok(err instanceof WaitTimeoutError);
    assert.equal(err.message, 'timed out after 0.05 s waiting for the flag');
  });

  it('eventually() waits until an assertion holds and reports the assertion when it never does', async () => {
    let n = 0;
    await eventually('n to reach 3', () => assert.equal(++n, 3));
    assert.equal(n, 3);
    const err = await eventually('n to be 99', () => assert.equal(n, 99), 30).catch((e: unknown) => e);
    assert.ok(err instanceof WaitTimeoutError);
    assert.match(err.message, /waiting for n to be 99: Expected values to be strictly equal:[\s\S]*3 !== 99/);
  });
});
