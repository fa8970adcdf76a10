// "Delete Pod": through the mutation guard (blocked in read-only mode, typed name on protected contexts, asked
// elsewhere, audited), saying first what will recreate it — its ReplicaSet and Deployment, or nothing for a bare pod.
// The delete is bound to the pod's uid, so a same-named replacement is never the one deleted.
import * as vscode from 'vscode';
import { valueOrThrow } from '../../../core/result';
import { recreationOf } from '../../../domain/pods/podRecreation';
import { CommandIds } from '../../commandIds';
import { resolvePodTarget } from '../../pods/podTarget';
import type { CommandFactory } from '../command';

export type DeleteOutcome = { deleted: string[]; recreation: string } | { deleted: []; why: 'blocked' | 'cancelled' | 'failed' | 'nothing'; message?: string };

export const deletePodCommand: CommandFactory = (services) => ({
  id: CommandIds.deletePod,
  async run(arg?: unknown): Promise<DeleteOutcome | undefined> {
    const t = await resolvePodTarget(arg, services, 'Delete Pod');
    if (!t) return undefined;
    const p = await t.pods.getPod({ namespace: t.namespace, name: t.pod });
    if (!p.ok) {
      void vscode.window.showErrorMessage(`Phoenix Ops: cannot read pod ${t.pod} in ${t.namespace}: ${p.error.message}. ${p.error.hint}`);
      return { deleted: [], why: 'failed', message: p.error.message };
    }
    const recreation = await recreationOf(p.value, (ns, rs) => t.pods.ownerOfReplicaSet(ns, rs));
    const what = `pod ${t.pod} in ${t.namespace} (${t.context})`;
    try {
      const r = await services.guard.run(
        {
          action: 'delete pod',
          context: t.context,
          namespace: t.namespace,
          object: `pod/${t.pod}`,
          confirmText: t.pod,
          destructive: true,
          summary: `delete pod ${t.pod} in ${t.namespace} — ${recreation.text.replace(/\.$/, '')}`,
        },
        async () => valueOrThrow(await t.pods.deletePod({ namespace: t.namespace, name: t.pod, uid: p.value.metadata?.uid })),
        recreation.text,
      );
      if (!r.ran) return { deleted: [], why: r.why };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      void vscode.window.showErrorMessage(`Phoenix Ops: delete of ${what} failed: ${message}`);
      return { deleted: [], why: 'failed', message };
    }
    services.log.info(`deleted ${what}: ${recreation.text}`);
    void vscode.window.showInformationMessage(`Phoenix Ops: deleted ${what}. ${recreation.text}`);
    return { deleted: [t.pod], recreation: recreation.text };
  },
});
