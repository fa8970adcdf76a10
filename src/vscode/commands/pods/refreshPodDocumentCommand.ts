// "Refresh" in the title of a Describe Pod or Previous Logs editor: read it from the cluster again now.
import * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';

export const refreshPodDocumentCommand: CommandFactory = (services) => ({
  id: CommandIds.refreshPodDocument,
  run(arg?: unknown) {
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    if (uri) services.workloads.pods.refresh(uri);
  },
});
