// Timer durations kept inside what Node can schedule: setTimeout fires at once (after 1 ms) for 0, a negative
// value, NaN or anything past 2^31-1 ms (~24.8 days), which would turn a timeout into an instant failure and an
// interval into a busy loop.

/** The longest delay setTimeout honours. */
export const MAX_TIMER_MS = 2_147_483_647;

/** `ms` as a delay Node honours: NaN → `fallback`, below `min` → `min`, past the platform's limit → the limit. */
export function clampTimerMs(ms: number, opts: { min?: number; fallback?: number } = {}): number {
  const min = opts.min ?? 1;
  if (!Number.isFinite(ms)) return ms === Infinity ? MAX_TIMER_MS : Math.max(min, opts.fallback ?? min);
  return Math.min(MAX_TIMER_MS, Math.max(min, Math.round(ms)));
}

/** Why a duration given by a person cannot be a timeout, or undefined when it can. */
export function timeoutProblem(ms: number): string | undefined {
  if (!Number.isFinite(ms) || ms <= 0) return 'must be longer than 0';
  if (ms > MAX_TIMER_MS) return `must be at most ${Math.floor(MAX_TIMER_MS / 86_400_000)} days (the longest timer the platform has)`;
  return undefined;
}
