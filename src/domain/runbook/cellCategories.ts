// Runme's cell categories (pkg/document/block.go Tags, vscode-runme's "Run Cells by Category"): a code block's
// category= and tag= attributes, each a comma-separated list. Running a category runs its cells as Run All does:
// in document order, excludeFromRunAll cells left out.
import { cellOptions, parseFenceInfo } from './cellAttributes';

export interface CategorizedCell {
  kind: 'markdown' | 'code';
  /** Code: the info string as written ("sh { category=triage }"). */
  info: string;
}

/** The categories a fence's attributes give it ("a,b" → ["a", "b"]; blanks dropped), each once. */
export function cellCategories(info: string): string[] {
  const { attributes } = parseFenceInfo(info);
  const all = [attributes.category, attributes.tag].flatMap((v) => (v ?? '').split(','));
  return [...new Set(all.map((c) => c.trim()).filter((c) => c !== ''))];
}

/** Every category of the notebook's code cells, sorted, with how many cells Run would run for each. */
export function notebookCategories(cells: readonly CategorizedCell[]): Array<{ category: string; cells: number }> {
  const counts = new Map<string, number>();
  for (const cell of cells) {
    if (cell.kind !== 'code') continue;
    for (const c of cellCategories(cell.info)) counts.set(c, 0);
  }
  for (const c of counts.keys()) counts.set(c, cellsInCategory(cells, c).length);
  return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([category, n]) => ({ category, cells: n }));
}

/** The indexes of the code cells a category run runs: in the category, not excludeFromRunAll, in order. */
export function cellsInCategory(cells: readonly CategorizedCell[], category: string): number[] {
  const out: number[] = [];
  for (const [i, cell] of cells.entries()) {
    if (cell.kind !== 'code' || !cellCategories(cell.info).includes(category)) continue;
    if (cellOptions(parseFenceInfo(cell.info).attributes).options.excludeFromRunAll) continue;
    out.push(i);
  }
  return out;
}
