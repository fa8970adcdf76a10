// Node kinds of the Clusters tree. Each has a literal `kind`; the view maps kind → TreeItem and contextValue.
import type { ContextEntry, PendingPlugin } from '../../clients/kubernetes/kubeconfigLoader';

export interface ContextNode {
  kind: 'context';
  id: string;
  entry: ContextEntry;
  /** kubectl's current-context (from the kubeconfig files). */
  isKubectlCurrent: boolean;
}

export interface NamespaceNode {
  kind: 'namespace';
  id: string;
  context: string;
  name: string;
  phase?: string;
}

export interface ErrorNode {
  kind: 'error';
  id: string;
  context?: string;
  /** Short label: "Unauthorized", "Cannot read ~/.kube/config" … */
  title: string;
  /** One line: what went wrong. */
  message: string;
  /** Full text for the tooltip. */
  detail: string;
  /** One line: how to fix it. */
  hint: string;
  retry: { scope: 'kubeconfig' } | { scope: 'context'; context: string };
  /** The credential plugin that waits for the user's yes: clicking the node asks for it. */
  plugin?: PendingPlugin;
}

export type ClustersNode = ContextNode | NamespaceNode | ErrorNode;
