// "Run From Here" (a cell's run menu): this cell and every runnable cell after it, in order, stopping at the first
// failure as Run All does (excludeFromRunAll cells skipped); Stop on the running cell ends the run.
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';

export const runFromHereCommand: CommandFactory = ({ runbooks }) => ({
  id: CommandIds.runFromHere,
  async run(cell?: unknown) {
    return (await runbooks.load()).runAround(cell, 'fromHere');
  },
});
