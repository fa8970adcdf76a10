// Which deployment a workload command acts on: the tree node it was invoked on, an object passed by
// automation ({ context?, namespace, name }), or — from the palette — one picked from a quick pick.
import * as vscode from 'vscode';
import type { V1Deployment } from '@kubernetes/client-node';
import { WorkloadsClient } from '../../clients/kubernetes/workloadsClient';
import { summarizeDeployment } from '../../domain/workloads/deploymentSummary';
import { shortImage } from '../../domain/workloads/objectMeta';
import type { DeploymentRef, WorkloadNode } from '../../domain/workloads/workloadNodes';
import type { CockpitServices } from '../commands/command';
import type { KubeDocumentRef } from './kubeDocuments';
import { STATE_LABEL } from './workloadItems';

export interface DeploymentTarget extends DeploymentRef {
  client: WorkloadsClient;
  /** Set when invoked on a revision (ReplicaSet) row: Roll Back goes straight to it. */
  revision?: number;
  /** Set when invoked on a pod row (Tail Logs follows that pod only). */
  pod?: string;
}

/** A DeploymentRef from whatever the command received, or undefined to ask the user. */
export function refFromArg(arg: unknown, defaultContext: string | undefined): (DeploymentRef & { revision?: number; pod?: string }) | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const node = arg as Partial<WorkloadNode> & { kind?: string };
  switch (node.kind) {
    case 'deployment': {
      const n = node as Extract<WorkloadNode, { kind: 'deployment' }>;
      return { context: n.context, namespace: n.namespace, name: n.name };
    }
    case 'pod': {
      const n = node as Extract<WorkloadNode, { kind: 'pod' }>;
      return { context: n.context, namespace: n.namespace, name: n.deployment, pod: n.name };
    }
    case 'revisions': {
      const n = node as Extract<WorkloadNode, { kind: 'revisions' }>;
      return { context: n.context, namespace: n.namespace, name: n.deployment };
    }
    case 'replicaSet': {
      const n = node as Extract<WorkloadNode, { kind: 'replicaSet' }>;
      return { context: n.context, namespace: n.namespace, name: n.deployment, revision: n.entry.revision };
    }
  }
  const plain = arg as { context?: unknown; namespace?: unknown; name?: unknown };
  if (typeof plain.namespace === 'string' && typeof plain.name === 'string') {
    const context = typeof plain.context === 'string' ? plain.context : defaultContext;
    if (context) return { context, namespace: plain.namespace, name: plain.name };
  }
  return undefined;
}

/** The object a read-only command (Show YAML, Show Events, Copy kubectl Command) is about: a pod or revision row means that object. */
export async function resolveObjectTarget(arg: unknown, services: CockpitServices, action: string): Promise<(KubeDocumentRef & { deployment: string }) | undefined> {
  const node = arg as Partial<WorkloadNode> | undefined;
  if (node?.kind === 'pod') return { view: 'yaml', context: node.context ?? '', namespace: node.namespace ?? '', resource: 'pods', name: node.name ?? '', deployment: node.deployment ?? '' };
  if (node?.kind === 'replicaSet') return { view: 'yaml', context: node.context ?? '', namespace: node.namespace ?? '', resource: 'replicasets', name: node.entry?.replicaSet ?? '', deployment: node.deployment ?? '' };
  const ref = refFromArg(arg, services.workloads.model.scope.context) ?? (await pickDeployment(services, action));
  return ref && { view: 'yaml', context: ref.context, namespace: ref.namespace, resource: 'deployments', name: ref.name, deployment: ref.name };
}

/** Resolves the command's target, asking with a quick pick when it was run from the palette. undefined = cancelled or failed (already shown). */
export async function resolveDeploymentTarget(arg: unknown, services: CockpitServices, action: string): Promise<DeploymentTarget | undefined> {
  const scope = services.workloads.model.scope;
  const ref = refFromArg(arg, scope.context) ?? (await pickDeployment(services, action));
  if (!ref) return undefined;
  const client = services.workloads.clientFor(ref.context);
  if (!(client instanceof WorkloadsClient)) {
    void vscode.window.showErrorMessage(`Phoenix Ops: cannot ${action} on context ${ref.context}: ${client.message}`);
    return undefined;
  }
  return { ...ref, client };
}

