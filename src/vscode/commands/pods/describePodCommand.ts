// "Describe Pod": what `kubectl describe pod` shows, in a read-only editor that re-reads itself when the pod changes.
// On a deployment row it asks which of its pods.
import { CommandIds } from '../../commandIds';
import { resolvePodTarget } from '../../pods/podTarget';
import type { CommandFactory } from '../command';

export const describePodCommand: CommandFactory = (services) => ({
  id: CommandIds.describePod,
  async run(arg?: unknown) {
    const t = await resolvePodTarget(arg, services, 'Describe Pod');
    return t && services.workloads.pods.show({ view: 'describe', context: t.context, namespace: t.namespace, pod: t.pod });
  },
});
