// Flagger: promote without the metric checks (spec.skipAnalysis)
import { CommandIds } from '../../commandIds';
import { progressiveActionCommand } from './progressiveActionCommand';

export const flaggerSkipAnalysisCommand = progressiveActionCommand(CommandIds.flaggerSkipAnalysis, 'flaggerSkipAnalysis', 'Skip Analysis', true);
