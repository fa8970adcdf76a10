// Binds the Clusters view (created at start-up) to its provider and ties the model's watching to what the user can see.
import * as vscode from 'vscode';
import type { ClustersModel } from '../../../domain/clusters/clustersModel';
import { ViewIds } from '../../commandIds';
import type { LazyViews } from '../../startup/lazyViews';
import type { ClustersTreeProvider } from './clustersTreeProvider';

export function bindClustersView(views: LazyViews, model: ClustersModel, provider: ClustersTreeProvider): vscode.Disposable {
  const view = views.bind(ViewIds.clusters, provider);
  model.setActive(view.visible);
  return vscode.Disposable.from(
    // Watch only while someone looks: a hidden view closes its watches, showing it again relists.
    view.onDidChangeVisibility((e) => model.setActive(e.visible)),
    view.onDidCollapseElement((e) => {
      if (e.element.kind === 'context') model.collapsed(e.element.entry.name);
    }),
  );
}
