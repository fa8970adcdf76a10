// New Rollout Plan…: copies a shipped plan into the workspace's plan folder to edit (validated as you type).
import * as vscode from 'vscode';
import { SHIPPED_PLANS } from '../../../domain/rollouts/shippedPlans';
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';

export const newRolloutPlanCommand: CommandFactory = (services) => ({
  id: CommandIds.newRolloutPlan,
  async run(): Promise<vscode.Uri | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
      void vscode.window.showErrorMessage('Phoenix Ops: open a folder first: rollout plans live in the workspace.');
      return undefined;
    }
    const pick = await vscode.window.showQuickPick(
      SHIPPED_PLANS.map((p) => ({ label: p.file, description: p.yaml.split('\n')[0]?.replace(/^#\s*/, ''), p })),
      { title: 'Phoenix Ops: New Rollout Plan from…', placeHolder: 'A shipped plan to start from' },
    );
    if (!pick) return undefined;
    const dir = vscode.Uri.joinPath(folder.uri, ...services.rollouts.planFolder().split('/').filter(Boolean));
    let uri = vscode.Uri.joinPath(dir, pick.p.file);
    for (let i = 2; await exists(uri); i++) uri = vscode.Uri.joinPath(dir, pick.p.file.replace(/\.yaml$/, `-${i}.yaml`));
    await vscode.workspace.fs.createDirectory(dir);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(pick.p.yaml));
    await vscode.window.showTextDocument(uri);
    return uri;
  },
});

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
