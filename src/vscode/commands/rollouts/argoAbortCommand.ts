// Argo Rollouts: traffic back to the stable version (the kubectl plugin's abort)
import { CommandIds } from '../../commandIds';
import { progressiveActionCommand } from './progressiveActionCommand';

export const argoAbortCommand = progressiveActionCommand(CommandIds.argoAbort, 'argoAbort', 'Abort', true);
