// What brings a deleted pod back, said before Delete Pod asks: its ReplicaSet (and the Deployment owning it), its
// StatefulSet (same name), DaemonSet (same node), Job (only while it has completions left) — or nothing: a bare pod is
// gone. It errs on the side of "may not come back": a controller it does not know is not promised to recreate. Pure.
import type { V1OwnerReference, V1Pod } from '@kubernetes/client-node';

export interface Recreation {
  /** True only when a known controller will make a replacement. */
  recreated: boolean;
  /** One sentence for the confirmation and the audit detail. */
  text: string;
}

export interface OwnerChain {
  /** The pod's controller reference (controller: true). */
  controller?: V1OwnerReference;
  /** The controller's own controller, when it was read (a ReplicaSet's Deployment). */
  grandOwner?: V1OwnerReference;
}

export function podControllers(pod: V1Pod): V1OwnerReference | undefined {
  return pod.metadata?.ownerReferences?.find((r) => r.controller === true);
}

export function whatRecreates(chain: OwnerChain): Recreation {
  const c = chain.controller;
  if (!c) return { recreated: false, text: 'Nothing will recreate it: a bare pod (no controller) is gone for good.' };
  switch (c.kind) {
    case 'ReplicaSet':
      if (chain.grandOwner?.kind === 'Deployment') {
        return { recreated: true, text: `ReplicaSet ${c.name} of deployment ${chain.grandOwner.name} will create a replacement, with a new name and maybe on another node.` };
      }
      return { recreated: true, text: `ReplicaSet ${c.name} will create a replacement, with a new name and maybe on another node.` };
    case 'StatefulSet':
      return { recreated: true, text: `StatefulSet ${c.name} will recreate it with the same name and volumes.` };
    case 'DaemonSet':
      return { recreated: true, text: `DaemonSet ${c.name} will recreate it on the same node.` };
    case 'ReplicationController':
      return { recreated: true, text: `ReplicationController ${c.name} will create a replacement.` };
    case 'Job':
      return { recreated: false, text: `Job ${c.name} starts another pod only if it still has completions and retries left (backoffLimit); its work may be lost.` };
    default:
      return { recreated: false, text: `Its controller is ${c.kind}/${c.name}, a kind the cockpit does not know: it may not be recreated.` };
  }
}

/** "3 pods (app=platform-api)" and, for each, what recreates it — one line per distinct answer. */
export function recreationSummary(entries: readonly Recreation[]): string {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.text, (counts.get(e.text) ?? 0) + 1);
  return [...counts].map(([text, n]) => (counts.size > 1 || n > 1 ? `${n} × ${text}` : text)).join('\n');
}

/**
 * What recreates this pod: its controller, and for a ReplicaSet the controller above it, read through `ownerOfReplicaSet`
 * (once per ReplicaSet when a cache is shared across pods). A failed read leaves the ReplicaSet's answer without its Deployment.
 */
export function recreationOf(
  pod: V1Pod,
  ownerOfReplicaSet: (namespace: string, name: string) => Promise<V1OwnerReference | undefined>,
  cache = new Map<string, Promise<Recreation>>(),
): Promise<Recreation> {
  const controller = podControllers(pod);
  if (controller?.kind !== 'ReplicaSet') return Promise.resolve(whatRecreates(controller ? { controller } : {}));
  const namespace = pod.metadata?.namespace ?? '';
  const key = `${namespace}/${controller.name}`;
  let r = cache.get(key);
  if (!r) {
    r = ownerOfReplicaSet(namespace, controller.name).then((grandOwner) => whatRecreates(grandOwner ? { controller, grandOwner } : { controller }));
    cache.set(key, r);
  }
  return r;
}
