// "Filter Namespace…" in the Deployments view title: the cockpit's namespace, another one, or all namespaces.
import * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';

interface NsItem extends vscode.QuickPickItem {
  choice: { all: true } | { all: false; namespace: string };
}

export const filterDeploymentsNamespaceCommand: CommandFactory = ({ clusters, selection, workloads }) => ({
  id: CommandIds.filterDeploymentsNamespace,
  async run(arg?: unknown) {
    const { context, namespace } = selection.current;
    if (!context) return;
    // Automation passes "*" for all namespaces or a namespace name.
    if (typeof arg === 'string') return arg === '*' ? workloads.scope.showAll(true) : apply(arg);
    const all = workloads.scope.allNamespaces;
    const qp = vscode.window.createQuickPick<NsItem>();
    qp.title = `Phoenix Ops: Deployments in ${context}`;
    qp.placeholder = 'Loading namespaces…';
    qp.busy = true;
    const allItem: NsItem = { label: '$(list-flat) All namespaces', description: all ? 'shown now' : undefined, choice: { all: true } };
    qp.items = [allItem];
    const abort = new AbortController();
    const picked = new Promise<NsItem['choice'] | undefined>((resolve) => {
      qp.onDidAccept(() => resolve(qp.selectedItems[0]?.choice ?? (qp.value.trim() ? { all: false, namespace: qp.value.trim() } : undefined)));
      qp.onDidHide(() => resolve(undefined));
    });
    qp.show();
    void clusters.listNamespaceNames(context, abort.signal).then((r) => {
      qp.busy = false;
      qp.placeholder = r.ok ? 'Namespace whose deployments to show (also sets the cockpit namespace)' : `Could not list namespaces: ${r.message} Type a namespace name.`;
      const names = r.ok ? r.names : [];
      const items = [allItem, ...names.map((n): NsItem => ({ label: n, description: !all && n === namespace ? 'shown now' : undefined, choice: { all: false, namespace: n } }))];
      qp.items = items;
      // Open on what is shown now (Enter keeps it), not on the first row; unless the user has started typing.
      const shown = items.find((i) => i.description === 'shown now');
      if (shown && !qp.value) qp.activeItems = [shown];
    });
    const choice = await picked;
    abort.abort();
    qp.dispose();
    if (!choice) return;
    if (choice.all) return workloads.scope.showAll(true);
    return apply(choice.namespace);

    async function apply(ns: string): Promise<void> {
      if (ns !== selection.current.namespace) await selection.selectNamespace(ns);
      await workloads.scope.showAll(false);
    }
  },
});
