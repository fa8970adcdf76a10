// SLO arithmetic, as the Google SRE workbook defines it: the error budget is 1 − target; the SLI is good / valid
// events; the budget consumed is the bad share over the budget; a burn rate is the bad share over a window divided
// by the budget (1× spends exactly the budget in the SLO window). Multi-window alerts: page when both the 1 h and 5 m
// burn rates exceed 14.4 (2 % of a 30-day budget in an hour), ticket when both 6 h and 30 m exceed 6 (5 % in 6 h).

export const PAGE_BURN_RATE = 14.4;
export const TICKET_BURN_RATE = 6;

/** The windows of the two alerts: long and short, in seconds. */
export const BURN_WINDOWS = {
  page: { long: 3600, short: 300, level: PAGE_BURN_RATE },
  ticket: { long: 6 * 3600, short: 1800, level: TICKET_BURN_RATE },
} as const;

/** 1 − target, the share of events allowed to be bad (target in percent, e.g. 99.9 → 0.001). */
export function errorBudget(targetPercent: number): number {
  return Math.max(0, 1 - targetPercent / 100);
}

/** The SLI as a ratio (0–1) from good and total events; undefined without events (no traffic is not 100 %). */
export function sli(good: number, total: number): number | undefined {
  if (!(total > 0) || !Number.isFinite(good)) return undefined;
  return Math.min(1, Math.max(0, good / total));
}

/** Burn rate: the bad share over the budget (bad share 0.5 % against a 99.9 % target burns at 5×). */
export function burnRate(badRatio: number | undefined, targetPercent: number): number | undefined {
  const budget = errorBudget(targetPercent);
  if (badRatio === undefined || !Number.isFinite(badRatio)) return undefined;
  if (budget === 0) return badRatio > 0 ? Number.POSITIVE_INFINITY : 0;
  return badRatio / budget;
}

/** The budget left (1 = untouched, 0 = spent, negative = overspent) for an SLI over the SLO window. */
export function budgetRemaining(sliRatio: number | undefined, targetPercent: number): number | undefined {
  const burn = burnRate(sliRatio === undefined ? undefined : 1 - sliRatio, targetPercent);
  return burn === undefined ? undefined : 1 - burn;
}

/** The budget as time: how long the service may be fully down in the window (43.2 min a 30 days at 99.9 %). */
export function budgetSeconds(targetPercent: number, windowSeconds: number): number {
  return errorBudget(targetPercent) * windowSeconds;
}

/** At `burn`×, how long until `remaining` (a share of the budget) is gone; undefined when it is not being spent. */
export function timeToExhaustion(remaining: number | undefined, burn: number | undefined, windowSeconds: number): number | undefined {
  if (remaining === undefined || burn === undefined || !(burn > 0)) return undefined;
  if (remaining <= 0) return 0;
  return (remaining * windowSeconds) / burn;
}

export type BurnAlert = 'page' | 'ticket' | 'ok' | 'unknown';

/**
 * Which multi-window alert fires: both windows of a pair must exceed its level (the short window stops the alert
 * soon after the burning stops). Unknown when a long window has no data: no traffic is not "ok".
 */
export function burnAlert(rates: { h1?: number; m5?: number; h6?: number; m30?: number }): BurnAlert {
  const over = (v: number | undefined, level: number) => v !== undefined && v > level;
  if (over(rates.h1, PAGE_BURN_RATE) && over(rates.m5, PAGE_BURN_RATE)) return 'page';
  if (over(rates.h6, TICKET_BURN_RATE) && over(rates.m30, TICKET_BURN_RATE)) return 'ticket';
  if (rates.h1 === undefined || rates.h6 === undefined || rates.m5 === undefined || rates.m30 === undefined) return 'unknown';
  return 'ok';
}

/**
 * The share of requests at or under `threshold` seconds from cumulative histogram buckets (le → count), by linear
 * interpolation inside the bucket holding the threshold, as histogram_quantile interpolates the other way.
 */
export function shareUnder(buckets: ReadonlyArray<{ le: number; count: number }>, threshold: number): number | undefined {
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const total = sorted.find((b) => b.le === Number.POSITIVE_INFINITY)?.count ?? sorted[sorted.length - 1]?.count;
  if (!total || !(total > 0)) return undefined;
  let lower = { le: 0, count: 0 };
  for (const b of sorted) {
    if (b.le >= threshold) {
      if (b.le === Number.POSITIVE_INFINITY) return lower.count / total;
      const f = b.le === lower.le ? 1 : (threshold - lower.le) / (b.le - lower.le);
      return (lower.count + (b.count - lower.count) * f) / total;
    }
    lower = b;
  }
  return lower.count / total;
}
