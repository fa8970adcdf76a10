// The runbook a chart's "Open query" opens: each query as a promql cell with its range and step attributes,
// under a heading naming the chart, so the person can edit and re-run it like any runbook step. Built as cells
// (never parsed): the title is escaped text, each query only a promql cell's content, ranges only valid durations.
import { escapeMarkdown } from '../../core/markdown';
import type { ChartQuery } from '../../shared/chart/chartSpec';
import { parseDuration } from './cellAttributes';
import { codeCell, markdownCell, type RunbookCell } from './runbookDocument';

export function queryRunbookCells(title: string, queries: readonly ChartQuery[], note?: string): RunbookCell[] {
  const heading = [`# ${escapeMarkdown(title)}`, ...(note ? ['', escapeMarkdown(note)] : [])].join('\n');
  return [
    markdownCell(heading),
    ...queries.map((q, i) => {
      const attrs: Record<string, string> = { name: `${slug(title)}-${i + 1}` };
      // Only what reads as a duration goes into the info string (it must hold no backtick or brace of its own).
      if (typeof q.range === 'string' && parseDuration(q.range) !== undefined) attrs.range = q.range;
      if (typeof q.step === 'string' && parseDuration(q.step) !== undefined) attrs.step = q.step;
      return codeCell('promql', `promql ${JSON.stringify(attrs)}`, q.expr.trim());
    }),
  ];
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'query';
}
