// "Retry" on an error node: re-read the kubeconfig, or reconnect to one context. On a credential plugin that a
// workspace-supplied kubeconfig names, it first shows the program and asks whether to allow it.
import * as vscode from 'vscode';
import type { ErrorNode } from '../../domain/clusters/clusterNodes';
import { CommandIds } from '../commandIds';
import type { CommandFactory } from './command';

export const retryNodeCommand: CommandFactory = ({ clusters, selection, pluginApprovals, audit }) => ({
  id: CommandIds.retryNode,
  async run(node?: unknown, answer?: unknown) {
    const plugin = (node as ErrorNode | undefined)?.plugin;
    if (plugin) {
      const allow = 'Allow and Connect';
      const picked =
        typeof answer === 'string'
          ? answer
          : await vscode.window.showWarningMessage(
              `Run this program for the credentials of "${plugin.user}"?`,
              {
                modal: true,
                detail: `${plugin.description}

It comes from ${plugin.file}, a kubeconfig file that this workspace's settings (phoenixOps.kubeconfigFiles) added, not one of yours. Allow it only if you know the program: it runs with your permissions.`,
              },
              allow,
            );
      if (picked !== allow) return;
      await pluginApprovals.allow(plugin.fingerprint);
      await audit.record({ context: (node as ErrorNode).context ?? '', object: plugin.file, action: 'allow kubeconfig credential plugin', outcome: 'succeeded', detail: plugin.description });
      clusters.reload();
      selection.refresh();
      return;
    }
    const retry = (node as ErrorNode | undefined)?.retry;
    if (retry?.scope === 'context') clusters.retry(retry.context);
    else {
      clusters.reload();
      selection.refresh();
    }
  },
});
