// Refresh Rollouts: reads the Rollouts view again (Flagger and Argo objects are polled, not watched).
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';

export const refreshRolloutsCommand: CommandFactory = (services) => ({
  id: CommandIds.refreshRollouts,
  run: () => services.rollouts.refreshView(),
});
