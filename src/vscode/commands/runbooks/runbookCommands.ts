// The runbook commands, listed once for registerCommands.
import type { CommandFactory } from '../command';
import { exportIncidentTimelineCommand } from './exportIncidentTimelineCommand';
import { openAsRunbookCommand } from './openAsRunbookCommand';
import { resetRunbookParametersCommand } from './resetRunbookParametersCommand';
import { runCellsByCategoryCommand } from './runCellsByCategoryCommand';
import { runFromHereCommand } from './runFromHereCommand';
import { runUpToHereCommand } from './runUpToHereCommand';

export const runbookCommands: readonly CommandFactory[] = [openAsRunbookCommand, resetRunbookParametersCommand, exportIncidentTimelineCommand, runFromHereCommand, runUpToHereCommand, runCellsByCategoryCommand];
