// "Refresh Clusters": re-read kubeconfig files and restart the namespace watches.
import { CommandIds } from '../commandIds';
import type { CommandFactory } from './command';

export const refreshClustersCommand: CommandFactory = ({ clusters, selection }) => ({
  id: CommandIds.refreshClusters,
  run() {
    clusters.reload();
    selection.refresh();
  },
});
