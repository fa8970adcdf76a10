// Turns Backups nodes into TreeItems: time, context/namespace, size, verified state and age per backup, the
// verified state as the icon (✓ green, ✗ red, never: a hollow circle); damaged and interrupted folders flagged.
import * as vscode from 'vscode';
import { backupChildren, backupsRoots, type BackupsNode } from '../../domain/backups/backupNodes';
import type { BackupsModel } from '../../domain/backups/backupsModel';
import { accessibleRow } from '../views/accessibleRow';

const ICONS: Record<Extract<BackupsNode, { kind: 'detail' }>['icon'], string> = {
  database: 'database',
  files: 'files',
  lock: 'lock',
  pass: 'pass',
  error: 'error',
  history: 'history',
};

/** A row without children. */
function leaf(node: { id: string; label: string; description: string }, icon: vscode.ThemeIcon, contextValue: string, tooltip?: string, state?: string): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = node.description;
  if (tooltip) item.tooltip = tooltip;
  item.iconPath = icon;
  item.contextValue = contextValue;
  return accessibleRow(item, { state });
}

export class BackupsTreeProvider implements vscode.TreeDataProvider<BackupsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<BackupsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly model: BackupsModel,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.subscription = model.onDidChange(() => this.changed.fire(undefined));
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: BackupsNode): BackupsNode[] {
    if (!node) return this.model.snapshot.loaded ? backupsRoots(this.model.snapshot, this.now()) : [];
    return node.kind === 'backup' ? backupChildren(node, this.now()) : [];
  }

  getTreeItem(node: BackupsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'backup': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = node.description;
        item.tooltip = node.tooltip;
        item.iconPath =
          node.state === 'verified'
            ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'))
            : node.state === 'failed'
              ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'))
              : new vscode.ThemeIcon('circle-large-outline');
        item.contextValue = `backup.${node.state}`;
        item.accessibilityInformation = { label: `Backup of ${node.entry.manifest.context}/${node.entry.manifest.namespace} taken ${node.label}: ${node.description}` };
        return item;
      }
      case 'damaged':
      case 'partial':
        return leaf(node, new vscode.ThemeIcon('warning', new vscode.ThemeColor(node.kind === 'damaged' ? 'errorForeground' : 'list.warningForeground')), `backup.${node.kind}`, node.tooltip, node.kind);
      case 'activity':
        return leaf(node, new vscode.ThemeIcon('sync~spin'), 'backupActivity');
      case 'detail': {
        const color = node.icon === 'error' ? new vscode.ThemeColor('errorForeground') : node.icon === 'pass' ? new vscode.ThemeColor('testing.iconPassed') : undefined;
        return leaf(node, new vscode.ThemeIcon(ICONS[node.icon], color), 'backupDetail', node.tooltip, node.icon === 'error' ? 'failed' : node.icon === 'pass' ? 'passed' : undefined);
      }
      case 'error':
        return leaf(node, new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')), 'backupsError', node.description, 'error');
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
