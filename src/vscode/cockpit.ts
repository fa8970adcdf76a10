// The cockpit's composition root, loaded as a chunk of its own right after activation (src/extension.ts): settings →
// models and stores → adapters. Building it loads no heavy library: client-node, axios and pg are imported by the
// clients on their first request, the runbook notebooks' machinery when the first runbook opens.
import type * as vscode from 'vscode';
import { loadKubeconfig } from '../clients/kubernetes/kubeconfigLoader';
import { Lazy } from '../core/lazy';
import { ClustersModel } from '../domain/clusters/clustersModel';
import type { CockpitApi } from './cockpitApi';
import { commandTable } from './commands/registerCommands';
import { KubeconfigWatcher } from './kubeconfigWatcher';
import { registerBackups } from './backups/registerBackups';
import { registerPlatform } from './platform/registerPlatform';
import type { RunbooksArea } from './runbooks/registerRunbooks';
import { runbookServices } from './runbooks/runbookServices';
import { AuditLog } from './safety/auditLog';
import { MutationGuard } from './safety/mutationGuard';
import { CockpitSecrets } from './secrets';
import { onSettingsChanged, readSettings } from './settings';
import type { LazyDocuments } from './startup/lazyDocuments';
import type { LazyViews } from './startup/lazyViews';
import { PluginApprovals } from './state/pluginApprovals';
import { SelectionState } from './state/selectionState';
import { ContextStatusBar } from './statusBar/contextStatusBar';
import { ClustersTreeProvider } from './views/clusters/clustersTreeProvider';
import { bindClustersView } from './views/clusters/clustersView';
import { registerWorkloads } from './workloads/registerWorkloads';
import { CanaryPanels } from './rollouts/canaryPanel';
import { decorateDeployments } from './rollouts/deploymentRolloutRows';
import { registerRollouts } from './rollouts/registerRollouts';
import { registerPortForwards } from './portforward/registerPortForwards';
import { registerEdit } from './edit/registerEdit';

/** What start-up made before the cockpit loaded, for the cockpit to fill in. */
export interface StartupHandles {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  views: LazyViews;
  documents: LazyDocuments;
  /** The stand-in of the phoenix-ops-pod: documents (Describe Pod, Previous Logs). */
  podDocuments: LazyDocuments;
}

export interface Cockpit extends vscode.Disposable {
  api: CockpitApi;
  runCommand(id: string, args: unknown[]): Promise<unknown>;
  /** The runbook notebooks' machinery (loads it on first use). */
  runbooks: Lazy<RunbooksArea>;
}

export function startCockpit({ context, log, views, documents, podDocuments }: StartupHandles): Cockpit {
  const sub: vscode.Disposable[] = [];
  let settings = readSettings();
  const pluginApprovals = new PluginApprovals(context.globalState);

  const clusters = new ClustersModel({
    // A credential plugin in a file the workspace's settings added runs only once the user allowed it (SECURITY.md).
    loadKubeconfig: () =>
      loadKubeconfig({ kubeconfigEnv: process.env.KUBECONFIG, extraFiles: settings.kubeconfigFiles, workspaceFiles: settings.workspaceKubeconfigFiles, pluginAllowed: (fp) => pluginApprovals.has(fp) }),
    timeoutMs: () => settings.requestTimeoutMs,
  });
  const audit = new AuditLog(context.globalStorageUri);
  const guard = new MutationGuard(() => settings, audit);
  const secrets = new CockpitSecrets(context.secrets);
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
  sub.push(audit, clusters, selection, clustersTree, statusBar, watcher, bindClustersView(views, clusters, clustersTree));

  const workloads = registerWorkloads({ context, clusters, selection, settings: () => settings, log, views });
  documents.bind(workloads.services.documents);
  podDocuments.bind(workloads.services.pods);
  const platform = registerPlatform({ log, secrets, views, extensionUri: context.extensionUri });
  const backups = registerBackups({ context, clusters, secrets, views });
  const runbooksArea = new Lazy(async () => {
    const { registerRunbooks } = await import('./runbooks/registerRunbooks');
    const area = registerRunbooks({ clusters, selection, guard, audit, secrets, log, storageDir: context.globalStorageUri.fsPath, extensions: backups.runbookExtensions });
    sub.push(area);
    return area;
  });
  const runbooks = runbookServices(runbooksArea, context.globalStorageUri.fsPath);
  sub.push(workloads, platform, backups);
  const panels: { canary?: CanaryPanels } = {};
  const rollouts = registerRollouts({ context, log, clusters, selection, settings: () => settings, audit, platform: platform.services, showPanel: (t) => Promise.resolve(void panels.canary?.open(t)), views });
  const canaryPanels = (panels.canary = new CanaryPanels({ extensionUri: context.extensionUri, log, driver: rollouts.services.driver, prometheus: () => platform.services.clients().prometheus }));
  sub.push(rollouts, canaryPanels, decorateDeployments(workloads.services.tree, rollouts.services.driver));
  const portForwards = registerPortForwards(views);
  sub.push(portForwards);
  const edit = registerEdit({ clientFor: (c) => workloads.services.clientFor(c), guard, log });
  sub.push(edit);
  const commands = commandTable({ clusters, selection, settings: () => settings, log, guard, audit, secrets, pluginApprovals, workloads: workloads.services, platform: platform.services, runbooks: runbooks.services, backups: backups.services, rollouts: rollouts.services, portForwards: portForwards.forwards, edit: edit.services });
  sub.push(
    // Every command reads `settings` when it runs: keep it current for any key (and when trust changes what applies).
    onSettingsChanged([''], () => {
      const kubeconfigBefore = JSON.stringify([settings.kubeconfigFiles, settings.workspaceKubeconfigFiles, settings.requestTimeoutMs]);
      settings = readSettings();
      if (JSON.stringify([settings.kubeconfigFiles, settings.workspaceKubeconfigFiles, settings.requestTimeoutMs]) !== kubeconfigBefore) {
        reload();
        log.info(`Settings changed: ${clusters.kubeconfig.contexts.length} context(s) from ${kubeconfigFiles().join(', ')}`);
      }
      statusBar.update();
      clustersTree.refresh();
    }),
  );
  log.info(`Phoenix Ops Cockpit loaded: ${clusters.kubeconfig.contexts.length} context(s) from ${kubeconfigFiles().join(', ')}`);

  return {
    api: {
      clustersTree,
      statusBarText: () => statusBar.text,
      selection: () => selection.current,
      auditFile: audit.file,
      commandIds: () => [...commands.keys()],
      ...workloads.api,
      ...platform.api,
      ...runbooks.api,
      ...backups.api,
      rollouts: () => rollouts.services.driver.snapshots(),
      canaryPanels: () => canaryPanels.states(),
      ...portForwards.api,
      rolloutsTree: rollouts.tree,
    },
    runCommand: (id, args) => {
      const run = commands.get(id);
      if (!run) throw new Error(`${id} is declared but no command implements it`);
      return run(args);
    },
    runbooks: runbooksArea,
    dispose: () => {
      for (const d of sub.reverse()) d.dispose();
    },
  };
}
