// The runbook commands, listed once for registerCommands.
import type { CommandFactory } from '../command';
import { exportIncidentTimelineCommand } from './exportIncidentTimelineCommand';
import { openAsRunbookCommand } from './openAsRunbookCommand';
import { resetRunbookParametersCommand } from './resetRunbookParametersCommand';

export const runbookCommands: readonly CommandFactory[] = [openAsRunbookCommand, resetRunbookParametersCommand, exportIncidentTimelineCommand];
