// Turns Clusters model nodes into TreeItems. No data fetching here: the model owns that.
import * as vscode from 'vscode';
import { matchesAny } from '../../../core/glob';
import type { ClustersModel } from '../../../domain/clusters/clustersModel';
import type { ClustersNode, ContextNode, ErrorNode, NamespaceNode } from '../../../domain/clusters/clusterNodes';
import { CommandIds } from '../../commandIds';
import type { SelectionState } from '../../state/selectionState';
import { accessibleRow } from '../accessibleRow';

export class ClustersTreeProvider implements vscode.TreeDataProvider<ClustersNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ClustersNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly model: ClustersModel,
    private readonly selection: SelectionState,
    private readonly protectedContexts: () => readonly string[],
  ) {
    this.subscriptions.push(
      { dispose: () => this.changed.dispose() },
      model.onDidChange((node) => this.changed.fire(node)),
      selection.onDidChange(() => this.changed.fire(undefined)),
    );
  }

  /** Re-render everything (e.g. protectedContexts changed). */
  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: ClustersNode): ClustersNode[] | Promise<ClustersNode[]> {
    if (!node) return this.model.roots();
    if (node.kind === 'context') return this.model.children(node);
    return [];
  }

  getTreeItem(node: ClustersNode): vscode.TreeItem {
    switch (node.kind) {
      case 'context':
        return this.contextItem(node);
      case 'namespace':
        return this.namespaceItem(node);
      case 'error':
        return errorItem(node);
    }
  }

  getParent(node: ClustersNode): ClustersNode | undefined {
    const context = node.kind === 'namespace' || node.kind === 'error' ? node.context : undefined;
    return context ? this.model.contextNode(context) : undefined;
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }

  private contextItem(node: ContextNode): vscode.TreeItem {
    const { entry } = node;
    const selected = this.selection.current.context === entry.name;
    const isProtected = matchesAny(entry.name, this.protectedContexts());
    // The selected context starts expanded: opening the view is asking to see that cluster.
    const item = new vscode.TreeItem(entry.name, selected ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = node.id;
    item.description = [selected ? 'selected' : undefined, node.isKubectlCurrent ? 'kubectl current' : undefined, isProtected ? 'protected' : undefined]
      .filter(Boolean)
      .join(' · ');
    item.iconPath = selected
      ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor(isProtected ? 'charts.red' : 'charts.green'))
      : new vscode.ThemeIcon(isProtected ? 'shield' : 'cloud');
    item.contextValue = selected ? 'context.selected' : 'context';
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`**${escape(entry.name)}**${isProtected ? ' $(shield) protected' : ''}\n\n`);
    // Inside a code span a backslash is shown as it is: names go in unescaped (phoenix-prod, not phoenix\-prod).
    tip.appendMarkdown(`- cluster: ${codeSpan(entry.cluster)} ${entry.server ? `(${escape(entry.server)})` : '(not defined)'}\n`);
    tip.appendMarkdown(`- user: ${codeSpan(entry.user)}\n`);
    tip.appendMarkdown(`- default namespace: ${codeSpan(entry.namespace ?? 'default')}\n`);
    tip.appendMarkdown(`- from: ${escape(entry.file)}${entry.visibleToKubectl ? '' : ' (setting only; kubectl does not read it)'}\n`);
    item.tooltip = tip;
    return accessibleRow(item, { kind: 'Context' });
  }

  private namespaceItem(node: NamespaceNode): vscode.TreeItem {
    const sel = this.selection.current;
    const selected = sel.context === node.context && sel.namespace === node.name;
    const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = [selected ? 'selected' : undefined, node.phase && node.phase !== 'Active' ? node.phase : undefined].filter(Boolean).join(' · ');
    item.iconPath = selected ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('charts.green')) : new vscode.ThemeIcon('symbol-namespace');
    item.contextValue = 'namespace';
    item.tooltip = `Namespace ${node.name} in ${node.context}${node.phase ? ` (${node.phase})` : ''}\nClick to select it in the cockpit.`;
    item.command = { command: CommandIds.selectNamespace, title: 'Select Namespace', arguments: [node] };
    return accessibleRow(item, { kind: 'Namespace', summary: `in context ${node.context}` });
  }
}

function errorItem(node: ErrorNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.title, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = node.message;
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  item.contextValue = 'error';
  const tip = new vscode.MarkdownString(undefined, true);
  tip.appendCodeblock(node.detail, 'text');
  tip.appendMarkdown(`\n${escape(node.hint)}\n\n$(refresh) Click to retry.`);
  item.tooltip = tip;
  item.command = { command: CommandIds.retryNode, title: 'Retry', arguments: [node] };
  return accessibleRow(item, { state: 'error', summary: node.hint });
}

/** A CommonMark code span holding `s` literally: fenced by one backtick more than its longest run of them. */
export function codeSpan(s: string): string {
  const fence = '`'.repeat(Math.max(0, ...(s.match(/`+/g) ?? []).map((r) => r.length)) + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
