// The cockpit's own context/namespace selection, kept apart from kubectl's current-context.
import type { KubeconfigSnapshot } from '../../clients/kubernetes/kubeconfigLoader';

export interface StoredSelection {
  context?: string;
  namespace?: string;
}

export interface ResolvedSelection {
  /** undefined when no kubeconfig defines any context. */
  context?: string;
  namespace: string;
  /** Why this context: the user's stored pick, kubectl's current-context, or the first one found. */
  source: 'stored' | 'kubectl' | 'first' | 'none';
}

/**
 * The stored pick wins while its context still exists; otherwise kubectl's current-context, then
 * the first context. The namespace is the stored one for the same context, else the context's
 * default namespace, else "default" (as kubectl).
 */
export function resolveSelection(stored: StoredSelection | undefined, kubeconfig: Pick<KubeconfigSnapshot, 'contexts' | 'currentContext'>): ResolvedSelection {
  const byName = new Map(kubeconfig.contexts.map((c) => [c.name, c]));
  let context: string | undefined;
  let source: ResolvedSelection['source'] = 'none';
  if (stored?.context && byName.has(stored.context)) {
    context = stored.context;
    source = 'stored';
  } else if (kubeconfig.currentContext && byName.has(kubeconfig.currentContext)) {
    context = kubeconfig.currentContext;
    source = 'kubectl';
  } else if (kubeconfig.contexts[0]) {
    context = kubeconfig.contexts[0].name;
    source = 'first';
  }
  const namespace =
    (source === 'stored' && stored?.namespace) || (context ? byName.get(context)?.namespace : undefined) || 'default';
  return { context, namespace, source };
}
