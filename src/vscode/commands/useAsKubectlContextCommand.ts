// "Use as kubectl current-context": the only command that writes the user's kubeconfig. It is a change like any
// other: read-only mode blocks it, a protected context asks for its name typed, and it is audit-logged.
import * as vscode from 'vscode';
import { kubectlDestinationFile, setKubectlCurrentContext } from '../../clients/kubernetes/kubeconfigWriter';
import type { ContextNode } from '../../domain/clusters/clusterNodes';
import { CommandIds } from '../commandIds';
import type { CommandFactory } from './command';

export const useAsKubectlContextCommand: CommandFactory = ({ clusters, selection, log, guard }) => ({
  id: CommandIds.useAsKubectlContext,
  async run(node?: unknown) {
    const context = (node as ContextNode | undefined)?.entry?.name ?? selection.current.context;
    if (!context) return;
    const file = kubectlDestinationFile(clusters.kubeconfig.files) ?? 'kubeconfig';
    const before = clusters.kubeconfig.currentContext;
    let written: string | undefined;
    try {
      const r = await guard.run(
        { action: 'use as kubectl current-context', context, object: file, confirmText: context, summary: `set kubectl's current-context to ${context} in ${file} (every kubectl you run then uses it)` },
        () => {
          const w = setKubectlCurrentContext(clusters.kubeconfig, context);
          if (!w.ok) throw new Error(w.message);
          written = w.file;
          return Promise.resolve(w.file);
        },
        `current-context ${before ?? '(none)'} → ${context}`,
      );
      if (!r.ran) return;
    } catch (e) {
      void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
      return;
    }
    log.info(`kubectl current-context set to ${context} in ${written ?? file}`);
    clusters.reload();
    void vscode.window.showInformationMessage(`kubectl now uses context "${context}" (written to ${written ?? file}).`);
  },
});
