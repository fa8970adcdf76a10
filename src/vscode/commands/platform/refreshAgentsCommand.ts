// "Refresh Agents" (view title; error nodes retry through it).
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';

export const refreshAgentsCommand: CommandFactory = ({ platform }) => ({
  id: CommandIds.refreshAgents,
  run: () => platform.agents.refresh(),
});
