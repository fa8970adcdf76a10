// Turns Resources model nodes into TreeItems. No fetching here: the model owns that (and only for expanded kinds).
import * as vscode from 'vscode';
import type { ResourceNode } from '../../domain/resources/resourceNodes';
import type { ResourcesModel } from '../../domain/resources/resourcesModel';
import { pacedRefreshes } from '../views/treeRefreshes';
import { endpointItem, groupItem, objectItem, resourceMessageItem, resourceNamespaceItem, secretKeyItem } from './resourceItems';

export class ResourcesTreeProvider implements vscode.TreeDataProvider<ResourceNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ResourceNode | ResourceNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };
  /** Refreshes each shown at once (a big kind's pages as they come), not held back until they stop coming. */
  private readonly refreshes = pacedRefreshes<ResourceNode>((n) => this.changed.fire(n));

  constructor(private readonly model: ResourcesModel) {
    this.subscription = model.onDidChange((n) => this.refreshes.push(n));
  }

  getChildren(node?: ResourceNode): ResourceNode[] | Promise<ResourceNode[]> {
    return node ? this.model.children(node) : this.model.roots();
  }

  getTreeItem(node: ResourceNode): vscode.TreeItem {
    switch (node.kind) {
      case 'namespace':
        return resourceNamespaceItem(node);
      case 'group':
        return groupItem(node, this.model.groupCount(node));
      case 'object':
        return objectItem(node);
      case 'secretKey':
        return secretKeyItem(node);
      case 'endpoint':
        return endpointItem(node);
      case 'message':
        return resourceMessageItem(node);
    }
  }

  getParent(node: ResourceNode): ResourceNode | undefined {
    return this.model.parentOf(node);
  }

  dispose(): void {
    this.subscription.dispose();
    this.refreshes.dispose();
    this.changed.dispose();
  }
}
