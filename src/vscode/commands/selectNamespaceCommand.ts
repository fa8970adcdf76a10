// Clicking a namespace node selects that context and namespace in the cockpit.
import type { NamespaceNode } from '../../domain/clusters/clusterNodes';
import { CommandIds } from '../commandIds';
import type { CommandFactory } from './command';

export const selectNamespaceCommand: CommandFactory = ({ selection }) => ({
  id: CommandIds.selectNamespace,
  async run(node?: unknown) {
    const ns = node as NamespaceNode | undefined;
    if (ns?.kind === 'namespace') await selection.select(ns.context, ns.name);
  },
});
