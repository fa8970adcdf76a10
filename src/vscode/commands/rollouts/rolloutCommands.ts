// The progressive-delivery commands, registered from the one list in registerCommands.
import type { CommandFactory } from '../command';
import { abortCanaryCommand } from './abortCanaryCommand';
import { newRolloutPlanCommand } from './newRolloutPlanCommand';
import { pauseCanaryCommand } from './pauseCanaryCommand';
import { promoteCanaryCommand } from './promoteCanaryCommand';
import { resumeCanaryCommand } from './resumeCanaryCommand';
import { setCanaryWeightCommand } from './setCanaryWeightCommand';
import { showCanaryCommand } from './showCanaryCommand';
import { startCanaryCommand } from './startCanaryCommand';

export const rolloutCommands: readonly CommandFactory[] = [
  startCanaryCommand,
  showCanaryCommand,
  pauseCanaryCommand,
  resumeCanaryCommand,
  promoteCanaryCommand,
  abortCanaryCommand,
  setCanaryWeightCommand,
  newRolloutPlanCommand,
];
