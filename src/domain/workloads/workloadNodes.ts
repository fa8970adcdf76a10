// Node kinds of the Deployments tree. Each has a literal `kind`; the view maps kind → TreeItem and contextValue.
// Nodes are kept and updated in place, because VS Code refreshes a subtree only for the very same object.
import type { DeploymentSummary } from './deploymentSummary';
import type { PodSummary } from './podSummary';
import type { RevisionEntry } from './revisionHistory';

export interface NamespaceNode {
  kind: 'namespace';
  id: string;
  context: string;
  name: string;
  /** Deployments in it, and how many need attention (from deployment status alone). */
  counts: { deployments: number; degraded: number; progressing: number; paused: number };
  /** One namespace in view: open it; all namespaces: start closed. */
  startExpanded: boolean;
}

export interface DeploymentNode {
  kind: 'deployment';
  id: string;
  context: string;
  namespace: string;
  name: string;
  summary: DeploymentSummary;
}

export interface PodNode {
  kind: 'pod';
  id: string;
  context: string;
  namespace: string;
  name: string;
  deployment: string;
  /** The revision of the ReplicaSet the pod belongs to. */
  revision?: number;
  summary: PodSummary;
}

export interface RevisionsNode {
  kind: 'revisions';
  id: string;
  context: string;
  namespace: string;
  deployment: string;
  entries: RevisionEntry[];
}

export interface ReplicaSetNode {
  kind: 'replicaSet';
  id: string;
  context: string;
  namespace: string;
  deployment: string;
  entry: RevisionEntry;
}

export interface MessageNode {
  kind: 'message';
  id: string;
  context?: string;
  severity: 'error' | 'warning' | 'info';
  /** Short label: "Forbidden", "Reconnecting", "No deployments". */
  title: string;
  message: string;
  detail?: string;
  hint?: string;
  /** Clicking retries (errors of the store). */
  retry?: boolean;
  /** A list is in flight (shown with a spinner). */
  loading?: boolean;
}

export type WorkloadNode = NamespaceNode | DeploymentNode | PodNode | RevisionsNode | ReplicaSetNode | MessageNode;

/** What commands act on: a deployment by context, namespace and name. */
export interface DeploymentRef {
  context: string;
  namespace: string;
  name: string;
}
