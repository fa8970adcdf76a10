// "Retry" on an error node: re-read the kubeconfig, or reconnect to one context.
import type { ErrorNode } from '../../domain/clusters/clusterNodes';
import { CommandIds } from '../commandIds';
import type { CommandFactory } from './command';

export const retryNodeCommand: CommandFactory = ({ clusters, selection }) => ({
  id: CommandIds.retryNode,
  run(node?: unknown) {
    const retry = (node as ErrorNode | undefined)?.retry;
    if (retry?.scope === 'context') clusters.retry(retry.context);
    else {
      clusters.reload();
      selection.refresh();
    }
  },
});
