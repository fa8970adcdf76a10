// Turns Agents nodes into TreeItems: the queue depth by status and each agent's last-seen age (red past the
// AgentDown threshold); tasks are read from PostgreSQL when a status or an agent is expanded.
import * as vscode from 'vscode';
import { formatAgeCoarse } from '../../domain/alerts/alertText';
import { agentsRoots, type AgentsNode, queueChildren, queueSummary, taskNodes } from '../../domain/platform/agentNodes';
import type { AgentsStore } from '../../domain/platform/agentsStore';
import { CommandIds } from '../commandIds';
import { asOfText, errorItem, messageItem, renderSignature, taskItem } from './platformItems';
import { accessibleRow } from '../views/accessibleRow';

export class AgentsTreeProvider implements vscode.TreeDataProvider<AgentsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<AgentsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly store: AgentsStore,
    private readonly timeoutMs: () => number,
  ) {
    let last = '';
    this.subscription = store.onDidChange((s) => {
      const roots = agentsRoots(s, store.configured);
      const next = renderSignature(this, [...roots, ...roots.flatMap((n) => (n.kind === 'queue' ? queueChildren(n) : []))]);
      if (next !== last) this.changed.fire(undefined);
      last = next;
    });
  }

  async getChildren(node?: AgentsNode): Promise<AgentsNode[]> {
    if (!node) return agentsRoots(this.store.snapshot, this.store.configured);
    if (node.kind === 'queue') return queueChildren(node);
    const filter = node.kind === 'queueStatus' ? { status: node.status, limit: 50 } : node.kind === 'agent' ? { hostId: node.agent.hostId, limit: 25 } : undefined;
    if (!filter) return [];
    const r = await this.store.tasks(filter, AbortSignal.timeout(this.timeoutMs()));
    if (!r.ok) return [{ kind: 'dbError', id: `${node.id}:error`, error: r.error }];
    return r.value.length ? taskNodes(node.id, r.value) : [{ kind: 'message', id: `${node.id}:none`, text: 'No tasks' }];
  }

  getTreeItem(node: AgentsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'queue': {
        const item = new vscode.TreeItem('Task queue', vscode.TreeItemCollapsibleState.Expanded);
        item.id = node.id;
        item.description = `${asOfText(node.asOf)}${queueSummary(node.depth)}`;
        item.iconPath = new vscode.ThemeIcon(node.asOf ? 'history' : 'list-ordered');
        item.tooltip = `Tasks by status, from PostgreSQL: SELECT status, count(*) FROM tasks GROUP BY status${node.asOf ? `\n\nLast known, as of ${node.asOf.toLocaleString()}: the database has not answered since.` : ''}`;
        item.contextValue = 'queue';
        return accessibleRow(item, { summary: node.asOf ? 'last known: the database has not answered since' : 'tasks by status, from PostgreSQL' });
      }
      case 'queueStatus': {
        const item = new vscode.TreeItem(node.status, node.count ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = String(node.count);
        const failed = node.status === 'failed' && node.count > 0;
        item.iconPath = new vscode.ThemeIcon(failed ? 'error' : 'circle-small-filled', failed ? new vscode.ThemeColor('errorForeground') : undefined);
        item.contextValue = `queueStatus.${node.status}`;
        return accessibleRow(item, { summary: `${node.count} task${node.count === 1 ? '' : 's'}` });
      }
      case 'agent': {
        const { agent } = node;
        const item = new vscode.TreeItem(agent.hostId, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        const age = formatAgeCoarse(agent.ageSeconds * 1000);
        // A healthy agent polls every few seconds: "just now" rather than a number that changes with every refresh.
        const state = agent.down ? `down · last seen ${age} ago` : `up · seen ${agent.ageSeconds < 15 ? 'just now' : `${age} ago`}`;
        // Last known: what Prometheus said then, not now; an agent "up" then is not known to be up now.
        item.description = `${asOfText(node.asOf)}${state}`;
        item.iconPath = agent.down
          ? new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('errorForeground'))
          : node.asOf
            ? new vscode.ThemeIcon('vm-outline', new vscode.ThemeColor('disabledForeground'))
            : new vscode.ThemeIcon('vm-active', new vscode.ThemeColor('charts.green'));
        item.tooltip = `${agent.hostId} ${node.asOf ? `had last polled for tasks ${Math.round(agent.ageSeconds)} s before ${node.asOf.toLocaleString()}, when Prometheus last answered` : `last polled for tasks ${Math.round(agent.ageSeconds)} s ago`}. Agents silent for more than ${node.downAfterSeconds} s (the AgentDown threshold) are down.`;
        item.contextValue = agent.down ? 'agent.down' : 'agent.up';
        item.accessibilityInformation = { label: `Agent ${agent.hostId}, ${String(item.description)}` };
        return item;
      }
      case 'task':
        return taskItem(node.id, node.task);
      case 'dbError':
        // A missing or refused password is fixed by setting one: the row itself does that (the password is checked before it is saved).
        return node.error.kind === 'auth'
          ? errorItem(node.id, node.error.message, 'Click to set the database password', CommandIds.refreshAgents, node.error.message, { command: CommandIds.setDatabasePassword, title: 'Set Database Password' })
          : errorItem(node.id, node.error.message, node.error.hint, CommandIds.refreshAgents);
      case 'fleetError':
        return errorItem(node.id, node.error.message, node.error.hint, CommandIds.refreshAgents);
      case 'message':
        return node.id === 'loading' ? messageItem(node.id, node.text, '', 'loading~spin') : messageItem(node.id, node.text, '', 'info');
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
