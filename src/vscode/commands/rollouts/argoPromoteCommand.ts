// Argo Rollouts: promote a paused rollout to its next step (the kubectl plugin's promote)
import { CommandIds } from '../../commandIds';
import { progressiveActionCommand } from './progressiveActionCommand';

export const argoPromoteCommand = progressiveActionCommand(CommandIds.argoPromote, 'argoPromote', 'Promote', true);
