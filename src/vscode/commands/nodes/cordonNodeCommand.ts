// "Cordon Node…": marks a node unschedulable (kubectl cordon) through the guard; its pods keep running.
import { CommandIds } from '../../commandIds';
import { setSchedulable } from '../../nodes/setSchedulable';
import type { CommandFactory } from '../command';

export const cordonNodeCommand: CommandFactory = (services) => ({
  id: CommandIds.cordonNode,
  run: (arg?: unknown) => setSchedulable(services, arg, true),
});
