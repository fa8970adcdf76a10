// Wiring of the Workloads area: the Deployments view (model, provider, scope), and the services its
// commands use. extension.ts calls this once; everything it creates is disposed with the returned value.
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { MetricsClient } from '../../clients/kubernetes/metricsClient';
import { WorkloadsClient } from '../../clients/kubernetes/workloadsClient';
import { err } from '../../core/result';
import { PodUsageModel } from '../../domain/usage/podUsageModel';
import { registerResources } from '../resources/registerResources';
import { registerNodes } from '../nodes/registerNodes';
import { podUsageRows } from '../usage/podUsageRows';
import type { ClustersModel } from '../../domain/clusters/clustersModel';
import { DeploymentsModel } from '../../domain/workloads/deploymentsModel';
import type { WorkloadSources } from '../../domain/workloads/workloadStore';
import type { Settings } from '../settings';
import type { LazyViews } from '../startup/lazyViews';
import type { SelectionState } from '../state/selectionState';
import { DeploymentsTreeProvider } from './deploymentsTreeProvider';
import { bindDeploymentsView, DeploymentsScopeState } from './deploymentsView';
import { KubeDocuments } from './kubeDocuments';
import { LogTails } from './logs/logTails';
import { PodDocuments } from '../pods/podDocuments';
import type { WorkloadServices } from './workloadServices';
import type { WorkloadsApi } from './workloadsApi';

export interface WorkloadsDeps {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  clusters: ClustersModel;
  selection: SelectionState;
  settings: () => Settings;
  views: LazyViews;
}

export interface Workloads extends vscode.Disposable {
  services: WorkloadServices;
  api: WorkloadsApi;
}

export function registerWorkloads(deps: WorkloadsDeps): Workloads {
  const clientFor = (context: string): WorkloadsClient | { message: string } => {
    const cfg = deps.clusters.kubeconfig.configFor(context);
    return cfg.ok ? new WorkloadsClient(context, cfg.config, deps.settings().requestTimeoutMs) : { message: cfg.message };
  };
  const sources = (context: string): WorkloadSources | { message: string } => {
    const c = clientFor(context);
    if (!(c instanceof WorkloadsClient)) return c;
    return { deployments: (ns) => c.source('deployments', ns), replicaSets: (ns) => c.source('replicasets', ns), pods: (ns) => c.source('pods', ns) };
  };
  const model = new DeploymentsModel({ sources });
  const tree = new DeploymentsTreeProvider(model);
  const scope = new DeploymentsScopeState(deps.selection, deps.context.workspaceState);
  // CPU/memory of the pods in scope: one metrics.k8s.io request per poll, only while the view is visible.
  const usage = new PodUsageModel({
    fetch: async (context, namespace, signal) => {
      const c = clientFor(context);
      if (!(c instanceof WorkloadsClient)) return err({ kind: 'config', message: c.message });
      return new MetricsClient(c.http).podMetrics(namespace, undefined, signal);
    },
    intervalMs: () => deps.settings().usage.refreshIntervalMs,
  });
  tree.setPodDecorator(podUsageRows(usage, () => deps.settings().usage.sortPods));
  const usageChanged = usage.onDidChange(() => tree.refreshAll());
  const view = bindDeploymentsView(deps.views, model, tree, scope, usage);
  const nodes = registerNodes(deps.views, deps.selection, clientFor, () => deps.settings().usage.refreshIntervalMs);
  const resources = registerResources(deps.views, deps.selection, clientFor);
  // Served through the start-up stand-in of the phoenix-ops: scheme (src/extension.ts binds it to these).
  const documents = new KubeDocuments(clientFor);
  const pods = new PodDocuments(clientFor);
  const tails = new LogTails(() => ({
    extensionUri: deps.context.extensionUri,
    spoolDir: join(deps.context.globalStorageUri.fsPath, 'log-tails'),
    bufferLines: deps.settings().logs.bufferLines,
    log: deps.log,
  }));
  const services: WorkloadServices = { model, tree, scope, clientFor, documents, pods, tails, usage, nodes: nodes.services, resources: resources.services };
  return {
    services,
    api: { deploymentsTree: tree, nodesTree: nodes.tree, resourcesTree: resources.tree, resourcesWatching: () => resources.services.model.watching, deploymentsScope: () => model.scope, logTails: () => tails.snapshots() },
    dispose: () => {
      tails.dispose();
      documents.dispose();
      pods.dispose();
      view.dispose();
      usageChanged.dispose();
      nodes.disposable.dispose();
      resources.disposable.dispose();
      usage.dispose();
      scope.dispose();
      tree.dispose();
      model.dispose();
    },
  };
}
