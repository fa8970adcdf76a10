// The Resources view's commands (Show YAML and Show Events are the workload commands, which take its rows too).
import type { CommandFactory } from '../command';
import { clearResourcesFilterCommand } from './clearResourcesFilterCommand';
import { deleteResourceCommand } from './deleteResourceCommand';
import { filterResourcesCommand } from './filterResourcesCommand';
import { refreshResourcesCommand } from './refreshResourcesCommand';
import { revealSecretKeyCommand } from './revealSecretKeyCommand';
import { runCronJobNowCommand } from './runCronJobNowCommand';

export const resourceCommands: readonly CommandFactory[] = [refreshResourcesCommand, filterResourcesCommand, clearResourcesFilterCommand, deleteResourceCommand, runCronJobNowCommand, revealSecretKeyCommand];
