// "Refresh Nodes": reads the Nodes view's nodes, node usage and pods again now.
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';

export const refreshNodesCommand: CommandFactory = (services) => ({
  id: CommandIds.refreshNodes,
  run: () => services.workloads.nodes.model.refresh(),
});
