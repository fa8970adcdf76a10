// The pacer behind the trees' refreshes: the first at once, later ones spaced by the gap and merged while they
// wait (VS Code runs tree refreshes less than 200 ms apart as one, after the last: a list's pages showed only at its end).
import assert from 'node:assert/strict';
import { mergeTreeChanges, Pacer } from '../../../src/core/pacer';
import { waitFor } from '../../shared/waitFor';

describe('Pacer', () => {
  it('passes the first at once, holds the next until the gap has passed, and merges what came meanwhile', async () => {
    let now = 1_000;
    const out: string[][] = [];
    const pacer = new Pacer<string[]>(50, (a, b) => [...a, ...b], (v) => out.push(v), () => now);
    pacer.push(['a']);
    assert.deepEqual(out, [['a']], 'the first goes out at once');
    now += 10;
    pacer.push(['b']);
    pacer.push(['c']);
    assert.deepEqual(out, [['a']], 'within the gap: held');
    await waitFor('the held ones', () => (out.length > 1 ? true : undefined));
    assert.deepEqual(out, [['a'], ['b', 'c']], 'one notification for both');
    now += 1_000;
    pacer.push(['d']);
    assert.deepEqual(out[2], ['d'], 'past the gap: at once again');
    pacer.dispose();
  });

  it('sends nothing after it is disposed', async () => {
    const now = () => 0;
    const out: string[] = [];
    const pacer = new Pacer<string>(20, (x, y) => x + y, (v) => out.push(v), now);
    pacer.push('a');
    pacer.push('b'); // held for 20 ms
    pacer.dispose();
    // Timers fire in order: once this one's 40 ms have passed, the disposed one's 20 ms timer would have fired.
    const later = new Pacer<string>(40, (x, y) => x + y, (v) => out.push(v), now);
    later.push('x');
    later.push('y');
    await waitFor('the later pacer', () => (out.includes('y') ? true : undefined));
    assert.deepEqual(out, ['a', 'x', 'y']);
  });

  it('merges tree changes: the whole tree wins, elements are kept once', () => {
    assert.equal(mergeTreeChanges(['a'], undefined), undefined);
    assert.equal(mergeTreeChanges(undefined, 'b'), undefined);
    assert.deepEqual(mergeTreeChanges(['a', 'b'], 'a'), ['a', 'b']);
    assert.deepEqual(mergeTreeChanges('a', ['c']), ['a', 'c']);
  });
});
