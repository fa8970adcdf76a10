// An experiment's results and analysis as a Markdown document: what was compared, what it saves, what the platform recommends.
// Every string in it comes from the platform API: escaped text and code spans, never Markdown of the server's.
import { escapeMarkdown as esc, markdownCode, markdownText } from '../../core/markdown';
import type { Experiment, ExperimentAnalysis, ExperimentResults } from '../../clients/platform/platformTypes';
import { integer, money, percent } from './platformFormat';

export function resultsMarkdown(e: Experiment, results: ExperimentResults | undefined, analysis: ExperimentAnalysis | undefined, problems: string[] = []): string {
  const lines: string[] = [`# Experiment ${esc(e.name)}`, '', `${markdownCode(e.id)} · phase **${esc(e.phase)}**${results?.final ? ' · final results' : results ? ' · interim results' : ''}`, ''];
  if (e.description) lines.push(markdownText(e.description), '');
  lines.push(
    '| | Baseline | Candidate |',
    '|---|---|---|',
    `| Pipeline | ${cellCode(results?.baseline.pipeline || e.baselinePipeline)} | ${cellCode(results?.candidate.pipeline || e.candidatePipeline)} |`,
    `| Active series | ${integer(results?.baseline.cardinality ?? e.metrics.baselineCardinality)} | ${integer(results?.candidate.cardinality ?? e.metrics.candidateCardinality)} |`,
    `| Monthly cost | ${money(results?.baseline.costMonthly ?? e.metrics.costBeforeMonthly)} | ${money(results?.candidate.costMonthly ?? e.metrics.costAfterMonthly)} |`,
    '',
    `**Cardinality reduction:** ${percent(results?.cardinalityReductionPercent ?? e.metrics.cardinalityReductionPercent)}  `,
    `**Savings:** ${money(results?.costSavingsMonthly ?? e.metrics.costSavingsMonthly)} per month${results?.costSavingsAnnual !== undefined ? `, ${money(results.costSavingsAnnual)} per year` : ''}`,
    '',
  );
  if (analysis) {
    lines.push('## Analysis', '');
    if (analysis.recommendation) lines.push(`> ${markdownText(analysis.recommendation).replace(/\n/g, '\n> ')}`, '');
    const meta = [analysis.status ? `status ${esc(analysis.status)}` : undefined, analysis.confidence !== undefined ? `confidence ${Math.round(analysis.confidence * 100)}%` : undefined].filter(Boolean);
    if (meta.length) lines.push(meta.join(' · '), '');
    if (analysis.byNamespace.length) {
      lines.push('| Namespace | Series before | Series after | Cost before | Cost after |', '|---|---|---|---|---|');
      for (const n of analysis.byNamespace) {
        lines.push(`| ${esc(n.namespace)} | ${integer(n.cardinalityBefore)} | ${integer(n.cardinalityAfter)} | ${money(n.costBeforeMonthly)} | ${money(n.costAfterMonthly)} |`);
      }
      lines.push('');
    }
  }
  lines.push('## Timeline', '', ...[
    ['Created', e.createdAt],
    ['Started', e.startedAt],
    ['Ended', e.endedAt],
  ].filter(([, v]) => v).map(([k, v]) => `- ${k}: ${esc(String(v))}`));
  if (e.durationSeconds) lines.push(`- Planned duration: ${Math.round(e.durationSeconds / 60)} min`);
  if (e.stopReason) lines.push(`- Stop reason: ${esc(e.stopReason)}`);
  lines.push(`- Target namespaces: ${e.targetNamespaces.map(esc).join(', ') || '—'}`, '');
  if (problems.length) lines.push('## Not available', '', ...problems.map((p) => `- ${esc(p)}`), '');
  return lines.join('\n');
}

/** A code span in a table cell: its pipes escaped so they do not end the cell. */
function cellCode(s: string): string {
  return markdownCode(s).replace(/\|/g, '\\|');
}
