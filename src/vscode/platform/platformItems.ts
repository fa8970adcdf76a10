// TreeItems the platform views share: a task of the queue, an error with its fix and a retry, a plain message.
import { clockTime } from '../../core/clock';
import { escapeMarkdown, markdownCode } from '../../core/markdown';
import * as vscode from 'vscode';
import type { QueueTask } from '../../clients/platform/taskQueueClient';
import { formatAge, formatAgeCoarse } from '../../domain/alerts/alertText';
import { accessibleRow } from '../views/accessibleRow';

/** What a set of rows shows (ids, labels, descriptions, menus): equal signatures need no re-render. */
export function renderSignature<T>(provider: { getTreeItem(node: T): vscode.TreeItem }, nodes: readonly T[], childrenOf?: (node: T) => readonly T[]): string {
  const parts: string[] = [];
  const visit = (list: readonly T[]) => {
    for (const n of list) {
      const item = provider.getTreeItem(n);
      parts.push(`${item.id ?? ''}|${typeof item.label === 'string' ? item.label : (item.label?.label ?? '')}|${String(item.description ?? '')}|${item.contextValue ?? ''}`);
      if (childrenOf) visit(childrenOf(n));
    }
  };
  visit(nodes);
  return parts.join('\n');
}

/** "last known 10:42:07 (3m ago) · " before a row whose source does not answer now (empty when it does). */
export function asOfText(asOf: Date | undefined, now = Date.now()): string {
  return asOf ? `last known ${clockTime(asOf)} (${formatAgeCoarse(now - asOf.getTime())} ago) · ` : '';
}

const TASK_ICONS: Record<string, [string, string | undefined]> = {
  pending: ['clock', undefined],
  assigned: ['arrow-right', 'charts.blue'],
  running: ['sync', 'charts.blue'],
  completed: ['pass', 'charts.green'],
  failed: ['error', 'errorForeground'],
};

export function taskItem(id: string, task: QueueTask, now = Date.now()): vscode.TreeItem {
  const item = new vscode.TreeItem(`#${task.id} ${task.type}: ${task.action}`, vscode.TreeItemCollapsibleState.None);
  item.id = id;
  const age = formatAge(now - (task.updatedAt ?? task.createdAt).getTime());
  item.description = `${task.status} ${age} ago · ${task.hostId}${task.error ? ` · ${task.error}` : ''}`;
  const [icon, color] = TASK_ICONS[task.status] ?? ['circle-outline', undefined];
  item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
  item.contextValue = `task.${task.status}`;
  const tip = new vscode.MarkdownString(undefined, true);
  tip.appendMarkdown(`**Task ${escapeMarkdown(task.id)}** · ${escapeMarkdown(task.type)} · ${escapeMarkdown(task.status)}\n\n`);
  tip.appendMarkdown(`- action: ${markdownCode(task.action)}\n- agent: ${markdownCode(task.hostId)}\n- priority: ${escapeMarkdown(String(task.priority))}\n`);
  if (task.experimentId) tip.appendMarkdown(`- experiment: ${markdownCode(task.experimentId)}\n`);
  if (task.attempts !== undefined) tip.appendMarkdown(`- attempts: ${task.attempts}\n`);
  tip.appendMarkdown(`- created: ${task.createdAt.toISOString()}\n`);
  if (task.error) tip.appendCodeblock(task.error, 'text');
  if (task.status === 'failed') tip.appendMarkdown('\nRight-click → **Requeue Failed Task** to give it back to the agent.');
  item.tooltip = tip;
  item.accessibilityInformation = { label: `Task ${task.id} ${task.type} ${task.action}, ${task.status}${task.error ? `, ${task.error}` : ''}` };
  return item;
}

/** An error node: the message as the label (what went wrong), the fix as the description; clicking retries, or runs the fix when `fix` is given. */
export function errorItem(id: string, message: string, hint: string, retryCommand: string, detail?: string, fix?: { command: string; title: string }): vscode.TreeItem {
  const item = new vscode.TreeItem(message, vscode.TreeItemCollapsibleState.None);
  item.id = id;
  item.description = hint;
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  item.contextValue = 'platformError';
  const tip = new vscode.MarkdownString(undefined, true);
  tip.appendCodeblock(detail ?? message, 'text');
  tip.appendMarkdown(`\n${escapeMarkdown(hint)}\n\n${fix ? `$(key) Click to ${escapeMarkdown(fix.title.toLowerCase())}.` : '$(refresh) Click to retry.'}`);
  item.tooltip = tip;
  item.command = fix ? { command: fix.command, title: fix.title } : { command: retryCommand, title: 'Retry' };
  return accessibleRow(item, { state: 'error' });
}

export function messageItem(id: string, text: string, description: string, icon: string, color?: string): vscode.TreeItem {
  const item = new vscode.TreeItem(text, vscode.TreeItemCollapsibleState.None);
  item.id = id;
  item.description = description;
  item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
  item.contextValue = 'message';
  return accessibleRow(item);
}
