// "Use as kubectl current-context": the only command that writes the user's kubeconfig.
import * as vscode from 'vscode';
import { setKubectlCurrentContext } from '../../clients/kubernetes/kubeconfigWriter';
import type { ContextNode } from '../../domain/clusters/clusterNodes';
import { CommandIds } from '../commandIds';
import type { CommandFactory } from './command';

export const useAsKubectlContextCommand: CommandFactory = ({ clusters, selection, log }) => ({
  id: CommandIds.useAsKubectlContext,
  run(node?: unknown) {
    const context = (node as ContextNode | undefined)?.entry?.name ?? selection.current.context;
    if (!context) return;
    const r = setKubectlCurrentContext(clusters.kubeconfig, context);
    if (!r.ok) {
      void vscode.window.showErrorMessage(r.message);
      return;
    }
    log.info(`kubectl current-context set to ${context} in ${r.file}`);
    clusters.reload();
    void vscode.window.showInformationMessage(`kubectl now uses context "${context}" (written to ${r.file}).`);
  },
});
