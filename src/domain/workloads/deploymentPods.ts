// The pods a deployment owns — through its ReplicaSets, not merely those its labels match (a canary shares them): what
// the pod actions pick from, and what a port forward re-resolves through when its pod goes away.
import type { V1Deployment, V1Pod } from '@kubernetes/client-node';
import { matchLabels, type WorkloadsClient } from '../../clients/kubernetes/workloadsClient';
import { controllerOf } from './objectMeta';

/** The pods a deployment owns through its ReplicaSets (not merely those its labels match: a canary shares them). */
export async function podsOfDeployment(client: WorkloadsClient, ref: { namespace: string; name: string }): Promise<V1Pod[] | string> {
  const d = await client.getDeployment(ref);
  if (!d.ok) return `cannot read deployment ${ref.name}: ${d.error.message}. ${d.error.hint}`;
  return podsOwnedBy(client, d.value);
}

export async function podsOwnedBy(client: WorkloadsClient, d: V1Deployment): Promise<V1Pod[] | string> {
  const rss = await client.replicaSetsOf(d);
  if (!rss.ok) return `cannot list the ReplicaSets of ${d.metadata?.name ?? ''}: ${rss.error.message}. ${rss.error.hint}`;
  const owned = new Set(rss.value.filter((rs) => controllerOf(rs)?.uid === d.metadata?.uid).map((rs) => rs.metadata?.uid));
  const pods = await client.podsOf(d.metadata?.namespace ?? '', matchLabels(d));
  if (!pods.ok) return `cannot list the pods of ${d.metadata?.name ?? ''}: ${pods.error.message}. ${pods.error.hint}`;
  return pods.value.filter((p) => owned.has(controllerOf(p)?.uid));
}
