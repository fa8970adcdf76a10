// Turns Deployments model nodes into TreeItems. No data fetching here: the model owns that.
import * as vscode from 'vscode';
import type { DeploymentsModel } from '../../domain/workloads/deploymentsModel';
import type { WorkloadNode } from '../../domain/workloads/workloadNodes';
import { deploymentItem, messageItem, namespaceItem, podItem, replicaSetItem, revisionsItem } from './workloadItems';

export class DeploymentsTreeProvider implements vscode.TreeDataProvider<WorkloadNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<WorkloadNode | WorkloadNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(private readonly model: DeploymentsModel) {
    this.subscription = model.onDidChange((nodes) => this.changed.fire(nodes));
  }

  getChildren(node?: WorkloadNode): WorkloadNode[] | Promise<WorkloadNode[]> {
    return node ? this.model.children(node) : this.model.roots();
  }

  getTreeItem(node: WorkloadNode): vscode.TreeItem {
    const now = Date.now();
    switch (node.kind) {
      case 'namespace':
        return namespaceItem(node);
      case 'deployment':
        return deploymentItem(node, now);
      case 'pod':
        return podItem(node, now);
      case 'revisions':
        return revisionsItem(node);
      case 'replicaSet':
        return replicaSetItem(node, now);
      case 'message':
        return messageItem(node);
    }
  }

  getParent(node: WorkloadNode): WorkloadNode | undefined {
    return this.model.parentOf(node);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
