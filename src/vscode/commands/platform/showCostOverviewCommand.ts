// "Cost Overview": where the observability cost goes and what each experiment saves, against the 70 % goal.
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';

export const showCostOverviewCommand: CommandFactory = ({ platform }) => ({
  id: CommandIds.showCostOverview,
  run() {
    return platform.costPanels.showOverview();
  },
});
