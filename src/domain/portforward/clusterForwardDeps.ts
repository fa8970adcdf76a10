// What a port forward needs from the cluster, from the context's WorkloadsClient: its pod, the deployment's pods for
// re-resolution, and one websocket tunnel per forwarded connection.
import { openTunnel } from '../../clients/kubernetes/portForwardTunnel';
import { PodsClient } from '../../clients/kubernetes/podsClient';
import type { WorkloadsClient } from '../../clients/kubernetes/workloadsClient';
import type { ForwardDeps } from './portForwarder';
import { podsOfDeployment } from '../workloads/deploymentPods';

export function forwardDeps(client: WorkloadsClient, log: (message: string) => void): ForwardDeps {
  const pods = new PodsClient(client);
  return {
    getPod: (namespace, name) => pods.getPod({ namespace, name }),
    podsOfDeployment: (namespace, name) => podsOfDeployment(client, { namespace, name }),
    openTunnel: (target, local) => openTunnel(client.http, target, local),
    log,
  };
}
