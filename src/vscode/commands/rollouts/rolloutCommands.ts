// The progressive-delivery commands, registered from the one list in registerCommands.
import type { CommandFactory } from '../command';
import { abortCanaryCommand } from './abortCanaryCommand';
import { argoAbortCommand } from './argoAbortCommand';
import { argoPromoteCommand } from './argoPromoteCommand';
import { argoPromoteFullCommand } from './argoPromoteFullCommand';
import { argoRetryCommand } from './argoRetryCommand';
import { blueGreenCleanupCommand } from './blueGreenCleanupCommand';
import { blueGreenSwitchBackCommand } from './blueGreenSwitchBackCommand';
import { blueGreenSwitchCommand } from './blueGreenSwitchCommand';
import { flaggerResumeCommand } from './flaggerResumeCommand';
import { flaggerSkipAnalysisCommand } from './flaggerSkipAnalysisCommand';
import { flaggerSuspendCommand } from './flaggerSuspendCommand';
import { refreshRolloutsCommand } from './refreshRolloutsCommand';
import { dismissCanaryOutcomeCommand } from './dismissCanaryOutcomeCommand';
import { runFlaggerAnalysisCommand } from './runFlaggerAnalysisCommand';
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
  refreshRolloutsCommand,
  dismissCanaryOutcomeCommand,
  blueGreenSwitchCommand,
  blueGreenSwitchBackCommand,
  blueGreenCleanupCommand,
  flaggerSuspendCommand,
  flaggerResumeCommand,
  flaggerSkipAnalysisCommand,
  runFlaggerAnalysisCommand,
  argoPromoteCommand,
  argoPromoteFullCommand,
  argoAbortCommand,
  argoRetryCommand,
];
