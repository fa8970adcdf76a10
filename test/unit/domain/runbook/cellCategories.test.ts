// Runme's categories (category= and tag=, comma-separated) and which cells a category run runs.
import assert from 'node:assert/strict';
import { cellCategories, cellsInCategory, notebookCategories } from '../../../../src/domain/runbook/cellCategories';

describe('cell categories (Run Cells by Category)', () => {
  it('reads category= and tag= as comma-separated lists, blanks dropped, each once', () => {
    const table: Array<[string, string[]]> = [
      ['sh { category=triage }', ['triage']],
      ['sh { category=triage,db }', ['triage', 'db']],
      ['sh { tag=db category=triage }', ['triage', 'db']],
      ['sh {"category":"a, b","tag":"b"}', ['a', 'b']],
      ['sh { category=,, }', []],
      ['sh { category= }', []],
      ['sh { categories=triage }', []],
      ['sh { name=category }', []],
      ['sh', []],
      ['', []],
    ];
    for (const [info, want] of table) assert.deepEqual(cellCategories(info), want, info);
  });

  it('runs a category\'s code cells in order, leaving out excludeFromRunAll (as Run All), never markdown', () => {
    const cells = [
      { kind: 'markdown' as const, info: '' },
      { kind: 'code' as const, info: 'sh { category=triage }' },
      { kind: 'code' as const, info: 'sh { category=other }' },
      { kind: 'code' as const, info: 'sh { tag=db,triage }' },
      { kind: 'code' as const, info: 'sh { category=triage excludeFromRunAll=true }' },
      { kind: 'code' as const, info: 'sh { category=triage excludeFromRunAll=yes }' },
      { kind: 'code' as const, info: 'sh { category=only-excluded excludeFromRunAll=1 }' },
    ];
    // "yes" is not one of Runme's booleans: that cell is not excluded.
    assert.deepEqual(cellsInCategory(cells, 'triage'), [1, 3, 5]);
    assert.deepEqual(cellsInCategory(cells, 'db'), [3]);
    assert.deepEqual(cellsInCategory(cells, 'Triage'), []);
    assert.deepEqual(cellsInCategory(cells, 'none'), []);
    assert.deepEqual(notebookCategories(cells), [
      { category: 'db', cells: 1 },
      { category: 'only-excluded', cells: 0 },
      { category: 'other', cells: 1 },
      { category: 'triage', cells: 3 },
    ]);
  });
});
