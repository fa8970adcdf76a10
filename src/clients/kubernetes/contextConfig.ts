// One kubeconfig context as plain data (its cluster and user, certificate paths absolute): what a cluster client is
// built from. client-node's KubeConfig is made from it only when the first request goes out (clientNode.ts).
import type { Cluster, Context, User } from '@kubernetes/client-node/dist/config_types.js';

export interface ContextConfig {
  readonly context: Context;
  readonly cluster: Cluster;
  readonly user: User;
}
