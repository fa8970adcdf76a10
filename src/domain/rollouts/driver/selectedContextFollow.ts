// Follows the rollouts of the cockpit's selected context, and only that one: switching through a fleet of contexts
// must not leave a watch open on each context passed on the way. A context keeps being followed after the user
// moves on only while rollouts are in flight there (the driver goes on driving them wherever the user looks).
import type { Disposable } from '../../../core/disposable';
import type { RolloutDriver } from './rolloutDriver';

export type FollowDriver = Pick<RolloutDriver, 'watchContext' | 'snapshots'>;

export class SelectedContextFollow implements Disposable {
  private selected: { context: string; watch: Disposable } | undefined;
  /** Contexts left behind with rollouts in flight: released once they have none. */
  private readonly kept = new Map<string, Disposable>();

  constructor(
    private readonly driver: FollowDriver,
    private readonly warn: (message: string) => void,
  ) {}

  /** The context selected now (undefined: none). */
  select(context: string | undefined): void {
    if (this.selected?.context === context) return;
    const previous = this.selected;
    this.selected = undefined;
    if (context) {
      const kept = this.kept.get(context);
      this.kept.delete(context);
      const w = kept ?? this.driver.watchContext(context);
      if ('message' in w) this.warn(`rollouts: cannot follow ${context}: ${w.message}`);
      else this.selected = { context, watch: w };
    }
    if (previous) {
      if (this.hasRollouts(previous.context)) this.kept.set(previous.context, previous.watch);
      else previous.watch.dispose();
    }
    // Contexts kept earlier whose rollouts have ended meanwhile are let go now.
    for (const [c, w] of this.kept) {
      if (this.hasRollouts(c)) continue;
      w.dispose();
      this.kept.delete(c);
    }
  }

  /** Contexts followed by this (the selected one first). */
  get followed(): string[] {
    return [...(this.selected ? [this.selected.context] : []), ...this.kept.keys()];
  }

  dispose(): void {
    this.selected?.watch.dispose();
    this.selected = undefined;
    for (const w of this.kept.values()) w.dispose();
    this.kept.clear();
  }

  private hasRollouts(context: string): boolean {
    return this.driver.snapshots().some((s) => s.context === context && !s.gone);
  }
}
