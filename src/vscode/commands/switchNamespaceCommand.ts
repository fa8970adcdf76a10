// "Switch Namespace": pick from the live namespaces of the selected context, or type one
// (users without list permission on namespaces can still name theirs).
import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import type { CommandFactory } from './command';

interface NsItem extends vscode.QuickPickItem {
  namespace: string;
}

export const switchNamespaceCommand: CommandFactory = ({ clusters, selection }) => ({
  id: CommandIds.switchNamespace,
  async run() {
    const { context, namespace } = selection.current;
    if (!context) {
      void vscode.window.showWarningMessage('Pick a context first.', 'Switch Context').then((p) => p && vscode.commands.executeCommand(CommandIds.switchContext));
      return;
    }
    const qp = vscode.window.createQuickPick<NsItem>();
    qp.title = `Phoenix Ops: Switch Namespace (${context})`;
    qp.placeholder = 'Loading namespaces…';
    qp.busy = true;
    let names: string[] = [];
    const typed = (value: string): NsItem[] =>
      value && !names.includes(value) ? [{ label: `$(edit) Use "${value}"`, namespace: value, alwaysShow: true }] : [];
    const render = () => {
      const items = [...typed(qp.value.trim()), ...names.map((n) => ({ label: n, namespace: n, description: n === namespace ? 'selected' : undefined }))];
      qp.items = items;
      // Open on the current namespace (Enter keeps it), not on the first of the list; typing filters as usual.
      const current = qp.value ? undefined : items.find((i) => i.namespace === namespace);
      if (current) qp.activeItems = [current];
    };
    const abort = new AbortController();
    const result = new Promise<string | undefined>((resolve) => {
      qp.onDidChangeValue(render);
      qp.onDidAccept(() => resolve(qp.selectedItems[0]?.namespace));
      qp.onDidHide(() => resolve(undefined));
    });
    qp.show();
    void clusters.listNamespaceNames(context, abort.signal).then((r) => {
      qp.busy = false;
      if (r.ok) {
        names = r.names;
        qp.placeholder = `Current: ${namespace}`;
      } else {
        qp.placeholder = `Could not list namespaces: ${r.message} Type a namespace name instead.`;
      }
      render();
    });
    const picked = await result;
    abort.abort();
    qp.dispose();
    if (picked) await selection.selectNamespace(picked);
  },
});
