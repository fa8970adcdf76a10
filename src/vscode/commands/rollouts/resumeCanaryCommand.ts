// Resume Canary: back to the plan (at the phase's weight when a person had set another).
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';
import { runControl } from './rolloutCommand';

export const resumeCanaryCommand: CommandFactory = (services) => ({
  id: CommandIds.resumeCanary,
  run: (arg?: unknown) => runControl(services, arg, { kind: 'resume' }, { action: 'resume canary', destructive: false, summary: (p) => `resume the canary of ${p}` }),
});
