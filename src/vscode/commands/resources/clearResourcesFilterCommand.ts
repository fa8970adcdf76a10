// "Clear Filter" (Resources view, shown while a filter is set): every loaded object is listed again.
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';

export const clearResourcesFilterCommand: CommandFactory = (services) => ({
  id: CommandIds.clearResourcesFilter,
  run() {
    services.workloads.resources.setFilter('');
  },
});
