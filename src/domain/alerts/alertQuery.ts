// Show Query's notebook: the alert's PromQL expression as a runbook with a promql range cell over the last hour,
// and (when the expression ends in a threshold) the same expression without it, so the trend towards the threshold shows.
// Everything in it that came from a server is data: escaped text in a markdown cell, or a promql cell's content.
import { escapeMarkdown, markdownCode, markdownText } from '../../core/markdown';
import { codeCell, markdownCell, type RunbookCell } from '../runbook/runbookDocument';
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

/**
 * Show Query's cells, built as data — never parsed from Markdown: the alert's text (summary, description,
 * labels: anyone who can post to Alertmanager writes them) is escaped into one markdown cell, and the rule's
 * expression (from Prometheus) is the content of promql cells and nothing else. A fenced block in an
 * annotation shows as text and can never become a step.
 */
export function alertQueryCells(alert: CockpitAlert, rule: AlertRuleInfo, opts: QueryNotebookOptions): RunbookCell[] {
  // Cell names go into the info string, which must hold no backtick or brace: keep the name's safe characters.
  const safeName = alert.name.replace(/[^A-Za-z0-9_.:-]/g, '_').slice(0, 100) || 'alert';
  const info = (suffix: string) => `promql ${JSON.stringify({ name: `${safeName}-${suffix}`, range: opts.range, step: opts.step })}`;
  const split = splitThreshold(rule.query);
  const state = alert.state === 'firing' ? 'Firing' : alert.state.charAt(0).toUpperCase() + alert.state.slice(1);
  const headline = alert.summary.trim().split(/\r?\n/)[0] ?? '';
  const description = alert.annotations.description?.trim();
  const intro = [
    `# ${escapeMarkdown(alert.name)}: ${escapeMarkdown(headline)}`,
    '',
    ...(description && description !== headline ? [markdownText(description), ''] : []),
    `${state} for ${escapeMarkdown(keyLabelsText(alert.labels, 6)) || 'every series'}. The alerting rule's expression${rule.durationSeconds ? `, which must hold for ${rule.durationSeconds} s before the alert fires` : ''}, over the last ${escapeMarkdown(opts.range)}:`,
  ].join('\n');
  const cells: RunbookCell[] = [markdownCell(intro), codeCell('promql', info('expression'), rule.query.trim())];
  if (split) {
    cells.push(markdownCell(`Without its threshold (${markdownCode(`${split.op} ${split.rhs}`)}), to see how close each series is to it:`), codeCell('promql', info('trend'), split.lhs));
  }
  return cells;
}
