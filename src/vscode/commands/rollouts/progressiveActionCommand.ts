// The Flagger and Argo Rollouts actions share one path: read the object fresh, decide the documented
// patches (or refuse), pass the MutationGuard, send them (object or status subresource), refresh the view.
import * as vscode from 'vscode';
import { actionPatches, ARGO, type CustomObject, FLAGGER, type ProgressiveAction } from '../../../domain/rollouts/progressiveResources';
import type { CommandId } from '../../commandIds';
import type { CommandFactory } from '../command';

export function progressiveActionCommand(id: CommandId, action: ProgressiveAction, words: string, destructive: boolean): CommandFactory {
  return (services) => ({
    id,
    async run(arg?: unknown): Promise<boolean> {
      const node = arg as { kind?: string; context?: string; object?: CustomObject } | undefined;
      const o = node?.object;
      const context = node?.context;
      if (node?.kind !== 'progressive' || !o || !context) {
        void vscode.window.showInformationMessage(`Phoenix Ops: run "${words}" on a ${action.startsWith('flagger') ? 'Flagger canary' : 'Argo Rollout'} in the Rollouts view.`);
        return false;
      }
      const gvr = action.startsWith('flagger') ? FLAGGER : ARGO;
      const client = services.rollouts.driver.client(context);
      if ('message' in client) {
        void vscode.window.showErrorMessage(`Phoenix Ops: ${client.message}`);
        return false;
      }
      const ns = o.metadata?.namespace ?? '';
      const name = o.metadata?.name ?? '';
      const fresh = await client.getCustom<CustomObject>(gvr, ns, name);
      if (!fresh.ok || !fresh.value) {
        void vscode.window.showErrorMessage(`Phoenix Ops: cannot read ${gvr.kind} ${name}: ${fresh.ok ? 'it is gone' : fresh.error.message}`);
        return false;
      }
      const patches = actionPatches(action, fresh.value);
      if ('refused' in patches) {
        void vscode.window.showErrorMessage(`Phoenix Ops: ${patches.refused}`);
        return false;
      }
      const summary = `${words} ${gvr.kind} ${name}: ${patches.map((p) => p.summary).join('; ')}`;
      try {
        const r = await services.guard.run(
          { action: words.toLowerCase(), context, namespace: ns, object: `${gvr.plural}.${gvr.group}/${name}`, confirmText: name, destructive, summary },
          async () => {
            for (const p of patches) {
              const w = await client.patchCustom(gvr, ns, name, p.patch, p.target === 'status' ? 'status' : undefined);
              if (!w.ok) throw new Error(`${w.error.message}. ${w.error.hint}`);
            }
          },
          patches.map((p) => JSON.stringify(p.patch)).join(' '),
        );
        if (!r.ran) return false;
      } catch (e) {
        void vscode.window.showErrorMessage(`Phoenix Ops: ${words} ${name} failed: ${e instanceof Error ? e.message : String(e)}`);
        return false;
      }
      void vscode.window.showInformationMessage(`Phoenix Ops: ${summary}`);
      void vscode.commands.executeCommand('phoenixOps.refreshRollouts');
      return true;
    },
  });
}
