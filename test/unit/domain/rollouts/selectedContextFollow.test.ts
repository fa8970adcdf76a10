// Which contexts' rollouts the cockpit follows as the selection moves: the selected one, plus any left behind while
// rollouts run there (until they are done), never every context switched through.
import assert from 'node:assert/strict';
import type { RolloutSnapshot } from '../../../../src/domain/rollouts/driver/rolloutRunner';
import { type FollowDriver, SelectedContextFollow } from '../../../../src/domain/rollouts/driver/selectedContextFollow';

/** A driver that records which contexts hold an open watch (ref-counted, as RolloutDriver's). */
class FakeDriver implements FollowDriver {
  readonly refs = new Map<string, number>();
  rollouts: Array<Pick<RolloutSnapshot, 'context' | 'gone'>> = [];
  invalid = new Set<string>();

  watchContext(context: string): { dispose(): void } | { message: string } {
    if (this.invalid.has(context)) return { message: `context "${context}" has no cluster` };
    this.refs.set(context, (this.refs.get(context) ?? 0) + 1);
    let disposed = false;
    return {
      dispose: () => {
        if (disposed) return;
        disposed = true;
        const n = (this.refs.get(context) ?? 0) - 1;
        if (n > 0) this.refs.set(context, n);
        else this.refs.delete(context);
      },
    };
  }

  snapshots(): RolloutSnapshot[] {
    return this.rollouts as RolloutSnapshot[];
  }

  get watched(): string[] {
    return [...this.refs.keys()].sort();
  }
}

describe('following the selected context’s rollouts', () => {
  it('watches only the selected context as the selection moves through many', () => {
    const driver = new FakeDriver();
    const f = new SelectedContextFollow(driver, () => assert.fail('no warning expected'));
    for (let i = 1; i <= 50; i++) f.select(`fleet-${i}`);
    assert.deepEqual(driver.watched, ['fleet-50']);
    f.select('fleet-50'); // the same selection fired again (settings reloaded): nothing opens twice
    assert.deepEqual([...driver.refs], [['fleet-50', 1]]);
    f.select(undefined);
    assert.deepEqual(driver.watched, []);
  });

  it('keeps following a context left with rollouts in flight until they are gone, then lets it go', () => {
    const driver = new FakeDriver();
    const f = new SelectedContextFollow(driver, () => undefined);
    f.select('prod-eu');
    driver.rollouts = [{ context: 'prod-eu' }];
    f.select('dev');
    assert.deepEqual(driver.watched, ['dev', 'prod-eu'], 'a canary being driven is not dropped because the user looks elsewhere');
    assert.deepEqual(f.followed, ['dev', 'prod-eu']);
    // Back to it: the same watch is reused, not a second one; dev (no rollouts) is let go.
    f.select('prod-eu');
    assert.deepEqual([...driver.refs], [['prod-eu', 1]]);
    f.select('dev');
    driver.rollouts = [{ context: 'prod-eu', gone: true }];
    f.select('staging');
    assert.deepEqual(driver.watched, ['staging'], 'the finished rollout’s context is let go at the next switch');
    f.dispose();
    assert.deepEqual(driver.watched, []);
  });

  it('says why it cannot follow a context (no cluster) and follows nothing for it', () => {
    const driver = new FakeDriver();
    driver.invalid.add('broken');
    const warnings: string[] = [];
    const f = new SelectedContextFollow(driver, (m) => warnings.push(m));
    f.select('ok');
    f.select('broken');
    assert.deepEqual(driver.watched, []);
    assert.deepEqual(warnings, ['rollouts: cannot follow broken: context "broken" has no cluster']);
    assert.deepEqual(f.followed, []);
  });
});
