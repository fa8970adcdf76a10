// "Refresh" (Resources view): drops every watch and the discovered kinds; what is expanded lists afresh.
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';

export const refreshResourcesCommand: CommandFactory = (services) => ({
  id: CommandIds.refreshResources,
  run() {
    services.workloads.resources.model.refresh();
  },
});
