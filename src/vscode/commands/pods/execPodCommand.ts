// "Shell / Exec…": an integrated terminal running the real `kubectl exec -it` in a pod (on a deployment row: one of
// its pods, troubled first) with the cockpit's context, namespace and kubeconfig files, bash where the image has it,
// else sh. A container picker when the pod has several. Exec is a mutation in RBAC terms (create pods/exec), so it
// goes through the guard: blocked in read-only mode, the pod's name typed on a protected context, audited.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter } from 'node:path';
import * as vscode from 'vscode';
import type { V1Pod } from '@kubernetes/client-node';
import { KUBECTL_SETTING, resolveKubectl } from '../../../domain/pods/kubectlProgram';
import { displayCommand, execArgs, execContainers, execRefusal, SHELL_FALLBACK } from '../../../domain/pods/podExec';
import { CommandIds } from '../../commandIds';
import { resolvePodTarget } from '../../pods/podTarget';
import type { CockpitServices, CommandFactory } from '../command';

export type ExecOutcome =
  | { opened: true; terminal: vscode.Terminal; container: string; kubectl: string; args: string[] }
  | { opened: false; why: 'blocked' | 'cancelled' | 'failed'; message?: string };

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function fail(message: string, ...actions: string[]): ExecOutcome {
  void vscode.window.showErrorMessage(`Phoenix Ops: Shell / Exec: ${message}`, ...actions).then((a) => {
    if (a === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', KUBECTL_SETTING);
  });
  return { opened: false, why: 'failed', message };
}

interface ContainerItem extends vscode.QuickPickItem {
  container: string;
}

async function pickContainer(pod: V1Pod, asked: unknown, title: string): Promise<string | undefined> {
  const containers = execContainers(pod);
  if (typeof asked === 'string') return asked;
  if (containers.length === 1) return containers[0]?.name;
  const items: ContainerItem[] = containers.map((c) => ({ label: c.name, description: `${c.state}${c.isDefault ? ' · default' : ''}`, container: c.name }));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Container', ignoreFocusOut: true });
  return picked?.container;
}

export const execPodCommand: CommandFactory = (services: CockpitServices) => ({
  id: CommandIds.execPod,
  /** arg: a pod or deployment row, or { context?, namespace, pod, container?, command? } from automation. */
  async run(arg?: unknown): Promise<ExecOutcome | undefined> {
    const t = await resolvePodTarget(arg, services, 'Shell / Exec');
    if (!t) return undefined;
    const p = await t.pods.getPod({ namespace: t.namespace, name: t.pod });
    if (!p.ok) return fail(`cannot read pod ${t.pod} in ${t.namespace}: ${p.error.message}. ${p.error.hint}`);
    const refusal = execRefusal(p.value);
    if (refusal) return fail(refusal);
    const plain = (arg ?? {}) as { container?: unknown; command?: unknown };
    const container = await pickContainer(p.value, plain.container, `Phoenix Ops: Shell / Exec — container of ${t.pod} (${t.context}/${t.namespace})`);
    if (!container) return undefined;
    const command = Array.isArray(plain.command) && plain.command.every((w) => typeof w === 'string') ? plain.command : SHELL_FALLBACK;

    const kubectl = resolveKubectl(services.settings().kubectlPath, process.env.PATH, isExecutableFile);
    if (!kubectl.ok) return fail(kubectl.error, 'Open Settings');
    // kubectl reads the same files the cockpit does; a context it cannot use (a workspace plugin not allowed yet) stops here.
    const kubeconfig = services.clusters.kubeconfig;
    const cfg = kubeconfig.configFor(t.context);
    if (!cfg.ok) return fail(`context ${t.context}: ${cfg.message}`);
    const args = execArgs({ context: t.context, namespace: t.namespace, pod: t.pod, container }, command);
    if (!args.ok) return fail(args.error);
    const shown = displayCommand('kubectl', args.value);

    const r = await services.guard.run(
      {
        action: 'exec',
        context: t.context,
        namespace: t.namespace,
        object: `pod/${t.pod}`,
        confirmText: t.pod,
        summary: `open a shell in container ${container} of pod ${t.pod} in ${t.namespace} (${shown})`,
      },
      () => {
        const terminal = vscode.window.createTerminal({
          name: `${t.pod}/${container} (${t.context})`,
          shellPath: kubectl.value,
          shellArgs: args.value,
          env: { KUBECONFIG: kubeconfig.files.filter((f) => f.exists).map((f) => f.path).join(delimiter) },
          iconPath: new vscode.ThemeIcon('terminal'),
          message: `Phoenix Ops: ${shown}`,
        });
        terminal.show();
        return Promise.resolve(terminal);
      },
      `container ${container}: ${shown}`,
    );
    if (!r.ran) return { opened: false, why: r.why };
    services.log.info(`exec: opened ${shown}`);
    return { opened: true, terminal: r.value, container, kubectl: kubectl.value, args: args.value };
  },
});
