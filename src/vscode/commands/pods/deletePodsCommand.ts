// "Delete Pods…" on a deployment: `kubectl delete pod -l <selector>` — the selector (the deployment's own, editable),
// the pods it matches listed with what recreates them, one guarded confirmation (typed on protected contexts), then
// each pod deleted bound to its uid. The deployment's ReplicaSet brings them back.
import * as vscode from 'vscode';
import { matchLabels } from '../../../clients/kubernetes/workloadsClient';
import { type Recreation, recreationOf, recreationSummary } from '../../../domain/pods/podRecreation';
import { CommandIds } from '../../commandIds';
import { resolveDeploymentTarget } from '../../workloads/deploymentTarget';
import { podsClientFor } from '../../pods/podTarget';
import type { CommandFactory } from '../command';
import type { DeleteOutcome } from './deletePodCommand';

export const deletePodsCommand: CommandFactory = (services) => ({
  id: CommandIds.deletePods,
  async run(arg?: unknown, selectorArg?: unknown): Promise<DeleteOutcome | undefined> {
    const target = await resolveDeploymentTarget(arg, services, 'Delete Pods');
    if (!target) return undefined;
    const pods = podsClientFor(services, target.context, 'Delete Pods');
    const d = await target.client.getDeployment(target);
    if (!pods || !d.ok) {
      if (!d.ok) void vscode.window.showErrorMessage(`Phoenix Ops: cannot read deployment ${target.name} in ${target.namespace}: ${d.error.message}. ${d.error.hint}`);
      return undefined;
    }
    const selector =
      typeof selectorArg === 'string'
        ? selectorArg
        : await vscode.window.showInputBox({
            title: `Delete Pods of ${target.name} (${target.context}/${target.namespace}) by label selector`,
            prompt: 'Label selector (kubectl delete pod -l …); the deployment’s own selector is filled in',
            value: matchLabels(d.value),
            ignoreFocusOut: true,
            validateInput: (v) => (v.trim() === '' ? 'An empty selector would match every pod of the namespace: type one.' : undefined),
          });
    if (selector === undefined || selector.trim() === '') return undefined;
    const list = await pods.podsBySelector(target.namespace, selector.trim());
    if (!list.ok) {
      void vscode.window.showErrorMessage(`Phoenix Ops: cannot list pods with ${selector} in ${target.namespace}: ${list.error.message}. ${list.error.hint}`);
      return { deleted: [], why: 'failed', message: list.error.message };
    }
    const matched = list.value.filter((p) => !p.metadata?.deletionTimestamp);
    if (!matched.length) {
      void vscode.window.showInformationMessage(`Phoenix Ops: no pods match ${selector} in ${target.namespace} — nothing deleted.`);
      return { deleted: [], why: 'nothing' };
    }
    const cache = new Map<string, Promise<Recreation>>();
    const recreations = await Promise.all(matched.map((p) => recreationOf(p, (ns, rs) => pods.ownerOfReplicaSet(ns, rs), cache)));
    const summary = recreationSummary(recreations);
    const names = matched.map((p) => p.metadata?.name ?? '');
    const deleted: string[] = [];
    try {
      const r = await services.guard.run(
        {
          action: 'delete pods',
          context: target.context,
          namespace: target.namespace,
          object: `pods -l ${selector}`,
          confirmText: target.name,
          destructive: true,
          summary: `delete ${names.length} pod${names.length === 1 ? '' : 's'} matching ${selector} in ${target.namespace} (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}) — ${summary.replace(/\n/g, ' ').replace(/\.$/, '')}`,
        },
        async () => {
          // One at a time, as kubectl does: a failure stops the rest and says which were deleted.
          for (const p of matched) {
            const res = await pods.deletePod({ namespace: target.namespace, name: p.metadata?.name ?? '', uid: p.metadata?.uid });
            if (!res.ok && res.error.kind !== 'notFound') throw new Error(`${p.metadata?.name ?? ''}: ${res.error.message}${deleted.length ? ` (deleted before it: ${deleted.join(', ')})` : ''}`);
            deleted.push(p.metadata?.name ?? '');
          }
        },
        `${names.join(', ')}: ${summary.replace(/\n/g, ' ')}`,
      );
      if (!r.ran) return { deleted: [], why: r.why };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      void vscode.window.showErrorMessage(`Phoenix Ops: delete pods -l ${selector} failed: ${message}`);
      return { deleted: [], why: 'failed', message };
    }
    void vscode.window.showInformationMessage(`Phoenix Ops: deleted ${deleted.length} pod${deleted.length === 1 ? '' : 's'} matching ${selector} in ${target.namespace}. ${summary.replace(/\n/g, ' ')}`);
    return { deleted, recreation: summary };
  },
});
