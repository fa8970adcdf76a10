// "Show Events": events of the deployment, its ReplicaSets and pods (or of one pod), newest first, read-only.
import { CommandIds } from '../../commandIds';
import { objectRowOf, resourceDocument } from '../../resources/resourceTarget';
import { resolveObjectTarget } from '../../workloads/deploymentTarget';
import type { CommandFactory } from '../command';

export const showEventsCommand: CommandFactory = (services) => ({
  id: CommandIds.showEvents,
  async run(arg?: unknown) {
    const row = objectRowOf(arg);
    if (row) return services.workloads.documents.show(resourceDocument(row, 'events'));
    const target = await resolveObjectTarget(arg, services, 'Show Events');
    if (target) return services.workloads.documents.show({ ...target, view: 'events' });
    return undefined;
  },
});
