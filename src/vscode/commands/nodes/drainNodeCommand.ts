// "Drain Node…": cordons a node and evicts its pods through the Eviction API, honouring PodDisruptionBudgets
// (kubectl drain --ignore-daemonsets --delete-emptydir-data), through the guard, with cancellable progress.
import { CommandIds } from '../../commandIds';
import { drainNode } from '../../nodes/drainNode';
import type { CommandFactory } from '../command';

export const drainNodeCommand: CommandFactory = (services) => ({
  id: CommandIds.drainNode,
  run: (arg?: unknown) => drainNode(services, arg),
});
