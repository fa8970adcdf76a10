// Binds the Deployments view (created at start-up): follows the cockpit's selection (context, namespace) or shows
// all namespaces, watches only while visible, and says its scope in the view's description.
import * as vscode from 'vscode';
import type { ResolvedSelection } from '../../domain/clusters/selection';
import type { PodUsageModel } from '../../domain/usage/podUsageModel';
import type { DeploymentsModel, DeploymentsScope } from '../../domain/workloads/deploymentsModel';
import type { WorkloadNode } from '../../domain/workloads/workloadNodes';
import { ContextKeys, ViewIds } from '../commandIds';
import type { LazyViews } from '../startup/lazyViews';
import type { SelectionState } from '../state/selectionState';
import type { DeploymentsTreeProvider } from './deploymentsTreeProvider';

const ALL_KEY = 'phoenixOps.deployments.allNamespaces';

/** The view's namespace filter: the cockpit's selected namespace, or all namespaces (kept per workspace). */
export class DeploymentsScopeState implements vscode.Disposable {
  private last: ResolvedSelection;
  /** `reload`: nothing changed but the kubeconfig or settings were re-read (the same selection was fired again). */
  private readonly changed = new vscode.EventEmitter<{ scope: DeploymentsScope; reload: boolean }>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly selection: SelectionState,
    private readonly memento: vscode.Memento,
  ) {
    this.last = selection.current;
    this.subscription = selection.onDidChange((s) => void this.onSelection(s));
  }

  get allNamespaces(): boolean {
    return this.memento.get<boolean>(ALL_KEY) ?? false;
  }

  get current(): DeploymentsScope {
    const { context, namespace } = this.selection.current;
    return { context, namespace, allNamespaces: this.allNamespaces };
  }

  /** The selection changed: a newly picked namespace means "show that one", so it ends all-namespaces. */
  private async onSelection(next: ResolvedSelection): Promise<void> {
    const namespaceChanged = next.namespace !== this.last.namespace && next.context === this.last.context;
    const same = next.namespace === this.last.namespace && next.context === this.last.context;
    this.last = next;
    if (namespaceChanged && this.allNamespaces) await this.memento.update(ALL_KEY, false);
    this.changed.fire({ scope: this.current, reload: same });
  }

  async showAll(all: boolean): Promise<void> {
    await this.memento.update(ALL_KEY, all);
    this.changed.fire({ scope: this.current, reload: false });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

export function bindDeploymentsView(views: LazyViews, model: DeploymentsModel, provider: DeploymentsTreeProvider, scope: DeploymentsScopeState, usage?: PodUsageModel): vscode.Disposable {
  const view = views.bind<WorkloadNode>(ViewIds.deployments, provider);
  const describe = () => {
    const s = scope.current;
    view.description = s.context ? `${s.context} · ${s.allNamespaces ? 'all namespaces' : s.namespace}` : undefined;
    // The "no context selected" welcome may show only when that is true: VS Code shows a view's welcome
    // whenever its tree is empty, including before the first rows arrive.
    void vscode.commands.executeCommand('setContext', ContextKeys.deploymentsNoContext, !s.context);
  };
  // The view's progress bar runs while a list is in flight (the Loading row says how far it got).
  let progress = false;
  const showProgress = () => {
    if (progress || !model.listing) return;
    progress = true;
    void vscode.window.withProgress({ location: { viewId: ViewIds.deployments } }, () => model.whenListed()).then(() => {
      progress = false;
      showProgress(); // the scope changed meanwhile and its list is in flight too
    });
  };
  // The same selection fired again means the kubeconfig or settings were reloaded: list afresh with them.
  const usageScope = (s: DeploymentsScope) => usage?.setScope({ context: s.context, namespace: s.allNamespaces ? undefined : s.namespace });
  const apply = (e: { scope: DeploymentsScope; reload: boolean }) => {
    if (!model.setScope(e.scope) && e.reload) model.retry();
    usageScope(e.scope);
    describe();
  };
  model.setScope(scope.current);
  usageScope(scope.current);
  describe();
  model.setActive(view.visible);
  usage?.setActive(view.visible);
  return vscode.Disposable.from(
    // Watch only while someone looks: hidden closes every watch, shown again lists afresh.
    view.onDidChangeVisibility((e) => {
      model.setActive(e.visible);
      usage?.setActive(e.visible);
    }),
    view.onDidCollapseElement((e) => model.collapsed(e.element)),
    scope.onDidChange(apply),
    model.onDidChange(showProgress),
  );
}
