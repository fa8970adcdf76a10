// Polls a source for services without a watch API (Alertmanager, the platform API): one fetch at a time,
// refresh requests during a fetch coalesced into one more, an interval only while someone looks.
import type { Disposable } from './disposable';
import { clampTimerMs } from './timers';

export class Poller implements Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private again: Promise<void> | undefined;
  private controller: AbortController | undefined;
  private intervalMs = 0;
  private disposed = false;

  /** `fetch` must not throw for expected failures (errors are values); a throw is reported to `onError`. */
  constructor(
    private readonly fetch: (signal: AbortSignal) => Promise<void>,
    private readonly onError: (e: unknown) => void = () => undefined,
  ) {}

  /** Polls every `ms` (0 stops the interval). Starts at once when it was stopped. */
  setInterval(ms: number): void {
    const wasStopped = this.intervalMs <= 0;
    // NaN or ≤ 0 stops it; past the timer limit it is the limit (never a busy loop).
    this.intervalMs = ms > 0 ? clampTimerMs(ms) : 0;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.intervalMs <= 0) return;
    if (wasStopped) void this.refresh();
    else if (!this.running) this.schedule();
  }

  get isPolling(): boolean {
    return this.intervalMs > 0;
  }

  /**
   * Fetches now. While a fetch runs, every call returns the same promise of one more fetch after
   * it (a burst of clicks and timer ticks costs two fetches, never N).
   */
  refresh(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (this.running) {
      this.again ??= this.running.then(() => {
        this.again = undefined;
        return this.start();
      });
      return this.again;
    }
    return this.start();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.controller?.abort();
  }

  private start(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    clearTimeout(this.timer);
    this.timer = undefined;
    this.controller = new AbortController();
    const run = this.fetch(this.controller.signal)
      .catch((e: unknown) => this.onError(e))
      .finally(() => {
        this.running = undefined;
        if (!this.again) this.schedule();
      });
    this.running = run;
    return run;
  }

  private schedule(): void {
    if (this.disposed || this.intervalMs <= 0 || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, this.intervalMs);
  }
}
