// Turns Deployments model nodes into TreeItems. No data fetching here: the model owns that.
import * as vscode from 'vscode';
import type { DeploymentsModel } from '../../domain/workloads/deploymentsModel';
import type { DeploymentNode, WorkloadNode } from '../../domain/workloads/workloadNodes';
import { deploymentItem, messageItem, namespaceItem, podItem, replicaSetItem, revisionsItem } from './workloadItems';

export class DeploymentsTreeProvider implements vscode.TreeDataProvider<WorkloadNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<WorkloadNode | WorkloadNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };
  /** Adds to a deployment's row what another area knows about it (a canary rollout). */
  private decorator: ((node: DeploymentNode, item: vscode.TreeItem, now: number) => void) | undefined;

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
      case 'deployment': {
        const item = deploymentItem(node, now);
        this.decorator?.(node, item, now);
        return item;
      }
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

  setDecorator(decorator: ((node: DeploymentNode, item: vscode.TreeItem, now: number) => void) | undefined): void {
    this.decorator = decorator;
    this.changed.fire(undefined);
  }

  /** Re-renders one deployment's row (when it is on screen). */
  refreshDeployment(namespace: string, name: string): void {
    const node = this.model.rowOf(namespace, name);
    if (node) this.changed.fire(node);
  }

  getParent(node: WorkloadNode): WorkloadNode | undefined {
    return this.model.parentOf(node);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
