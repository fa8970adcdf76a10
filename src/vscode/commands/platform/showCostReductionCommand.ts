// "Show Cost Reduction": an experiment's cost panel (from its row in the Experiments view, or picked from a list).
import * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';
import { experimentArg } from './platformArgs';

export const showCostReductionCommand: CommandFactory = ({ platform }) => ({
  id: CommandIds.showCostReduction,
  async run(arg?: unknown) {
    let experiment = experimentArg(arg);
    if (!experiment) {
      const api = platform.clients().platform;
      if (!api) {
        const pick = await vscode.window.showWarningMessage('Set phoenixOps.platformApi.url to see the cost of experiments.', 'Open Settings');
        if (pick) await vscode.commands.executeCommand('workbench.action.openSettings', 'phoenixOps.platformApi.url');
        return undefined;
      }
      const list = await api.experiments();
      if (!list.ok) {
        void vscode.window.showErrorMessage(`Could not list the experiments: ${list.error.message}. ${list.error.hint}`);
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(
        list.value.map((e) => ({ label: e.name, description: `${e.phase} · ${e.baselinePipeline} → ${e.candidatePipeline}`, experiment: e })),
        { title: 'Show Cost Reduction', placeHolder: 'Which experiment?' },
      );
      experiment = picked?.experiment;
    }
    return experiment ? platform.costPanels.showExperiment(experiment) : undefined;
  },
});
