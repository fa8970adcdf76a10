// Turns Deployments model nodes into TreeItems. No data fetching here: the model owns that.
import * as vscode from 'vscode';
import type { DeploymentsModel } from '../../domain/workloads/deploymentsModel';
import type { DeploymentNode, PodNode, WorkloadNode } from '../../domain/workloads/workloadNodes';
import { pacedRefreshes } from '../views/treeRefreshes';
import { deploymentItem, messageItem, namespaceItem, podItem, replicaSetItem, revisionsItem } from './workloadItems';

export class DeploymentsTreeProvider implements vscode.TreeDataProvider<WorkloadNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<WorkloadNode | WorkloadNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };
  /** Refreshes each shown at once (a list's pages as they come), not held back until they stop coming. */
  private readonly refreshes = pacedRefreshes<WorkloadNode>((n) => this.changed.fire(n));
  /** Adds to a deployment's row what another area knows about it (a canary rollout). */
  private decorator: ((node: DeploymentNode, item: vscode.TreeItem, now: number) => void) | undefined;
  /** Adds to a pod's row what another area knows about it (CPU/memory use), and may reorder a deployment's pods. */
  private podDecorator: { decorate(node: PodNode, item: vscode.TreeItem): void; order(pods: PodNode[]): PodNode[] } | undefined;

  constructor(private readonly model: DeploymentsModel) {
    this.subscription = model.onDidChange((nodes) => this.refreshes.push(nodes));
  }

  getChildren(node?: WorkloadNode): WorkloadNode[] | Promise<WorkloadNode[]> {
    if (!node) return this.model.roots();
    const kids = this.model.children(node);
    const pods = this.podDecorator;
    if (node.kind !== 'deployment' || !pods) return kids;
    // Pods in the decorator's order (by use), the other rows (Revisions) where they were.
    const sorted = pods.order(kids.filter((k): k is PodNode => k.kind === 'pod'));
    return kids.map((k) => (k.kind === 'pod' ? (sorted.shift() ?? k) : k));
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
      case 'pod': {
        const item = podItem(node, now);
        this.podDecorator?.decorate(node, item);
        return item;
      }
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
    this.refreshes.push(undefined);
  }

  setPodDecorator(decorator: DeploymentsTreeProvider['podDecorator']): void {
    this.podDecorator = decorator;
    this.refreshes.push(undefined);
  }

  /** Re-renders every row (pod usage changed). */
  refreshAll(): void {
    this.refreshes.push(undefined);
  }

  /** Re-renders one deployment's row (when it is on screen). */
  refreshDeployment(namespace: string, name: string): void {
    const node = this.model.rowOf(namespace, name);
    if (node) this.refreshes.push(node);
  }

  getParent(node: WorkloadNode): WorkloadNode | undefined {
    return this.model.parentOf(node);
  }

  dispose(): void {
    this.subscription.dispose();
    this.refreshes.dispose();
    this.changed.dispose();
  }
}
