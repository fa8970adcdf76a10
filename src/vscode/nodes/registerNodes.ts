// Wiring of the Nodes view: a model following the selected context, read only while the view is visible, and the
// clients its commands use. registerWorkloads calls it (the same Kubernetes area, loaded on first use).
import type * as vscode from 'vscode';
import { MetricsClient } from '../../clients/kubernetes/metricsClient';
import { NodesClient } from '../../clients/kubernetes/nodesClient';
import { WorkloadsClient } from '../../clients/kubernetes/workloadsClient';
import { NodesModel } from '../../domain/nodes/nodesModel';
import { ViewIds } from '../commandIds';
import type { LazyViews } from '../startup/lazyViews';
import type { SelectionState } from '../state/selectionState';
import { NodesTreeProvider } from './nodesTreeProvider';

export interface NodeServices {
  model: NodesModel;
  /** Nodes requests (cordon) for a context, or why there cannot be one. */
  clientFor(context: string): NodesClient | { message: string };
}

export function registerNodes(
  views: LazyViews,
  selection: SelectionState,
  workloadsClientFor: (context: string) => WorkloadsClient | { message: string },
  intervalMs: () => number,
): { services: NodeServices; tree: vscode.TreeDataProvider<unknown>; disposable: vscode.Disposable } {
  const clientFor = (context: string): NodesClient | { message: string } => {
    const c = workloadsClientFor(context);
    return c instanceof WorkloadsClient ? new NodesClient(c.http, c.pageSize) : c;
  };
  const model = new NodesModel({
    intervalMs,
    sourceFor: (context) => {
      const c = workloadsClientFor(context);
      if (!(c instanceof WorkloadsClient)) return c;
      const nodes = new NodesClient(c.http, c.pageSize);
      const metrics = new MetricsClient(c.http);
      return { nodes: (s) => nodes.nodes(s), nodeMetrics: (s) => metrics.nodeMetrics(s), pods: (s) => nodes.podsOnAnyNode(s) };
    },
  });
  const tree = new NodesTreeProvider(model);
  const view = views.bind(ViewIds.nodes, tree);
  const describe = () => (view.description = model.currentContext);
  model.setContext(selection.current.context);
  describe();
  model.setActive(view.visible);
  const subs = [
    view.onDidChangeVisibility((e) => model.setActive(e.visible)),
    selection.onDidChange((s) => {
      model.setContext(s.context);
      describe();
    }),
  ];
  return {
    services: { model, clientFor },
    tree: tree as vscode.TreeDataProvider<unknown>,
    disposable: {
      dispose: () => {
        for (const s of subs) s.dispose();
        tree.dispose();
        model.dispose();
      },
    },
  };
}
