// The page's bounded line buffer: lines and notices in arrival order, the filtered view of them, and a
// pause that freezes what is shown while new lines wait (bounded too). No DOM here.
import { type CompiledFilter, compileFilter, type FilterSpec } from '../../src/shared/logFilter';
import type { NoticeInfo, TailSourceInfo, WireLine } from '../../src/shared/logTailProtocol';

export type Entry = { kind: 'line'; source: number; text: string; ts: string; search: string } | { kind: 'notice'; level: NoticeInfo['level']; text: string; time: number };

export class LogBuffer {
  private entries: Entry[] = [];
  /** Indices into entries that pass the filter. */
  visible: number[] = [];
  private waiting: Entry[] = [];
  // Stryker disable next-line BooleanLiteral: equivalent, with nothing to include or exclude the regex and case flags match nothing
  private filter: CompiledFilter = compileFilter({ include: '', exclude: '', regex: false, caseSensitive: false });
  paused = false;
  readonly sources = new Map<number, TailSourceInfo>();
  /** Shown entries ever appended: the page counts the new lines below a reader who scrolled up by it. */
  appended = 0;
  /** Shown entries trimmed off the front since the page last asked: it moves its scroll position up by as many
   *  rows, so the line a reader is looking at stays still while old lines go. */
  private trimmedShown = 0;

  constructor(public capacity: number) {}

  get size(): number {
    return this.entries.length;
  }

  get waitingCount(): number {
    return this.waiting.length;
  }

  entry(i: number): Entry | undefined {
    return this.entries[i];
  }

  get currentFilter(): CompiledFilter {
    return this.filter;
  }

  /** Sets the filter; returns the error to show when the expression does not compile (the old filter stays). */
  setFilter(spec: FilterSpec): { field: 'include' | 'exclude'; error: string } | undefined {
    const f = compileFilter(spec);
    if (!f.ok) return { field: f.field, error: f.error };
    this.filter = f;
    this.refilter();
    // A new filter shows other lines: there is nothing to hold still.
    this.trimmedShown = 0;
    return undefined;
  }

  addLines(lines: WireLine[]): void {
    const add: Entry[] = lines.map(([source, text, ts]) => {
      const s = this.sources.get(source);
      return { kind: 'line', source, text, ts, search: `${s?.pod ?? ''}/${s?.container ?? ''} ${text}` };
    });
    this.add(add);
  }

  addNotice(n: NoticeInfo): void {
    this.add([{ kind: 'notice', level: n.level, text: n.text, time: n.time }]);
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    // Stryker disable next-line LogicalOperator,ConditionalExpression: equivalent, re-adding the waiting lines while paused (or none) changes nothing
    if (!paused && this.waiting.length) {
      const w = this.waiting;
      this.waiting = [];
      this.add(w);
    }
  }

  clear(): void {
    this.entries = [];
    this.visible = [];
    this.waiting = [];
    this.trimmedShown = 0;
  }

  /** How many shown entries were trimmed off the front since the last call. */
  takeTrimmed(): number {
    const n = this.trimmedShown;
    this.trimmedShown = 0;
    return n;
  }

  private add(items: Entry[]): void {
    if (this.paused) {
      for (const e of items) this.waiting.push(e);
      if (this.waiting.length > this.capacity * 1.25) this.waiting = this.waiting.slice(-this.capacity);
      return;
    }
    const start = this.entries.length;
    for (const e of items) this.entries.push(e);
    const before = this.visible.length;
    for (let i = start; i < this.entries.length; i++) if (this.passes(this.entries[i])) this.visible.push(i);
    this.appended += this.visible.length - before;
    // Trim in chunks so dropping old lines costs O(1) per line, not O(buffer).
    if (this.entries.length > this.capacity * 1.1) {
      const drop = this.entries.length - this.capacity;
      const shownBefore = this.visible.length;
      this.entries = this.entries.slice(drop);
      this.refilter();
      this.trimmedShown += shownBefore - this.visible.length;
    }
  }

  private passes(e: Entry): boolean {
    const f = this.filter;
    if (!f.ok || f.empty) return true;
    return e.kind === 'notice' ? true : f.test(e.search);
  }

  private refilter(): void {
    const out: number[] = [];
    for (let i = 0; i < this.entries.length; i++) if (this.passes(this.entries[i])) out.push(i);
    this.visible = out;
  }
}
