// Status bar item: the cockpit's context/namespace, marked when the context is protected.
import * as vscode from 'vscode';
import { matchesAny } from '../../core/glob';
import { CommandIds } from '../commandIds';
import type { SelectionState } from '../state/selectionState';

export class ContextStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('phoenixOps.context', vscode.StatusBarAlignment.Left, 100);
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly selection: SelectionState,
    private readonly protectedContexts: () => readonly string[],
  ) {
    this.item.name = 'Phoenix Ops: Kubernetes context';
    this.item.command = CommandIds.switchContext;
    this.subscription = selection.onDidChange(() => this.update());
    this.update();
    this.item.show();
  }

  get text(): string {
    return this.item.text;
  }

  update(): void {
    const { context, namespace } = this.selection.current;
    if (!context) {
      this.item.text = '$(cloud) no context';
      this.item.tooltip = 'No kubeconfig context found. Click to pick one.';
      this.item.backgroundColor = undefined;
      return;
    }
    const isProtected = matchesAny(context, this.protectedContexts());
    this.item.text = `${isProtected ? '$(shield)' : '$(cloud)'} ${context} / ${namespace}`;
    this.item.tooltip = new vscode.MarkdownString(
      `Phoenix Ops is pointed at context **${context}**, namespace **${namespace}**${isProtected ? '\n\n$(shield) Protected: mutations ask for confirmation.' : ''}\n\nClick to switch context.`,
      true,
    );
    // A protected (production) context should be impossible to overlook.
    this.item.backgroundColor = isProtected ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
