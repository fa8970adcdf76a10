// "Stop Experiment" (confirmed): POST /api/v1/experiments/{id}/stop — the guide's "force experiment completion". Audit-logged.
import { userInfo } from 'node:os';
import * as vscode from 'vscode';
import { isActivePhase } from '../../../domain/platform/platformFormat';
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';
import { experimentArg } from './platformArgs';
import { valueOrThrow } from '../../../core/result';

export const stopExperimentCommand: CommandFactory = ({ platform, guard }) => ({
  id: CommandIds.stopExperiment,
  async run(arg?: unknown) {
    const api = platform.clients().platform;
    const experiment = experimentArg(arg) ?? (await pickActive(platform.experiments.snapshot.experiments));
    if (!api || !experiment) return;
    if (!isActivePhase(experiment.phase)) {
      void vscode.window.showInformationMessage(`${experiment.name} is already ${experiment.phase}.`);
      return;
    }
    const reason = `stopped from Phoenix Ops Cockpit by ${platform.settings().alerts.silenceCreator || userInfo().username}`;
    const outcome = await guard
      .run(
        {
          action: 'stop experiment',
          context: 'platform-api',
          object: `experiment/${experiment.name}`,
          confirmText: experiment.name,
          destructive: true,
          summary: `stop experiment ${experiment.name} (${experiment.phase}); it cannot be resumed and its pending tasks are cancelled`,
        },
        async () => {
          return valueOrThrow(await api.stopExperiment(experiment.id, reason));
        },
        `${experiment.id} at ${api.baseUrl}`,
      )
      .catch((e: unknown) => {
        void vscode.window.showErrorMessage(`Could not stop ${experiment.name}: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      });
    if (!outcome?.ran) return;
    await platform.experiments.refresh();
    void vscode.window.showInformationMessage(`Experiment ${experiment.name} stopped.`);
    return outcome.value;
  },
});

async function pickActive(experiments: readonly { id: string; name: string; phase: string }[]) {
  const active = experiments.filter((e) => isActivePhase(e.phase));
  if (active.length === 0) {
    void vscode.window.showInformationMessage('No experiment is running (open the Experiments view to refresh).');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(active.map((e) => ({ label: e.name, description: `${e.phase} · ${e.id}`, e })), { title: 'Stop which experiment?' });
  return pick?.e;
}
