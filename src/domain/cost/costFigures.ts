// The money arithmetic of the cost panels: savings per month and per year, the reduction against guide 003's
// 70 % goal ($50,000 → $15,000 a month, $420,000 a year), per namespace.
import type { NamespaceCost } from '../../clients/platform/platformTypes';

/** Guide 003: "Phoenix Platform reduces observability costs by 70 %". */
export const COST_REDUCTION_GOAL_PERCENT = 70;

export interface CostFigures {
  beforeMonthly: number;
  afterMonthly: number;
  /** Negative when the candidate costs more. */
  savingsMonthly: number;
  savingsAnnual: number;
  /** Undefined when there was no cost before (nothing to reduce). */
  reductionPercent: number | undefined;
  goalPercent: number;
  goalMet: boolean;
  /** Percentage points still missing to the goal (0 when met). */
  shortOfGoal: number;
}

const cents = (n: number) => Math.round(n * 100) / 100;

/** Reduction in percent from before to after; undefined when before is not positive. */
export function reductionPercent(before: number, after: number): number | undefined {
  if (!(before > 0) || !Number.isFinite(after)) return undefined;
  return Math.round(((before - after) / before) * 10_000) / 100;
}

export function costFigures(beforeMonthly: number, afterMonthly: number, goalPercent = COST_REDUCTION_GOAL_PERCENT): CostFigures {
  const savingsMonthly = cents(beforeMonthly - afterMonthly);
  const reduction = reductionPercent(beforeMonthly, afterMonthly);
  const goalMet = reduction !== undefined && reduction >= goalPercent;
  return {
    beforeMonthly: cents(beforeMonthly),
    afterMonthly: cents(afterMonthly),
    savingsMonthly,
    savingsAnnual: cents(savingsMonthly * 12),
    reductionPercent: reduction,
    goalPercent,
    goalMet,
    shortOfGoal: goalMet ? 0 : reduction === undefined ? goalPercent : Math.round((goalPercent - reduction) * 100) / 100,
  };
}

export interface NamespaceFigures {
  namespace: string;
  seriesBefore?: number;
  seriesAfter?: number;
  costBefore?: number;
  costAfter?: number;
  savingsMonthly?: number;
  reductionPercent?: number;
}

/** Per namespace, biggest saving first; a namespace without both costs keeps what it has. */
export function namespaceFigures(rows: readonly NamespaceCost[]): NamespaceFigures[] {
  return rows
    .map((n) => {
      const both = n.costBeforeMonthly !== undefined && n.costAfterMonthly !== undefined;
      return {
        namespace: n.namespace,
        ...(n.cardinalityBefore !== undefined ? { seriesBefore: n.cardinalityBefore } : {}),
        ...(n.cardinalityAfter !== undefined ? { seriesAfter: n.cardinalityAfter } : {}),
        ...(n.costBeforeMonthly !== undefined ? { costBefore: n.costBeforeMonthly } : {}),
        ...(n.costAfterMonthly !== undefined ? { costAfter: n.costAfterMonthly } : {}),
        ...(both ? { savingsMonthly: cents((n.costBeforeMonthly ?? 0) - (n.costAfterMonthly ?? 0)) } : {}),
        ...(both && reductionPercent(n.costBeforeMonthly ?? 0, n.costAfterMonthly ?? 0) !== undefined ? { reductionPercent: reductionPercent(n.costBeforeMonthly ?? 0, n.costAfterMonthly ?? 0) } : {}),
      };
    })
    .sort((a, b) => (b.savingsMonthly ?? -Infinity) - (a.savingsMonthly ?? -Infinity) || a.namespace.localeCompare(b.namespace));
}

/** The sum over namespaces, when every one has both costs (else undefined: a partial sum would mislead). */
export function namespaceTotals(rows: readonly NamespaceFigures[]): CostFigures | undefined {
  if (!rows.length || rows.some((r) => r.costBefore === undefined || r.costAfter === undefined)) return undefined;
  return costFigures(
    rows.reduce((s, r) => s + (r.costBefore ?? 0), 0),
    rows.reduce((s, r) => s + (r.costAfter ?? 0), 0),
  );
}
