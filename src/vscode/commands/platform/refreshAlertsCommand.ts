// "Refresh Alerts" (view title; error nodes retry through it).
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';

export const refreshAlertsCommand: CommandFactory = ({ platform }) => ({
  id: CommandIds.refreshAlerts,
  run: () => platform.alerts.refresh(),
});
