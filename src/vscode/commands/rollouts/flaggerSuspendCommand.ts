// Flagger: stop the analysis where it is (spec.suspend)
import { CommandIds } from '../../commandIds';
import { progressiveActionCommand } from './progressiveActionCommand';

export const flaggerSuspendCommand = progressiveActionCommand(CommandIds.flaggerSuspend, 'flaggerSuspend', 'Suspend', false);
