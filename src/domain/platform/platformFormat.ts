// Numbers as the Experiments and Agents views print them: dollars, percentages, counts, phases.

const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function money(n: number | undefined): string {
  return n === undefined ? '—' : dollars.format(n);
}

export function percent(n: number | undefined): string {
  return n === undefined ? '—' : `${n.toFixed(1)}%`;
}

export function integer(n: number | undefined): string {
  return n === undefined ? '—' : count.format(n);
}

/** Phases that still change on their own. */
export const ACTIVE_PHASES: readonly string[] = ['pending', 'deploying', 'running', 'analyzing'];

export function isActivePhase(phase: string): boolean {
  return ACTIVE_PHASES.includes(phase.toLowerCase());
}

/** Active first (in pipeline order), then the ended ones, newest first. */
export function phaseRank(phase: string): number {
  const i = ACTIVE_PHASES.indexOf(phase.toLowerCase());
  return i >= 0 ? i : ACTIVE_PHASES.length;
}
