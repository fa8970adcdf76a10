// Show Query's notebook: the alert's PromQL expression as a runbook with a promql range cell over the last hour,
// and (when the expression ends in a threshold) the same expression without it, so the trend towards the threshold shows.
import type { AlertRuleInfo, CockpitAlert } from './alertTypes';
import { keyLabelsText } from './alertText';

export interface Threshold {
  /** The expression left of the comparison. */
  lhs: string;
  /** ">", ">=", "<", "<=", "==", "!=" (with " bool" kept if written). */
  op: string;
  rhs: string;
}

const COMPARISONS = ['>=', '<=', '==', '!=', '>', '<'];

/**
 * The top-level comparison of a PromQL expression whose right side is a number ("… > 0.05"), found by scanning
 * outside parentheses, brackets, braces and strings; undefined when there is none (or it is not a plain number).
 */
export function splitThreshold(expr: string): Threshold | undefined {
  let depth = 0;
  let quote: string | undefined;
  let found: { at: number; op: string } | undefined;
  for (let i = 0; i < expr.length; i++) {
    const c = expr.charAt(i);
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0 && c === '#') break;
    else if (depth === 0) {
      const op = COMPARISONS.find((o) => expr.startsWith(o, i));
      // "=~" and "!~" only occur inside braces; "=" alone is not PromQL outside them.
      if (op) {
        found = { at: i, op };
        i += op.length - 1;
      }
    }
  }
  if (!found) return undefined;
  let rhs = expr.slice(found.at + found.op.length).trim();
  let op = found.op;
  if (/^bool\b/.test(rhs)) {
    op = `${op} bool`;
    rhs = rhs.slice(4).trim();
  }
  if (!/^-?\d+(\.\d+)?(e-?\d+)?$/i.test(rhs)) return undefined;
  return { lhs: expr.slice(0, found.at).trim(), op, rhs };
}

export interface QueryNotebookOptions {
  /** Range attribute of the promql cell, e.g. "1h". */
  range: string;
  step: string;
}

/** The runbook Markdown Show Query opens: one or two promql cells with {"range", "step"} attributes. */
export function alertQueryRunbook(alert: CockpitAlert, rule: AlertRuleInfo, opts: QueryNotebookOptions): string {
  const attrs = (name: string) => JSON.stringify({ name, range: opts.range, step: opts.step });
  const split = splitThreshold(rule.query);
  const lines = [
    `# ${alert.name}: ${alert.summary}`,
    '',
    `${alert.state === 'firing' ? 'Firing' : alert.state.charAt(0).toUpperCase() + alert.state.slice(1)} for ${keyLabelsText(alert.labels, 6) || 'every series'}. The alerting rule's expression${rule.durationSeconds ? `, which must hold for ${rule.durationSeconds} s before the alert fires` : ''}, over the last ${opts.range}:`,
    '',
    `\`\`\`promql ${attrs(`${alert.name}-expression`)}`,
    rule.query.trim(),
    '```',
    '',
  ];
  if (split) {
    lines.push(`Without its threshold (\`${split.op} ${split.rhs}\`), to see how close each series is to it:`, '', `\`\`\`promql ${attrs(`${alert.name}-trend`)}`, split.lhs, '```', '');
  }
  return lines.join('\n');
}
