// When a drain tries a refused eviction again, and what the refusal says. kubectl drain waits 5 s between tries;
// the cockpit starts sooner (a replacement pod is often Ready within seconds) and backs off to the same 5 s, all
// bounded by the drain's timeout so a budget that never allows the eviction ends the drain with that said.

export const FIRST_RETRY_MS = 1_000;
export const MAX_RETRY_MS = 5_000;
/** phoenixOps.nodes.drainTimeoutSeconds' default: how long a drain waits on budgets before it gives up. */
export const DEFAULT_DRAIN_TIMEOUT_MS = 5 * 60_000;

/** The wait before try number `attempt + 1` (attempt 1 was the first refusal): 1 s, 2 s, 4 s, then 5 s. */
export function retryDelayMs(attempt: number): number {
  const n = Math.max(1, Math.floor(attempt));
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(n - 1, 16));
}

/** The wait before the next try, or undefined when it would end past the deadline (the drain gives up on the pod). */
export function nextRetry(attempt: number, nowMs: number, deadlineMs: number): number | undefined {
  const wait = retryDelayMs(attempt);
  return nowMs + wait > deadlineMs ? undefined : wait;
}

export interface Refusal {
  /** The budget that refused, when the server named it. */
  budget?: string;
  /** The server's words: its cause ("The disruption budget x needs 2 healthy pods and has 2 currently") or message. */
  message: string;
}

/** A 429's DisruptionBudget cause names the budget first ("The disruption budget <name> …", eviction.go). */
export function refusalOf(message: string, causes: ReadonlyArray<{ reason: string; message: string }> = []): Refusal {
  const cause = causes.find((c) => c.reason === 'DisruptionBudget') ?? causes[0];
  const text = cause?.message || message;
  const m = /^The disruption budget (\S+) /.exec(text);
  return m ? { budget: m[1], message: text } : { message: text };
}
