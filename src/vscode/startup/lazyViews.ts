// Every tree view of the cockpit is created at start-up with a stand-in data provider, so VS Code can show a view the
// moment it opens; the area that owns the view binds its real provider when it has loaded, and the stand-in then
// forwards everything to it. A view opened before that waits (VS Code shows its progress bar) instead of erroring.
import * as vscode from 'vscode';
import { type ViewId, ViewIds } from '../commandIds';

class StandInProvider implements vscode.TreeDataProvider<unknown>, vscode.Disposable {
  private real: vscode.TreeDataProvider<unknown> | undefined;
  private readonly bound: Promise<vscode.TreeDataProvider<unknown>>;
  private resolveBound!: (p: vscode.TreeDataProvider<unknown>) => void;
  private readonly changed = new vscode.EventEmitter<unknown>();
  private forwarding: vscode.Disposable | undefined;
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly wanted: () => Promise<unknown>) {
    this.bound = new Promise((resolve) => (this.resolveBound = resolve));
  }

  bind(provider: vscode.TreeDataProvider<unknown>): void {
    this.forwarding?.dispose();
    this.real = provider;
    this.forwarding = provider.onDidChangeTreeData?.((e) => this.changed.fire(e));
    this.resolveBound(provider);
    // Rows asked for before the bind were never answered by anyone but the wait above; draw from the real one now.
    this.changed.fire(undefined);
  }

  async getChildren(element?: unknown): Promise<unknown[]> {
    // A failed load rejects here: an empty list would show the view's welcome text ("nothing configured"), which is untrue.
    const real = this.real ?? (await Promise.race([this.bound, this.wanted().then(() => this.bound)]));
    return (await real.getChildren(element)) ?? [];
  }

  // Elements only ever come from the real provider, so it is bound by the time VS Code asks for their items.
  getTreeItem(element: unknown): vscode.TreeItem | Thenable<vscode.TreeItem> {
    if (!this.real) throw new Error('tree item asked for before its view was bound');
    return this.real.getTreeItem(element);
  }

  getParent(element: unknown): vscode.ProviderResult<unknown> {
    return this.real?.getParent?.(element);
  }

  resolveTreeItem(item: vscode.TreeItem, element: unknown, token: vscode.CancellationToken): vscode.ProviderResult<vscode.TreeItem> {
    return this.real?.resolveTreeItem ? this.real.resolveTreeItem(item, element, token) : item;
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.changed.dispose();
  }
}

/** The cockpit's tree views, created at start-up; `bind` hands a view its real provider and returns the TreeView. */
export class LazyViews implements vscode.Disposable {
  private readonly entries = new Map<ViewId, { view: vscode.TreeView<unknown>; provider: StandInProvider }>();

  /** `wanted` is called when a view needs rows before its area has loaded: it loads the area (and says why it could not). */
  constructor(wanted: () => Promise<unknown>) {
    for (const id of Object.values(ViewIds)) {
      const provider = new StandInProvider(wanted);
      this.entries.set(id, { provider, view: vscode.window.createTreeView(id, { treeDataProvider: provider, showCollapseAll: true }) });
    }
  }

  bind<T>(id: ViewId, provider: vscode.TreeDataProvider<T>): vscode.TreeView<T> {
    const e = this.entry(id);
    e.provider.bind(provider as vscode.TreeDataProvider<unknown>);
    return e.view as vscode.TreeView<T>;
  }

  /** Says on every view that the cockpit could not load (a bug, or a broken install): views must not look empty. */
  failed(message: string): void {
    for (const { view } of this.entries.values()) view.message = message;
  }

  /** What VS Code calls for the view's rows (the stand-in, forwarding once bound). */
  provider(id: ViewId): vscode.TreeDataProvider<unknown> {
    return this.entry(id).provider;
  }

  private entry(id: ViewId): { view: vscode.TreeView<unknown>; provider: StandInProvider } {
    const e = this.entries.get(id);
    if (!e) throw new Error(`no view ${id} in ViewIds`);
    return e;
  }

  dispose(): void {
    for (const { view, provider } of this.entries.values()) {
      view.dispose();
      provider.dispose();
    }
  }
}
