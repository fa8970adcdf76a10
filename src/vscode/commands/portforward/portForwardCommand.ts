// "Port Forward…" on a pod row (that pod) or a deployment row (a ready pod of it, re-resolved through the deployment
// when that pod goes away): the remote port from the containers' ports (picked when there are several), a free local
// port proposed and editable (one in use is said and another proposed), then — through the mutation guard, as
// `pods/portforward` create is in RBAC: blocked in read-only mode, typed confirmation on protected contexts, audited —
// a forward listed in the Port Forwards view. Automation passes ({context?, namespace, pod | deployment}, {remotePort?, localPort?}).
import * as vscode from 'vscode';
import type { V1Pod } from '@kubernetes/client-node';
import { WorkloadsClient } from '../../../clients/kubernetes/workloadsClient';
import { containerPortsOf, pickServingPod } from '../../../domain/portforward/forwardTarget';
import { localPortError, proposeLocalPort } from '../../../domain/portforward/localPorts';
import { isLocalPortFree } from '../../../domain/portforward/portProbe';
import { controllerOf } from '../../../domain/workloads/objectMeta';
import { CommandIds, ViewIds } from '../../commandIds';
import { podsClientFor, podsOfDeployment } from '../../pods/podTarget';
import { forwardDeps } from '../../../domain/portforward/clusterForwardDeps';
import { refFromArg, pickDeployment } from '../../workloads/deploymentTarget';
import type { CockpitServices, CommandFactory } from '../command';

export type PortForwardOutcome = { started: { id: string; localPort: number; remotePort: number; pod: string; deployment?: string; url: string } } | { started: undefined; why: 'blocked' | 'cancelled' | 'failed'; message?: string };

interface Target {
  context: string;
  namespace: string;
  pod: V1Pod;
  deployment?: string;
}

export const portForwardCommand: CommandFactory = (services) => ({
  id: CommandIds.portForward,
  async run(arg?: unknown, optionsArg?: unknown): Promise<PortForwardOutcome | undefined> {
    const options = (optionsArg ?? {}) as { remotePort?: unknown; localPort?: unknown };
    const t = await resolveTarget(arg, services);
    if (!t) return undefined;
    const podName = t.pod.metadata?.name ?? '';
    const remotePort = typeof options.remotePort === 'number' ? options.remotePort : await pickRemotePort(t.pod);
    if (remotePort === undefined) return undefined;
    const localPort = typeof options.localPort === 'number' ? options.localPort : await askLocalPort(services, remotePort);
    if (localPort === undefined) return undefined;
    const client = services.workloads.clientFor(t.context);
    if (!(client instanceof WorkloadsClient)) {
      void vscode.window.showErrorMessage(`Phoenix Ops: cannot port-forward on context ${t.context}: ${client.message}`);
      return { started: undefined, why: 'failed', message: client.message };
    }
    const target = t.deployment ? `deployment/${t.deployment} (pod ${podName})` : `pod/${podName}`;
    const what = `localhost:${localPort} → ${target} port ${remotePort}`;
    try {
      const r = await services.guard.run(
        {
          action: 'port-forward',
          context: t.context,
          namespace: t.namespace,
          object: t.deployment ? `deployment/${t.deployment}` : `pod/${podName}`,
          confirmText: t.deployment ?? podName,
          summary: `forward ${what} (opens a connection into the pod's network)`,
        },
        () =>
          services.portForwards.start(
            { context: t.context, namespace: t.namespace, pod: podName, ...(t.deployment ? { deployment: t.deployment } : {}), remotePort, localPort },
            forwardDeps(client, (m) => services.log.info(m)),
          ),
        what,
      );
      if (!r.ran) return { started: undefined, why: r.why };
      const f = r.value;
      services.log.info(`port-forward started: ${what} in ${t.namespace} (${t.context})`);
      void vscode.commands.executeCommand(`${ViewIds.portForwards}.focus`);
      void vscode.window.showInformationMessage(`Phoenix Ops: forwarding ${f.url} → ${target} port ${remotePort} (${t.context}/${t.namespace}).`, 'Open in Browser', 'Copy URL').then((pick) => {
        if (pick === 'Open in Browser') void vscode.env.openExternal(vscode.Uri.parse(f.url));
        if (pick === 'Copy URL') void vscode.env.clipboard.writeText(f.url);
      });
      return { started: { id: f.id, localPort, remotePort, pod: podName, ...(t.deployment ? { deployment: t.deployment } : {}), url: f.url } };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      void vscode.window.showErrorMessage(`Phoenix Ops: port-forward ${what} failed: ${message}`);
      return { started: undefined, why: 'failed', message };
    }
  },
});

