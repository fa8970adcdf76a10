// POST pods/{name}/eviction (policy/v1 Eviction): deletes the pod unless its PodDisruptionBudget has no disruption
// left, then answers 429 TooManyRequests with the real API server's Status (pkg/registry/core/pod/storage/eviction.go):
// "Cannot evict pod as it would violate the pod's disruption budget." with a DisruptionBudget cause naming the budget.
// `kubectl drain` and the cockpit's Drain Node retry on that 429 until the budget allows the next eviction.
import { healthyForBudget, podsOfBudget, type PdbStatus } from '../controllers/disruptionController';
import { isoSeconds } from '../store/objectStore';
import type { KubeObject } from '../store/types';
import type { RequestContext } from './context';
import { parseObjectBody, readBody, sendJson } from './httpIo';
import { resourceInfo } from './resources';
import type { ResourceRoute } from './router';
import { ApiError, badRequest, notFound, toApiError } from './status';
import { isDryRun } from './writePrep';

const REFUSED = "Cannot evict pod as it would violate the pod's disruption budget.";

/** The 429 the real server answers, its cause naming the budget (details.causes[].reason = DisruptionBudget). */
export function budgetRefusal(causeMessage: string): ApiError {
  return new ApiError(429, 'TooManyRequests', REFUSED, { causes: [{ reason: 'DisruptionBudget', message: causeMessage }] });
}

/** The eviction.go rule for which pods skip the budget: finished, not yet running, or already being deleted. */
function ignoresBudget(pod: KubeObject): boolean {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata.deletionTimestamp;
}

/**
 * Checks the pod's budget and takes one disruption from it (in the budget's status, as the real handler does, so two
 * evictions racing each other cannot both spend the last one); throws the refusal when there is none to take.
 */
function checkAndDecrement(ctx: RequestContext, pod: KubeObject, dryRun: boolean): void {
  const store = ctx.cluster.store;
  const ns = pod.metadata.namespace;
  if (!pod.metadata.labels || !Object.keys(pod.metadata.labels).length) return;
  const budgets = store.list('poddisruptionbudgets', ns).filter((b) => podsOfBudget(b, [pod]).length === 1);
  if (budgets.length === 0) return;
  if (budgets.length > 1) throw toApiError(new Error('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.'));
  const pdb = budgets[0];
  const status = (pdb.status ?? {}) as Partial<PdbStatus> & { disruptedPods?: Record<string, string> };
  const name = pdb.metadata.name;
  const policy = (pdb.spec as { unhealthyPodEvictionPolicy?: string } | undefined)?.unhealthyPodEvictionPolicy;
  // An unready pod does not count towards the budget: evicting it takes nothing from it (IfHealthyBudget, the default).
  if (!healthyForBudget(pod)) {
    if (policy === 'AlwaysAllow') return;
    if ((status.currentHealthy ?? 0) >= (status.desiredHealthy ?? 0) && (status.desiredHealthy ?? 0) > 0) return;
  }
  if ((status.observedGeneration ?? 0) < (pdb.metadata.generation ?? 1)) {
    throw budgetRefusal(`The disruption budget ${name} is still being processed by the server.`);
  }
  const allowed = status.disruptionsAllowed ?? 0;
  if (allowed <= 0) {
    throw budgetRefusal(`The disruption budget ${name} needs ${status.desiredHealthy ?? 0} healthy pods and has ${status.currentHealthy ?? 0} currently`);
  }
  if (dryRun) return;
  const next = structuredClone(pdb);
  next.status = { ...status, disruptionsAllowed: allowed - 1, disruptedPods: { ...(status.disruptedPods ?? {}), [pod.metadata.name]: isoSeconds(ctx.now) } };
  store.update('poddisruptionbudgets', next);
}

export async function serveEviction(ctx: RequestContext, route: ResourceRoute): Promise<void> {
  const pods = resourceInfo('pods');
  const name = route.name!;
  const body = parseObjectBody(await readBody(ctx.req));
  if (body.kind !== undefined && body.kind !== 'Eviction') throw badRequest(`the kind in the data (${JSON.stringify(body.kind)}) does not match the expected kind (Eviction)`);
  const meta = (body.metadata ?? {}) as { name?: string };
  if (meta.name !== undefined && meta.name !== name) throw badRequest('name in URL does not match name in Eviction object');
  const options = (body.deleteOptions ?? {}) as { dryRun?: string[] };
  const dryRun = isDryRun(ctx.query) || !!options.dryRun?.includes('All');
  const store = ctx.cluster.store;
  const pod = store.get('pods', route.namespace, name);
  if (!pod) throw notFound(pods, name);
  if (!ignoresBudget(pod)) checkAndDecrement(ctx, pod, dryRun);
  if (!dryRun) {
    try {
      // The simulator deletes pods at once (as its DELETE does); the ReplicaSet makes a replacement on an open node.
      store.delete('pods', route.namespace, name);
    } catch (e) {
      throw toApiError(e, pods, name);
    }
  }
  sendJson(ctx.res, 201, JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' }));
}
