// "Uncordon Node…": lets the scheduler use a cordoned node again (kubectl uncordon), through the guard.
import { CommandIds } from '../../commandIds';
import { setSchedulable } from '../../nodes/setSchedulable';
import type { CommandFactory } from '../command';

export const uncordonNodeCommand: CommandFactory = (services) => ({
  id: CommandIds.uncordonNode,
  run: (arg?: unknown) => setSchedulable(services, arg, false),
});
