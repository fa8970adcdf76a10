// "Previous Logs": the log of the container's last terminated instance (kubectl logs --previous) — the first thing to
// read in a crash loop. The container that terminated last is offered first; "no previous container" is said plainly.
import * as vscode from 'vscode';
import { previousLogChoices } from '../../../domain/pods/previousLogs';
import { CommandIds } from '../../commandIds';
import { resolvePodTarget } from '../../pods/podTarget';
import type { CommandFactory } from '../command';

export const previousLogsCommand: CommandFactory = (services) => ({
  id: CommandIds.previousLogs,
  async run(arg?: unknown, containerArg?: unknown) {
    const t = await resolvePodTarget(arg, services, 'Previous Logs');
    if (!t) return undefined;
    const p = await t.pods.getPod({ namespace: t.namespace, name: t.pod });
    if (!p.ok) {
      void vscode.window.showErrorMessage(`Phoenix Ops: cannot read pod ${t.pod} in ${t.namespace}: ${p.error.message}. ${p.error.hint}`);
      return undefined;
    }
    const choices = previousLogChoices(p.value);
    let container: string | undefined = typeof containerArg === 'string' ? containerArg : choices[0]?.name;
    if (typeof containerArg !== 'string' && choices.length > 1) {
      const picked = await vscode.window.showQuickPick(
        choices.map((c) => ({ label: c.name, description: `${c.restarts} restart${c.restarts === 1 ? '' : 's'}`, detail: c.lastEnd ? `last ended: ${c.lastEnd}` : 'never terminated: no previous logs', name: c.name })),
        { title: `Phoenix Ops: Previous Logs — container of ${t.pod}`, ignoreFocusOut: true },
      );
      container = picked?.name;
    }
    if (!container) return undefined;
    return services.workloads.pods.show({ view: 'previous', context: t.context, namespace: t.namespace, pod: t.pod, container });
  },
});
