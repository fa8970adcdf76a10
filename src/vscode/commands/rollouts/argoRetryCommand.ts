// Argo Rollouts: start an aborted rollout again (the kubectl plugin's retry)
import { CommandIds } from '../../commandIds';
import { progressiveActionCommand } from './progressiveActionCommand';

export const argoRetryCommand = progressiveActionCommand(CommandIds.argoRetry, 'argoRetry', 'Retry', false);
