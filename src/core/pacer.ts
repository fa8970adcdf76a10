// Spaces out a stream of notifications: the first goes out at once, each later one at least `gapMs` after the one
// before, and those that come in between are merged into one. VS Code's trees need it: the extension host runs tree
// refreshes that come less than 200 ms apart as one, 200 ms after the last (a debounce with a leading edge), so a
// list whose pages arrive every 100 ms showed nothing until it ended. Refreshes spaced wider each show at once.
import type { Disposable } from './disposable';

export class Pacer<T> implements Disposable {
  private last = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: { value: T } | undefined;

  constructor(
    private readonly gapMs: number,
    /** Two notifications as one (e.g. "these rows" and "the whole tree" → the whole tree). */
    private readonly merge: (earlier: T, later: T) => T,
    private readonly emit: (value: T) => void,
    private readonly now: () => number = Date.now,
  ) {}

  push(value: T): void {
    this.pending = this.pending ? { value: this.merge(this.pending.value, value) } : { value };
    if (this.timer) return;
    const wait = this.last + this.gapMs - this.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
  }

  private flush(): void {
    this.timer = undefined;
    const p = this.pending;
    this.pending = undefined;
    if (!p) return;
    this.last = this.now();
    this.emit(p.value);
  }
}

/** Tree changes merged: `undefined` (the whole tree) wins; otherwise every element changed, each once. */
export function mergeTreeChanges<N>(a: N | readonly N[] | undefined, b: N | readonly N[] | undefined): N[] | undefined {
  if (a === undefined || b === undefined) return undefined;
  return [...new Set([...(Array.isArray(a) ? a : [a as N]), ...(Array.isArray(b) ? b : [b as N])])];
}
