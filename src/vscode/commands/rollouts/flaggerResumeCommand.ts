// Flagger: continue the analysis (spec.suspend false)
import { CommandIds } from '../../commandIds';
import { progressiveActionCommand } from './progressiveActionCommand';

export const flaggerResumeCommand = progressiveActionCommand(CommandIds.flaggerResume, 'flaggerResume', 'Resume', false);
