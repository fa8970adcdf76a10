// Creates the Clusters TreeView and ties the model's watching to what the user can see.
import * as vscode from 'vscode';
import type { ClustersModel } from '../../../domain/clusters/clustersModel';
import type { ClustersNode } from '../../../domain/clusters/clusterNodes';
import { ViewIds } from '../../commandIds';
import type { ClustersTreeProvider } from './clustersTreeProvider';

export function createClustersView(model: ClustersModel, provider: ClustersTreeProvider): vscode.Disposable {
  const view = vscode.window.createTreeView<ClustersNode>(ViewIds.clusters, { treeDataProvider: provider, showCollapseAll: true });
  model.setActive(view.visible);
  return vscode.Disposable.from(
    view,
    // Watch only while someone looks: a hidden view closes its watches, showing it again relists.
    view.onDidChangeVisibility((e) => model.setActive(e.visible)),
    view.onDidCollapseElement((e) => {
      if (e.element.kind === 'context') model.collapsed(e.element.entry.name);
    }),
  );
}
