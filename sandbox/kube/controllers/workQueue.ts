// A deduplicating FIFO of controller work items ("kind|namespace/name"), drained off the store's event callback, plus per-item timers.
//
// Store listeners run synchronously inside the store's write; controllers only enqueue there and do
// their writes later, so every listener sees events in order and no write nests inside another.

export type WorkHandler = (key: string) => void;

export class WorkQueue {
  private readonly pending = new Set<string>();
  private readonly delayed = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private scheduled = false;
  private disposed = false;
  private readonly handlers = new Map<string, WorkHandler>();

  /** A drain stops after this many ms and yields to the event loop (the API server keeps answering). */
  constructor(private readonly sliceMs = 20) {}

  register(kind: string, handler: WorkHandler): void {
    this.handlers.set(kind, handler);
  }

  add(kind: string, key: string): void {
    if (this.disposed) return;
    this.pending.add(`${kind}|${key}`);
    this.schedule();
  }

  /** Runs the item after `ms` (keeps the earliest when asked twice). */
  addAfter(kind: string, key: string, ms: number): void {
    if (this.disposed) return;
    const item = `${kind}|${key}`;
    const at = Date.now() + Math.max(0, ms);
    const existing = this.delayed.get(item);
    if (existing && existing.at <= at) return;
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(() => {
      this.delayed.delete(item);
      this.add(kind, key);
    }, Math.max(0, ms));
    timer.unref();
    this.delayed.set(item, { at, timer });
  }

  /** Drops the item's timer only (a recheck no longer needed); work already queued stays. */
  cancelAfter(kind: string, key: string): void {
    const item = `${kind}|${key}`;
    const d = this.delayed.get(item);
    if (d) clearTimeout(d.timer);
    this.delayed.delete(item);
  }

  /** Drops a pending timer for the item (e.g. its object was deleted). */
  cancel(kind: string, key: string): void {
    const item = `${kind}|${key}`;
    const d = this.delayed.get(item);
    if (d) clearTimeout(d.timer);
    this.delayed.delete(item);
    this.pending.delete(item);
  }

  get size(): number {
    return this.pending.size;
  }

  get timers(): number {
    return this.delayed.size;
  }

  dispose(): void {
    this.disposed = true;
    for (const d of this.delayed.values()) clearTimeout(d.timer);
    this.delayed.clear();
    this.pending.clear();
  }

  private schedule(): void {
    if (this.scheduled || this.disposed) return;
    this.scheduled = true;
    setImmediate(() => this.drain());
  }

  private drain(): void {
    this.scheduled = false;
    const until = Date.now() + this.sliceMs;
    while (this.pending.size && !this.disposed) {
      const item = this.pending.values().next().value as string;
      this.pending.delete(item);
      const bar = item.indexOf('|');
      const handler = this.handlers.get(item.slice(0, bar));
      try {
        handler?.(item.slice(bar + 1));
      } catch (err) {
        // One broken object must not stop the cluster; the next event on it retries.
        console.error(`sim controller ${item} failed:`, err);
      }
      if (Date.now() >= until) break;
    }
    if (this.pending.size) this.schedule();
  }
}
