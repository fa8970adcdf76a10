// The Nodes view's commands and the pod-usage order, listed once for registerCommands.
import type { CommandFactory } from '../command';
import { cordonNodeCommand } from './cordonNodeCommand';
import { drainNodeCommand } from './drainNodeCommand';
import { refreshNodesCommand } from './refreshNodesCommand';
import { sortPodsByUsageCommand } from './sortPodsByUsageCommand';
import { uncordonNodeCommand } from './uncordonNodeCommand';

export const nodeCommands: readonly CommandFactory[] = [refreshNodesCommand, cordonNodeCommand, uncordonNodeCommand, drainNodeCommand, sortPodsByUsageCommand];
