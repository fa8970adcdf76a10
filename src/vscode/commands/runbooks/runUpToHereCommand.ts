// "Run Up to Here" (a cell's run menu): every runnable cell from the top down to and including this one, by Run All's
// rules — what an on-call engineer does to bring a fresh session to the step they are at.
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';

export const runUpToHereCommand: CommandFactory = ({ runbooks }) => ({
  id: CommandIds.runUpToHere,
  async run(cell?: unknown) {
    return (await runbooks.load()).runAround(cell, 'upToHere');
  },
});
