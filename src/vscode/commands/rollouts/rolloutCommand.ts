// The one path of every manual rollout control: resolve the rollout, pass the MutationGuard
// (read-only, typed confirmation on protected contexts, a yes/no for the drastic ones, audit), then
// let the driver apply it to the state read fresh from the cluster, and say how it went.
import * as vscode from 'vscode';
import type { Command } from '../../../domain/rollouts/driver/rolloutRunner';
import type { CockpitServices } from '../command';
import { resolveRollout, type RolloutTarget } from '../../rollouts/rolloutTarget';

export interface ControlSpec {
  /** The audit log's and the prompt's word: "pause canary". */
  action: string;
  destructive: boolean;
  /** The prompt's sentence, given the target's primary deployment name. */
  summary(primary: string, t: RolloutTarget): string;
}

export async function runControl(services: CockpitServices, arg: unknown, cmd: Command | ((t: RolloutTarget) => Promise<Command | undefined>), spec: ControlSpec): Promise<boolean> {
  const target = await resolveRollout(arg, services, spec.action);
  if (!target) return false;
  const command = typeof cmd === 'function' ? await cmd(target) : cmd;
  if (!command) return false;
  const primary = target.snapshot?.state?.target.deployment ?? target.canary.replace(/-canary$/, '');
  let note = '';
  try {
    const r = await services.guard.run(
      { action: spec.action, context: target.context, namespace: target.namespace, object: `deployment/${primary}`, confirmText: primary, destructive: spec.destructive, summary: spec.summary(primary, target) },
      async () => {
        const result = await services.rollouts.driver.command(target.context, target.namespace, target.canary, command, services.rollouts.user);
        if (!result.ok) throw new Error(result.message);
        note = result.note;
      },
      JSON.stringify(command),
    );
    if (!r.ran) return false;
  } catch (e) {
    void vscode.window.showErrorMessage(`Phoenix Ops: cannot ${spec.action} of ${primary}: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
  void vscode.window.showInformationMessage(`Phoenix Ops: ${primary}: ${note}`);
  return true;
}
