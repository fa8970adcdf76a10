// @kubernetes/client-node (~1.1 MB with its dependencies) is imported on the first request to a cluster, never at
// start-up: the bundler puts it in a chunk of its own behind this one dynamic import.
import type { KubeConfig } from '@kubernetes/client-node';
import type * as ClientNodeLib from './clientNodeLib';
import type { ContextConfig } from './contextConfig';

export type ClientNode = typeof ClientNodeLib;
let loading: Promise<ClientNode> | undefined;

export function clientNode(): Promise<ClientNode> {
  return (loading ??= import('./clientNodeLib'));
}

/** A client-node KubeConfig holding just this context (its current context). */
export async function kubeConfigOf(c: ContextConfig): Promise<KubeConfig> {
  const { KubeConfig } = await clientNode();
  const kc = new KubeConfig();
  kc.loadFromOptions({ clusters: [c.cluster], users: [c.user], contexts: [c.context], currentContext: c.context.name });
  return kc;
}
