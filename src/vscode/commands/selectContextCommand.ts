// "Select in Cockpit" on a context node.
import type { ContextNode } from '../../domain/clusters/clusterNodes';
import { CommandIds } from '../commandIds';
import type { CommandFactory } from './command';

export const selectContextCommand: CommandFactory = ({ selection }) => ({
  id: CommandIds.selectContext,
  async run(node?: unknown) {
    const name = (node as ContextNode | undefined)?.entry?.name;
    if (name) await selection.select(name);
  },
});
