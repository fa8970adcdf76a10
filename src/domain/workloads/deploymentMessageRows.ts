// The Deployments tree's message rows (a list in flight, a watch reconnecting) and the rule that a refresh of a node
// covers its subtree. Pure: built from the cache's status, read by deploymentsModel.
import { clockTime } from '../../core/clock';
import type { CacheStatus } from '../kube/objectCache';
import { loadingProgress } from './namespaceOrder';
import type { MessageNode, WorkloadNode } from './workloadNodes';

/** Refreshing a node refreshes its subtree: drop nodes whose ancestor is refreshed anyway. */
export function collapseToAncestors(nodes: WorkloadNode[], parentOf: (n: WorkloadNode) => WorkloadNode | undefined): WorkloadNode[] {
  const set = new Set(nodes);
  return nodes.filter((n) => {
    for (let p = parentOf(n); p; p = parentOf(p)) if (set.has(p)) return false;
    return true;
  });
}

/** The row that says a list is in flight, and how far it got. */
export function loadingNode(context: string, status: Extract<CacheStatus, { state: 'loading' }>, namespace?: string): MessageNode {
  return {
    kind: 'message',
    id: `loading:${context}/${namespace ?? '*'}`,
    context,
    severity: 'info',
    loading: true,
    title: 'Loading deployments…',
    message: loadingProgress(status.loaded, status.remaining, 'deployments'),
    hint: `The list of ${context} arrives in pages; rows appear as they come.`,
  };
}

export function reconnectingNode(status: CacheStatus, context: string): MessageNode | undefined {
  if (status.state !== 'ready' || !status.reconnecting) return undefined;
  const { error, retryInMs, since } = status.reconnecting;
  const at = clockTime(since);
  return { kind: 'message', id: `reconnecting:${context}`, context, severity: 'warning', title: `Reconnecting since ${at}`, message: `${error.message} — retrying in ${Math.ceil(retryInMs / 1000)} s`, hint: `Showing the last known state (as of ${at}) until the watch is back.`, detail: error.hint };
}
