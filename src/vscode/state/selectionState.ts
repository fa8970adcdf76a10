// The cockpit's selected context/namespace, stored in workspace state (never in the kubeconfig).
import * as vscode from 'vscode';
import type { KubeconfigSnapshot } from '../../clients/kubernetes/kubeconfigLoader';
import { type ResolvedSelection, resolveSelection, type StoredSelection } from '../../domain/clusters/selection';

const KEY = 'phoenixOps.selection';

export class SelectionState implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ResolvedSelection>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly memento: vscode.Memento,
    private readonly kubeconfig: () => Pick<KubeconfigSnapshot, 'contexts' | 'currentContext'>,
  ) {}

  get current(): ResolvedSelection {
    return resolveSelection(this.memento.get<StoredSelection>(KEY), this.kubeconfig());
  }

  async select(context: string, namespace?: string): Promise<void> {
    await this.memento.update(KEY, { context, namespace } satisfies StoredSelection);
    this.changed.fire(this.current);
  }

  async selectNamespace(namespace: string): Promise<void> {
    const { context } = this.current;
    if (context) await this.select(context, namespace);
  }

  /** The kubeconfig changed underneath (files, settings): tell listeners the resolution may differ. */
  refresh(): void {
    this.changed.fire(this.current);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