/** The pod (and deployment) to forward to; undefined = cancelled, or failed with the reason shown. */
async function resolveTarget(arg: unknown, services: CockpitServices): Promise<Target | undefined> {
  const fallback = services.workloads.model.scope.context;
  const plain = (arg ?? {}) as { kind?: unknown; context?: unknown; namespace?: unknown; name?: unknown; pod?: unknown; deployment?: unknown };
  const podName = plain.kind === 'pod' ? plain.name : plain.kind === undefined ? plain.pod : undefined;
  if (typeof plain.namespace === 'string' && typeof podName === 'string') {
    const context = typeof plain.context === 'string' ? plain.context : fallback;
    if (!context) return undefined;
    const pods = podsClientFor(services, context, 'Port Forward');
    if (!pods) return undefined;
    const p = await pods.getPod({ namespace: plain.namespace, name: podName });
    if (!p.ok) {
      void vscode.window.showErrorMessage(`Phoenix Ops: cannot read pod ${podName} in ${plain.namespace}: ${p.error.message}. ${p.error.hint}`);
      return undefined;
    }
    // The deployment that owns the pod (through its ReplicaSet) is what the forward re-resolves through.
    const deployment = typeof plain.deployment === 'string' && plain.deployment ? plain.deployment : await owningDeployment(p.value, (ns, rs) => pods.ownerOfReplicaSet(ns, rs));
    return { context, namespace: plain.namespace, pod: p.value, ...(deployment ? { deployment } : {}) };
  }
  const ref = refFromArg(arg, fallback) ?? (typeof plain.namespace === 'string' && typeof plain.deployment === 'string' && fallback ? { context: typeof plain.context === 'string' ? plain.context : fallback, namespace: plain.namespace, name: plain.deployment } : await pickDeployment(services, 'Port Forward'));
  if (!ref) return undefined;
  const client = services.workloads.clientFor(ref.context);
  if (!(client instanceof WorkloadsClient)) {
    void vscode.window.showErrorMessage(`Phoenix Ops: cannot port-forward on context ${ref.context}: ${client.message}`);
    return undefined;
  }
  const pods = await podsOfDeployment(client, ref);
  const pick = typeof pods === 'string' ? { none: pods } : pickServingPod(pods);
  if ('none' in pick || typeof pods === 'string') {
    void vscode.window.showErrorMessage(`Phoenix Ops: cannot port-forward to deployment ${ref.name} in ${ref.namespace}: ${'none' in pick ? pick.none : ''}.`);
    return undefined;
  }
  const pod = pods.find((p) => p.metadata?.name === pick.pod);
  return pod && { context: ref.context, namespace: ref.namespace, pod, deployment: ref.name };
}

async function owningDeployment(pod: V1Pod, ownerOfReplicaSet: (ns: string, rs: string) => Promise<{ kind?: string; name?: string } | undefined>): Promise<string | undefined> {
  const rs = controllerOf(pod);
  if (rs?.kind !== 'ReplicaSet' || !rs.name) return undefined;
  const owner = await ownerOfReplicaSet(pod.metadata?.namespace ?? '', rs.name);
  return owner?.kind === 'Deployment' ? owner.name : undefined;
}

async function pickRemotePort(pod: V1Pod): Promise<number | undefined> {
  const ports = containerPortsOf(pod);
  const name = pod.metadata?.name ?? '';
  if (ports.length === 1) return ports[0]?.port;
  if (ports.length > 1) {
    const picked = await vscode.window.showQuickPick(
      ports.map((p) => ({ label: String(p.port), description: `${p.name ? `${p.name} · ` : ''}container ${p.container}`, port: p.port })),
      { title: `Phoenix Ops: Port Forward — port of ${name}`, placeHolder: 'Remote (container) port', ignoreFocusOut: true },
    );
    return picked?.port;
  }
  // No declared ports (they are informational in Kubernetes): the user names one.
  const typed = await vscode.window.showInputBox({
    title: `Phoenix Ops: Port Forward — ${name} declares no container ports`,
    prompt: 'Remote port in the pod',
    ignoreFocusOut: true,
    validateInput: (v) => (/^\d+$/.test(v.trim()) && Number(v) > 0 && Number(v) <= 65535 ? undefined : 'Type a port number (1–65535).'),
  });
  return typed === undefined ? undefined : Number(typed.trim());
}

/** A free local port, proposed and confirmed by the user; one that turns out taken is said, and another proposed. */
async function askLocalPort(services: CockpitServices, remotePort: number): Promise<number | undefined> {
  let note = '';
  let proposal = await proposeLocalPort(remotePort, isLocalPortFree, services.portForwards.localPorts());
  for (;;) {
    const typed = await vscode.window.showInputBox({
      title: `Phoenix Ops: Port Forward — local port for remote port ${remotePort}`,
      prompt: `${note}Local port on 127.0.0.1${proposal === undefined ? ' (no free port found near it: type one)' : ' (a free one is proposed)'}`,
      value: proposal === undefined ? '' : String(proposal),
      ignoreFocusOut: true,
      validateInput: localPortError,
    });
    if (typed === undefined) return undefined;
    const port = Number(typed.trim());
    if (!services.portForwards.localPorts().has(port) && (await isLocalPortFree(port))) return port;
    proposal = await proposeLocalPort(port, isLocalPortFree, services.portForwards.localPorts());
    note = `Port ${port} is in use${proposal !== undefined ? `; ${proposal} is free` : ''}. `;
  }
}
