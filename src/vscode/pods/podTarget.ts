// Which pod a pod action acts on: the pod row it was invoked on, { context?, namespace, pod } from automation, or — on a
// deployment row or from the palette — one of the deployment's pods picked in a quick pick (troubled pods first).
import * as vscode from 'vscode';
import { PodsClient } from '../../clients/kubernetes/podsClient';
import { WorkloadsClient } from '../../clients/kubernetes/workloadsClient';
import { orderForPick } from '../../domain/pods/podChoice';
import { summarizePod } from '../../domain/workloads/podSummary';
import type { CockpitServices } from '../commands/command';
import { pickDeployment, refFromArg } from '../workloads/deploymentTarget';
import { podsOfDeployment } from '../../domain/workloads/deploymentPods';

// Kept importable from here for the pod actions that already do.
export { podsOfDeployment, podsOwnedBy } from '../../domain/workloads/deploymentPods';

export interface PodTarget {
  context: string;
  namespace: string;
  pod: string;
  /** The deployment the pod was found through (a pod row's, or the picked one's). */
  deployment?: string;
  pods: PodsClient;
}

export function podsClientFor(services: CockpitServices, context: string, action: string): PodsClient | undefined {
  const c = services.workloads.clientFor(context);
  if (c instanceof WorkloadsClient) return new PodsClient(c);
  void vscode.window.showErrorMessage(`Phoenix Ops: cannot ${action} on context ${context}: ${c.message}`);
  return undefined;
}

/** undefined = cancelled, or failed with the reason already shown. */
export async function resolvePodTarget(arg: unknown, services: CockpitServices, action: string): Promise<PodTarget | undefined> {
  const plain = arg as { kind?: unknown; context?: unknown; namespace?: unknown; name?: unknown; pod?: unknown; deployment?: unknown } | undefined;
  const fallback = services.workloads.model.scope.context;
  if (plain && typeof plain.namespace === 'string' && (plain.kind === 'pod' || typeof plain.pod === 'string')) {
    const context = typeof plain.context === 'string' ? plain.context : fallback;
    const pod = plain.kind === 'pod' ? plain.name : plain.pod;
    if (!context || typeof pod !== 'string') return undefined;
    const pods = podsClientFor(services, context, action);
    return pods && { context, namespace: plain.namespace, pod, ...(typeof plain.deployment === 'string' ? { deployment: plain.deployment } : {}), pods };
  }
  const ref = refFromArg(arg, fallback) ?? (await pickDeployment(services, action));
  if (!ref) return undefined;
  const pods = podsClientFor(services, ref.context, action);
  if (!pods) return undefined;
  const pod = await pickPodOf(services, ref, action);
  return pod ? { context: ref.context, namespace: ref.namespace, pod, deployment: ref.name, pods } : undefined;
}

interface PodItem extends vscode.QuickPickItem {
  pod: string;
}

/** A quick pick of the deployment's pods (through its ReplicaSets), troubled first; one pod is picked without asking. */
async function pickPodOf(services: CockpitServices, ref: { context: string; namespace: string; name: string }, action: string): Promise<string | undefined> {
  const client = services.workloads.clientFor(ref.context);
  if (!(client instanceof WorkloadsClient)) return undefined;
  const pods = await podsOfDeployment(client, ref);
  if (typeof pods === 'string') {
    void vscode.window.showErrorMessage(`Phoenix Ops: ${action}: ${pods}`);
    return undefined;
  }
  if (pods.length === 0) {
    void vscode.window.showWarningMessage(`Phoenix Ops: deployment ${ref.name} in ${ref.namespace} has no pods to ${action.toLowerCase()}.`);
    return undefined;
  }
  const items: PodItem[] = orderForPick(pods.map((p) => summarizePod(p))).map((s) => ({ label: s.name, description: `${s.status} · ${s.ready}/${s.total} ready · ${s.restarts} restart${s.restarts === 1 ? '' : 's'}`, detail: s.node ? `node ${s.node}` : 'not scheduled', pod: s.name }));
  if (items.length === 1) return items[0]?.pod;
  const picked = await vscode.window.showQuickPick(items, { title: `Phoenix Ops: ${action} — pod of ${ref.name} (${ref.context}/${ref.namespace})`, placeHolder: 'Pod', ignoreFocusOut: true });
  return picked?.pod;
}
