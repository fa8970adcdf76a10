// Composition root: read settings → build clients → stores → adapters. Kept one screen long.
import * as vscode from 'vscode';
import { loadKubeconfig } from './clients/kubernetes/kubeconfigLoader';
import { ClustersModel } from './domain/clusters/clustersModel';
import type { CockpitApi } from './vscode/cockpitApi';
import { registerCommands } from './vscode/commands/registerCommands';
import { KubeconfigWatcher } from './vscode/kubeconfigWatcher';
import { AuditLog } from './vscode/safety/auditLog';
import { CockpitSecrets } from './vscode/secrets';
import { MutationGuard } from './vscode/safety/mutationGuard';
import { onSettingsChanged, readSettings } from './vscode/settings';
import { PluginApprovals } from './vscode/state/pluginApprovals';
import { SelectionState } from './vscode/state/selectionState';
import { ContextStatusBar } from './vscode/statusBar/contextStatusBar';
import { ClustersTreeProvider } from './vscode/views/clusters/clustersTreeProvider';
import { createClustersView } from './vscode/views/clusters/clustersView';
import { registerWorkloads } from './vscode/workloads/registerWorkloads';
import { registerPlatform } from './vscode/platform/registerPlatform';
import { registerRunbooks } from './vscode/runbooks/registerRunbooks';

export function activate(context: vscode.ExtensionContext): CockpitApi {
  const sub = context.subscriptions;
  const log = vscode.window.createOutputChannel('Phoenix Ops', { log: true });
  let settings = readSettings();
  const pluginApprovals = new PluginApprovals(context.globalState);

  const clusters = new ClustersModel({
    loadKubeconfig: () =>
      loadKubeconfig({ kubeconfigEnv: process.env.KUBECONFIG, extraFiles: settings.kubeconfigFiles, workspaceFiles: settings.workspaceKubeconfigFiles, pluginAllowed: (fp) => pluginApprovals.has(fp) }),
    timeoutMs: () => settings.requestTimeoutMs,
  });
  const audit = new AuditLog(context.globalStorageUri);
  const guard = new MutationGuard(() => settings, audit);
  const selection = new SelectionState(context.workspaceState, () => clusters.kubeconfig);
  const clustersTree = new ClustersTreeProvider(clusters, selection, () => settings.protectedContexts);
  const statusBar = new ContextStatusBar(selection, () => settings.protectedContexts);
  const kubeconfigFiles = () => clusters.kubeconfig.files.map((f) => f.path);
  const reload = () => {
    clusters.reload();
    watcher.reset();
    selection.refresh();
  };
  const watcher = new KubeconfigWatcher(kubeconfigFiles, reload);

  sub.push(log, audit, clusters, selection, clustersTree, statusBar, watcher, createClustersView(clusters, clustersTree));
  const secrets = new CockpitSecrets(context.secrets);
  const workloads = registerWorkloads({ context, clusters, selection, settings: () => settings, log });
  sub.push(workloads);
  const platform = registerPlatform({ log, secrets });
  sub.push(platform);
  const runbooks = registerRunbooks({ context, clusters, selection, guard, audit, secrets, log });
  sub.push(registerCommands({ clusters, selection, settings: () => settings, log, guard, audit, secrets, pluginApprovals, workloads: workloads.services, platform: platform.services, runbooks: runbooks.services }));
  sub.push(
    // Every command reads `settings` when it runs: keep it current for any key (and when trust changes what applies).
    onSettingsChanged([''], () => {
      const kubeconfigBefore = JSON.stringify([settings.kubeconfigFiles, settings.workspaceKubeconfigFiles, settings.requestTimeoutMs]);
      settings = readSettings();
      if (JSON.stringify([settings.kubeconfigFiles, settings.workspaceKubeconfigFiles, settings.requestTimeoutMs]) !== kubeconfigBefore) reload();
      statusBar.update();
      clustersTree.refresh();
    }),
  );
  log.info(`Phoenix Ops Cockpit active: ${clusters.kubeconfig.contexts.length} context(s) from ${kubeconfigFiles().join(', ')}`);

  return { clustersTree, statusBarText: () => statusBar.text, selection: () => selection.current, auditFile: audit.file, ...workloads.api, ...platform.api, ...runbooks.api };
}

export function deactivate(): void {}
