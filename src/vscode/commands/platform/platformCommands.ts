// The platform area's commands (Alerts, Experiments, Agents views), spliced into the one registration list.
import type { CommandFactory } from '../command';
import { copyAlertLabelsCommand } from './copyAlertLabelsCommand';
import { createExperimentCommand } from './createExperimentCommand';
import { expireSilenceCommand } from './expireSilenceCommand';
import { openAlertRunbookCommand } from './openAlertRunbookCommand';
import { refreshAgentsCommand } from './refreshAgentsCommand';
import { refreshAlertsCommand } from './refreshAlertsCommand';
import { refreshExperimentsCommand } from './refreshExperimentsCommand';
import { requeueTaskCommand } from './requeueTaskCommand';
import { showAlertQueryCommand } from './showAlertQueryCommand';
import { showCostOverviewCommand } from './showCostOverviewCommand';
import { showCostReductionCommand } from './showCostReductionCommand';
import { showExperimentResultsCommand } from './showExperimentResultsCommand';
import { silenceAlertCommand } from './silenceAlertCommand';
import { stopExperimentCommand } from './stopExperimentCommand';

export const platformCommands: readonly CommandFactory[] = [
  refreshAlertsCommand,
  silenceAlertCommand,
  expireSilenceCommand,
  openAlertRunbookCommand,
  showAlertQueryCommand,
  copyAlertLabelsCommand,
  refreshExperimentsCommand,
  createExperimentCommand,
  stopExperimentCommand,
  showExperimentResultsCommand,
  showCostReductionCommand,
  showCostOverviewCommand,
  refreshAgentsCommand,
  requeueTaskCommand,
];
