// Turns Nodes model rows into TreeItems. No fetching here: the model owns that.
import * as vscode from 'vscode';
import type { NodesModel, NodesTreeNode } from '../../domain/nodes/nodesModel';
import { nodeItem, nodeMessageItem, nodePodItem } from './nodeItems';

export class NodesTreeProvider implements vscode.TreeDataProvider<NodesTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<NodesTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(private readonly model: NodesModel) {
    this.subscription = model.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: NodesTreeNode): NodesTreeNode[] {
    return node ? this.model.children(node) : this.model.roots();
  }

  getTreeItem(node: NodesTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'node':
        return nodeItem(node, Date.now());
      case 'nodePod':
        return nodePodItem(node);
      case 'message':
        return nodeMessageItem(node);
    }
  }

  getParent(node: NodesTreeNode): NodesTreeNode | undefined {
    return node.kind === 'nodePod' ? this.model.row(node.node) : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