interface DeploymentItem extends vscode.QuickPickItem {
  ref: DeploymentRef | 'selector';
}

/** A quick pick of the deployments in the view's scope; with `allowSelector`, a "label selector…" entry returns 'selector'. */
export async function pickDeployment(services: CockpitServices, action: string): Promise<DeploymentRef | undefined>;
export async function pickDeployment(services: CockpitServices, action: string, allowSelector: true): Promise<DeploymentRef | 'selector' | undefined>;
export async function pickDeployment(services: CockpitServices, action: string, allowSelector = false): Promise<DeploymentRef | 'selector' | undefined> {
  const { context, namespace, allNamespaces } = services.workloads.model.scope;
  if (!context) {
    const pick = await vscode.window.showWarningMessage('Phoenix Ops: pick a Kubernetes context first.', 'Switch Context');
    if (pick) await vscode.commands.executeCommand('phoenixOps.switchContext');
    return undefined;
  }
  const client = services.workloads.clientFor(context);
  if (!(client instanceof WorkloadsClient)) {
    void vscode.window.showErrorMessage(`Phoenix Ops: ${client.message}`);
    return undefined;
  }
  const where = allNamespaces ? 'all namespaces' : namespace;
  const qp = vscode.window.createQuickPick<DeploymentItem>();
  qp.title = `Phoenix Ops: ${action} — deployment in ${context} / ${where}`;
  qp.placeholder = 'Loading deployments…';
  qp.busy = true;
  qp.matchOnDescription = true;
  const abort = new AbortController();
  const selectorItem: DeploymentItem = { label: '$(tag) Pods by label selector…', description: 'e.g. app=platform-api or tier=load', ref: 'selector', alwaysShow: true };
  if (allowSelector) qp.items = [selectorItem];
  const picked = new Promise<DeploymentRef | 'selector' | undefined>((resolve) => {
    qp.onDidAccept(() => resolve(qp.selectedItems[0]?.ref));
    qp.onDidHide(() => resolve(undefined));
  });
  qp.show();
  void listDeployments(services, client, allNamespaces ? undefined : namespace, abort.signal).then((r) => {
    qp.busy = false;
    if (typeof r === 'string') {
      qp.placeholder = r;
      return;
    }
    qp.placeholder = r.length ? `Deployment to ${action.toLowerCase()}` : `No deployments in ${where}`;
    qp.items = (allowSelector ? [selectorItem] : []).concat(r
      .sort((a, b) => `${a.metadata?.namespace}/${a.metadata?.name}`.localeCompare(`${b.metadata?.namespace}/${b.metadata?.name}`))
      .map((d) => {
        const s = summarizeDeployment(d);
        return {
          label: s.name,
          description: `${allNamespaces ? `${s.namespace} · ` : ''}${STATE_LABEL[s.state]} · ${s.ready}/${s.desired} ready`,
          detail: s.containers.map((c) => shortImage(c.image)).join(', '),
          ref: { context, namespace: s.namespace, name: s.name },
        };
      }));
  });
  const result = await picked;
  abort.abort();
  qp.dispose();
  return result;
}

/** The view's live objects when it watches that scope, else one list request. A string is the error to show. */
async function listDeployments(services: CockpitServices, client: WorkloadsClient, namespace: string | undefined, signal: AbortSignal): Promise<V1Deployment[] | string> {
  const live = services.workloads.model.liveStore;
  if (live && live.namespace === namespace && live.deployments.status.state === 'ready') return [...live.deployments.values()];
  const r = await client.list<V1Deployment>('deployments', namespace, {}, signal);
  return r.ok ? r.value.items : `Could not list deployments: ${r.error.message}. ${r.error.hint}`;
}
