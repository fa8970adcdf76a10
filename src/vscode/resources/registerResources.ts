// Wiring of the Resources view: a model following the cockpit's selected namespace; a kind is listed and watched
// only while its row is expanded and the view visible (expand starts it, collapse stops it); the view's description
// says the filter. registerWorkloads calls it (the same Kubernetes area).
import * as vscode from 'vscode';
import { ResourcesClient } from '../../clients/kubernetes/resourcesClient';
import { WorkloadsClient } from '../../clients/kubernetes/workloadsClient';
import type { ResourceNode } from '../../domain/resources/resourceNodes';
import { ResourcesModel } from '../../domain/resources/resourcesModel';
import { ContextKeys, ViewIds } from '../commandIds';
import type { LazyViews } from '../startup/lazyViews';
import type { SelectionState } from '../state/selectionState';
import { ResourcesTreeProvider } from './resourcesTreeProvider';

export interface ResourceServices {
  model: ResourcesModel;
  /** Requests for any kind on a context, or why there cannot be one. */
  clientFor(context: string): ResourcesClient | { message: string };
  /** Narrows the loaded kinds to names containing `text` ('' clears it) and says so in the view. */
  setFilter(text: string): void;
}

export function registerResources(
  views: LazyViews,
  selection: SelectionState,
  workloadsClientFor: (context: string) => WorkloadsClient | { message: string },
): { services: ResourceServices; tree: vscode.TreeDataProvider<unknown>; disposable: vscode.Disposable } {
  const clientFor = (context: string): ResourcesClient | { message: string } => {
    const c = workloadsClientFor(context);
    return c instanceof WorkloadsClient ? new ResourcesClient(c) : c;
  };
  const model = new ResourcesModel({
    sourcesFor: (context) => {
      const c = clientFor(context);
      if (!(c instanceof ResourcesClient)) return c;
      return {
        source: (t, ns) => c.source(t, ns),
        discover: (signal) => c.discoverNamespaced(signal),
        endpoints: (ns, svc, selector, signal) => c.endpoints(ns, svc, selector, signal),
      };
    },
  });
  const tree = new ResourcesTreeProvider(model);
  const view = views.bind<ResourceNode>(ViewIds.resources, tree);
  const describe = () => {
    const s = model.scope;
    view.description = [s.context && s.namespace ? `${s.context} · ${s.namespace}` : '', model.filter ? `filter: "${model.filter}"` : ''].filter(Boolean).join(' · ') || undefined;
    void vscode.commands.executeCommand('setContext', ContextKeys.resourcesFiltered, model.filter !== '');
  };
  const follow = () => {
    model.setScope(selection.current.context, selection.current.namespace);
    describe();
  };
  follow();
  model.setActive(view.visible);
  const subs = [
    view.onDidChangeVisibility((e) => model.setActive(e.visible)),
    view.onDidExpandElement((e) => model.expanded(e.element)),
    view.onDidCollapseElement((e) => model.collapsed(e.element)),
    selection.onDidChange(follow),
  ];
  const setFilter = (text: string) => {
    model.setFilter(text);
    describe();
  };
  return {
    services: { model, clientFor, setFilter },
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
