// The lease: one cockpit drives a rollout; a lease not renewed in time may be taken over; damaged leases do not block forever.
import assert from 'node:assert/strict';
import { claimLease, parseLease, viewLease, type Lease } from '../../../../src/domain/rollouts/lease';

const T = Date.parse('2026-12-03T10:00:00Z');
const lease = (holder: string, renewedSecondsAgo: number, duration = 30): Lease => ({ holder, acquiredAt: new Date(T - 3600_000).toISOString(), renewedAt: new Date(T - renewedSecondsAgo * 1000).toISOString(), durationSeconds: duration });

describe('rollout lease', () => {
  it('takes a free lease and renews its own, keeping when it was acquired', () => {
    const mine = claimLease(undefined, 'me', T, 30);
    assert.deepEqual(mine, { holder: 'me', acquiredAt: new Date(T).toISOString(), renewedAt: new Date(T).toISOString(), durationSeconds: 30 });
    const renewed = claimLease(lease('me', 25), 'me', T, 30);
    assert.equal(renewed?.renewedAt, new Date(T).toISOString());
    assert.equal(renewed?.acquiredAt, new Date(T - 3600_000).toISOString());
  });

  it('never takes a live lease of another holder, even a moment before it expires', () => {
    for (const ago of [0, 1, 15, 29.9]) {
      assert.equal(claimLease(lease('other', ago), 'me', T, 30), undefined, `renewed ${ago}s ago`);
      assert.equal(viewLease(lease('other', ago), 'me', T).kind, 'held');
    }
    const v = viewLease(lease('other', 10), 'me', T);
    assert.equal(v.kind === 'held' && Math.round(v.expiresInSeconds), 20);
    assert.equal(claimLease(lease('other', 10, 3600), 'me', T, 30), undefined, 'its own duration counts, not mine');
  });

  it('takes over an expired lease', () => {
    for (const ago of [30, 31, 3600]) {
      assert.equal(viewLease(lease('other', ago), 'me', T).kind, 'expired');
      assert.equal(claimLease(lease('other', ago), 'me', T, 30)?.holder, 'me');
    }
  });

  it('treats a lease with an unreadable renew time as held for its duration', () => {
    const bad = { ...lease('other', 0), renewedAt: 'yesterday' };
    assert.equal(viewLease(bad, 'me', T).kind, 'held');
    assert.equal(claimLease(bad, 'me', T, 30), undefined);
  });

  it('reads only well-formed leases; anything else is no lease', () => {
    assert.deepEqual(parseLease(JSON.stringify(lease('a', 0))), lease('a', 0));
    for (const text of [undefined, '', 'not json', '{}', '[]', JSON.stringify({ ...lease('a', 0), holder: '' }), JSON.stringify({ ...lease('a', 0), durationSeconds: 0 }), JSON.stringify({ ...lease('a', 0), durationSeconds: '30' }), JSON.stringify({ ...lease('a', 0), renewedAt: 5 })]) {
      assert.equal(parseLease(text), undefined, String(text));
    }
  });
  it('starts a taken-over lease afresh under its new holder, and renews its own with the duration asked for', () => {
    const taken = claimLease(lease('other', 60), 'me', T, 45);
    assert.deepEqual(taken, { holder: 'me', acquiredAt: new Date(T).toISOString(), renewedAt: new Date(T).toISOString(), durationSeconds: 45 });
    assert.equal(claimLease(lease('me', 5, 30), 'me', T, 90)?.durationSeconds, 90);
    assert.deepEqual(viewLease(lease('me', 3600), 'me', T), { kind: 'mine', lease: lease('me', 3600) }, 'its own lease, even expired, is its own');
    const bad = { ...lease('other', 0, 120), renewedAt: 'yesterday' };
    assert.deepEqual(viewLease(bad, 'me', T), { kind: 'held', lease: bad, expiresInSeconds: 120 });
  });

  it('reads a lease without its extra fields, and refuses one missing when it was acquired or who holds it', () => {
    assert.deepEqual(parseLease(JSON.stringify({ ...lease('a', 0), note: 'x' })), lease('a', 0));
    for (const text of ['null', JSON.stringify({ ...lease('a', 0), acquiredAt: 1 }), JSON.stringify({ ...lease('a', 0), holder: 7 }), JSON.stringify({ ...lease('a', 0), durationSeconds: -5 })]) {
      assert.equal(parseLease(text), undefined, text);
    }
  });
});
