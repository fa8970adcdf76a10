// The guarded write of a blue-green change: MutationGuard (read-only, typed confirmation on protected
// contexts, a yes/no elsewhere, audit), then the write, then the Rollouts view refreshed.
import * as vscode from 'vscode';
import type { CockpitServices } from '../command';
import type { PairTarget } from './blueGreenTarget';

export async function guardedSwitch(services: CockpitServices, t: PairTarget, action: string, plan: { summary: string }, write: () => Promise<{ ok: true } | { ok: false; message: string }>): Promise<boolean> {
  try {
    const r = await services.guard.run(
      { action, context: t.context, namespace: t.pair.namespace, object: `service/${t.pair.service}`, confirmText: t.pair.service, destructive: true, summary: plan.summary },
      async () => {
        const w = await write();
        if (!w.ok) throw new Error(w.message);
      },
      plan.summary,
    );
    if (!r.ran) return false;
  } catch (e) {
    void vscode.window.showErrorMessage(`Phoenix Ops: ${action} of ${t.pair.service} failed: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
  void vscode.commands.executeCommand('phoenixOps.refreshRollouts');
  return true;
}
