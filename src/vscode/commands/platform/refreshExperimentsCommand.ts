// "Refresh Experiments" (view title; error nodes retry through it).
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';

export const refreshExperimentsCommand: CommandFactory = ({ platform }) => ({
  id: CommandIds.refreshExperiments,
  async run() {
    await platform.experiments.refresh();
    platform.refreshExperimentsView();
  },
});
