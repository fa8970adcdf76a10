// "Refresh Deployments" (and Retry on an error row): drop the watches and list again.
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';

export const refreshDeploymentsCommand: CommandFactory = ({ workloads }) => ({
  id: CommandIds.refreshDeployments,
  run() {
    workloads.model.retry();
  },
});
