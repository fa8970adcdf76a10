// Argo Rollouts: skip the remaining steps and analysis (promote --full)
import { CommandIds } from '../../commandIds';
import { progressiveActionCommand } from './progressiveActionCommand';

export const argoPromoteFullCommand = progressiveActionCommand(CommandIds.argoPromoteFull, 'argoPromoteFull', 'Promote Full', true);
