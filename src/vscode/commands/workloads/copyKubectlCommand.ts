// "Copy kubectl Command": pick one of the kubectl lines for the selected object and put it on the clipboard.
import * as vscode from 'vscode';
import type { V1Deployment } from '@kubernetes/client-node';
import { WorkloadsClient } from '../../../clients/kubernetes/workloadsClient';
import { kubectlCommandsFor, type KubectlTarget } from '../../../domain/workloads/kubectlCommands';
import { selectorString } from '../../../domain/workloads/objectMeta';
import { CommandIds } from '../../commandIds';
import { resolveObjectTarget } from '../../workloads/deploymentTarget';
import type { CommandFactory } from '../command';

export const copyKubectlCommand: CommandFactory = (services) => ({
  id: CommandIds.copyKubectlCommand,
  async run(arg?: unknown, keyArg?: unknown): Promise<string | undefined> {
    const t = await resolveObjectTarget(arg, services, 'Copy kubectl Command');
    if (!t) return undefined;
    const kind = t.resource === 'pods' ? 'pod' : t.resource === 'replicasets' ? 'replicaset' : 'deployment';
    const target: KubectlTarget = { context: t.context, namespace: t.namespace, kind, name: t.name };
    if (kind === 'deployment') {
      // The selector and replica count come from the live object when the view has it, else one read.
      const d = services.workloads.model.deployment(t.namespace, t.name) ?? (await read(services.workloads.clientFor(t.context), t));
      target.selector = d ? selectorString(d.spec?.selector) : undefined;
      target.replicas = d?.spec?.replicas;
    }
    const commands = kubectlCommandsFor(target);
    const chosen =
      typeof keyArg === 'string'
        ? commands.find((c) => c.key === keyArg)
        : await vscode.window.showQuickPick(
            commands.map((c) => ({ label: c.label, detail: c.command, c })),
            { title: `Copy kubectl command for ${kind}/${t.name}`, matchOnDetail: true },
          ).then((p) => p?.c);
    if (!chosen) return undefined;
    await vscode.env.clipboard.writeText(chosen.command);
    void vscode.window.showInformationMessage(`Copied: ${chosen.command}`);
    return chosen.command;
  },
});

async function read(client: WorkloadsClient | { message: string }, ref: { namespace: string; name: string }): Promise<V1Deployment | undefined> {
  if (!(client instanceof WorkloadsClient)) return undefined;
  const r = await client.getDeployment(ref);
  return r.ok ? r.value : undefined;
}
