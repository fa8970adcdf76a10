// The runbook a chart's "Open query" opens: each query as a promql cell with its range and step attributes,
// under a heading naming the chart, so the person can edit and re-run it like any runbook step.
import type { ChartQuery } from '../../shared/chart/chartSpec';

export function queryRunbookMarkdown(title: string, queries: readonly ChartQuery[], note?: string): string {
  const lines = [`# ${title.replace(/\r?\n/g, ' ')}`, ''];
  if (note) lines.push(note, '');
  queries.forEach((q, i) => {
    const attrs: Record<string, string> = { name: `${slug(title)}-${i + 1}` };
    if (q.range) attrs.range = q.range;
    if (q.step) attrs.step = q.step;
    // A fence longer than any backtick run inside keeps the query intact.
    const longest = Math.max(2, ...[...q.expr.matchAll(/`+/g)].map((m) => m[0].length));
    const fence = '`'.repeat(longest + 1);
    lines.push(`${fence}promql ${JSON.stringify(attrs)}`, q.expr.trim(), fence, '');
  });
  return lines.join('\n');
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'query';
}
