// What the workload commands share: the Deployments model and its scope, a client per context, the
// read-only documents (YAML, events) and the log tails. Built once by registerWorkloads.
import type { WorkloadsClient } from '../../clients/kubernetes/workloadsClient';
import type { PodUsageModel } from '../../domain/usage/podUsageModel';
import type { DeploymentsModel } from '../../domain/workloads/deploymentsModel';
import type { DeploymentsScopeState } from './deploymentsView';
import type { DeploymentsTreeProvider } from './deploymentsTreeProvider';
import type { KubeDocuments } from './kubeDocuments';
import type { LogTails } from './logs/logTails';
import type { NodeServices } from '../nodes/registerNodes';
import type { ResourceServices } from '../resources/registerResources';
import type { PodDocuments } from '../pods/podDocuments';

export interface WorkloadServices {
  model: DeploymentsModel;
  tree: DeploymentsTreeProvider;
  scope: DeploymentsScopeState;
  /** A client for a kubeconfig context, or why there cannot be one. */
  clientFor(context: string): WorkloadsClient | { message: string };
  documents: KubeDocuments;
  /** Describe Pod and Previous Logs documents (the phoenix-ops-pod: scheme). */
  pods: PodDocuments;
  tails: LogTails;
  /** Pod CPU/memory (metrics.k8s.io) for the pod rows. */
  usage: PodUsageModel;
  /** The Nodes view's model and the clients of its commands. */
  nodes: NodeServices;
  /** The Resources view's model (every other kind) and the clients of its commands. */
  resources: ResourceServices;
}
