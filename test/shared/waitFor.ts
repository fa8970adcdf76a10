// The one way a test waits: poll a condition until it holds, or fail naming what never happened.
// Every tier uses it (unit, integration, extension host, UI), so it imports nothing but Node.
// A test never sleeps a fixed time to let something happen: it waits for what it needs to see, so a
// slow, contended machine only makes it wait longer, and a wrong result still fails at the deadline.

export interface WaitOptions {
  /** Give up after this long. Generous by default: a deadline only decides a test that would fail anyway. */
  timeoutMs?: number;
  /** The longest pause between two probes (pauses start at 10 ms and double up to this). */
  intervalMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_INTERVAL_MS = 50;
const FIRST_INTERVAL_MS = 10;

/** What a probe returns while the condition does not hold yet. */
type NotYet = undefined | null | false;

/**
 * Calls `probe` until it returns something other than undefined, null or false, and resolves with that.
 * A probe that throws counts as "not yet"; if the deadline passes, the error says `what` was awaited and
 * repeats the probe's last error (an assertion's message and diff included).
 */
export async function waitFor<T>(what: string, probe: () => T | NotYet | Promise<T | NotYet>, options: WaitOptions | number = {}): Promise<T> {
  const { timeoutMs = DEFAULT_TIMEOUT_MS, intervalMs = DEFAULT_INTERVAL_MS } = typeof options === 'number' ? { timeoutMs: options } : options;
  const deadline = Date.now() + timeoutMs;
  // Quick to notice what is nearly there, gentle on what takes seconds (a probe may be a kubectl run or a page query).
  let pause = Math.min(FIRST_INTERVAL_MS, intervalMs);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) throw new WaitTimeoutError(what, timeoutMs, lastError);
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, intervalMs);
  }
}

/** Waits until `check` stops throwing (assertion style): `await eventually('2 ready', () => assert.equal(n, 2))`. */
export async function eventually(what: string, check: () => void | Promise<void>, options: WaitOptions | number = {}): Promise<void> {
  await waitFor(
    what,
    async () => {
      await check();
      return true;
    },
    options,
  );
}

export class WaitTimeoutError extends Error {
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
    readonly lastError: unknown,
  ) {
    const last = lastError instanceof Error ? `: ${lastError.message}` : lastError === undefined ? '' : `: ${JSON.stringify(lastError)}`;
    super(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last}`);
    this.name = 'WaitTimeoutError';
  }
}
