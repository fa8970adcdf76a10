// "Run Cells by Category…" (the runbook's toolbar): picks one of the categories Runme's category=/tag= attributes
// give the cells, and runs that category's cells in order as Run All does.
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';

export const runCellsByCategoryCommand: CommandFactory = ({ runbooks }) => ({
  id: CommandIds.runCellsByCategory,
  async run(categoryOrCell?: unknown) {
    return (await runbooks.load()).runCategory(categoryOrCell);
  },
});
