// "Show YAML": the object as the API server has it now, in a read-only editor (managedFields omitted).
import { CommandIds } from '../../commandIds';
import { objectRowOf, resourceDocument } from '../../resources/resourceTarget';
import { resolveObjectTarget } from '../../workloads/deploymentTarget';
import type { CommandFactory } from '../command';

export const showYamlCommand: CommandFactory = (services) => ({
  id: CommandIds.showYaml,
  async run(arg?: unknown) {
    const row = objectRowOf(arg);
    if (row) return services.workloads.documents.show(resourceDocument(row, 'yaml'));
    const target = await resolveObjectTarget(arg, services, 'Show YAML');
    if (target) return services.workloads.documents.show({ ...target, view: 'yaml' });
    return undefined;
  },
});
