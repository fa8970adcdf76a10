// Turns Experiments nodes into TreeItems; an experiment's tasks are read from PostgreSQL when its Tasks node is expanded.
import * as vscode from 'vscode';
import type { AgentsStore } from '../../domain/platform/agentsStore';
import { deploymentChildren, experimentChildren, experimentsRoots, type ExperimentsNode, experimentSummary } from '../../domain/platform/experimentNodes';
import type { ExperimentsStore } from '../../domain/platform/experimentsStore';
import { isActivePhase, money, percent } from '../../domain/platform/platformFormat';
import { CommandIds } from '../commandIds';
import { escapeMarkdown, markdownCode, markdownText } from '../../core/markdown';
import { asOfText, errorItem, renderSignature, taskItem } from './platformItems';
import { accessibleRow } from '../views/accessibleRow';

const PHASE_ICONS: Record<string, [string, string | undefined]> = {
  pending: ['clock', undefined],
  deploying: ['cloud-upload', 'charts.blue'],
  running: ['play-circle', 'charts.green'],
  analyzing: ['graph-line', 'charts.blue'],
  completed: ['pass-filled', 'charts.green'],
  stopped: ['debug-stop', 'disabledForeground'],
  failed: ['error', 'errorForeground'],
};

export class ExperimentsTreeProvider implements vscode.TreeDataProvider<ExperimentsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExperimentsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: { dispose(): void }[];

  constructor(
    private readonly store: ExperimentsStore,
    private readonly tasks: AgentsStore,
    private readonly timeoutMs: () => number,
  ) {
    let last = '';
    this.subscriptions = [
      store.onDidChange((s) => {
        const roots = experimentsRoots(s);
        const next = renderSignature(this, [...roots, ...roots.flatMap((n) => (n.kind === 'experiment' ? experimentChildren(n, s.deploymentsError) : []))]);
        if (next !== last) this.changed.fire(undefined);
        last = next;
      }),
    ];
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(node?: ExperimentsNode): Promise<ExperimentsNode[]> {
    if (!node) return experimentsRoots(this.store.snapshot);
    if (node.kind === 'experiment') return experimentChildren(node, this.store.snapshot.deploymentsError);
    if (node.kind === 'deployments') return deploymentChildren(node);
    if (node.kind === 'experimentTasks') {
      const r = await this.tasks.tasks({ experimentId: node.experimentId, limit: 50 }, AbortSignal.timeout(this.timeoutMs()));
      if (!r.ok) return [{ kind: 'dbError', id: `${node.id}:error`, error: r.error }];
      return r.value.map((task) => ({ kind: 'task', id: `${node.id}:${task.id}`, task }));
    }
    return [];
  }

  getTreeItem(node: ExperimentsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'costFlow': {
        const c = node.costFlow;
        const item = new vscode.TreeItem('Cost flow', vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = `${asOfText(node.asOf)}${money(c.beforeMonthly)} → ${money(c.afterMonthly)}/mo · −${percent(c.reductionPercent)}`;
        item.iconPath = new vscode.ThemeIcon('graph', new vscode.ThemeColor('charts.green'));
        item.tooltip = `Monthly observability cost of the optimised namespaces before and after Phoenix: saves ${money(c.savingsMonthly)} a month${c.activeExperiments !== undefined ? `; ${c.activeExperiments} experiment(s) active` : ''}.`;
        item.contextValue = 'costFlow';
        return accessibleRow(item);
      }
      case 'experiment': {
        const e = node.experiment;
        const item = new vscode.TreeItem(e.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = `${asOfText(node.asOf)}${experimentSummary(e)}`;
        const [icon, color] = PHASE_ICONS[e.phase.toLowerCase()] ?? ['beaker', undefined];
        item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
        item.contextValue = isActivePhase(e.phase) ? 'experiment.active' : 'experiment.ended';
        const tip = new vscode.MarkdownString(undefined, true);
        tip.appendMarkdown(`**${escapeMarkdown(e.name)}** ${markdownCode(e.id)} · ${escapeMarkdown(e.phase)}\n\n`);
        if (e.description) tip.appendMarkdown(`${markdownText(e.description)}\n\n`);
        tip.appendMarkdown(`- baseline ${markdownCode(e.baselinePipeline)}, candidate ${markdownCode(e.candidatePipeline)}\n`);
        tip.appendMarkdown(`- namespaces: ${e.targetNamespaces.map(markdownCode).join(', ')}\n`);
        tip.appendMarkdown(`- cardinality −${percent(e.metrics.cardinalityReductionPercent)}, cost ${money(e.metrics.costBeforeMonthly)} → ${money(e.metrics.costAfterMonthly)}/mo\n`);
        if (e.startedAt) tip.appendMarkdown(`- started ${e.startedAt}\n`);
        if (e.endedAt) tip.appendMarkdown(`- ended ${e.endedAt}\n`);
        item.tooltip = tip;
        return accessibleRow(item, { kind: 'Experiment' });
      }
      case 'fact': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = node.value;
        item.tooltip = `${node.label}: ${node.value}`;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.contextValue = 'fact';
        return accessibleRow(item);
      }
      case 'deployments': {
        const item = new vscode.TreeItem('Pipeline deployments', node.deployments.length || node.error ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = node.error ? 'could not be listed' : `${node.deployments.length}`;
        item.iconPath = new vscode.ThemeIcon('server-process');
        item.contextValue = 'deployments';
        return accessibleRow(item);
      }
      case 'deployment': {
        const d = node.deployment;
        const item = new vscode.TreeItem(d.name, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = `${d.status} · ${d.namespace} · ${d.template}`;
        item.iconPath = new vscode.ThemeIcon(d.status === 'running' ? 'vm-running' : d.status === 'failed' ? 'error' : d.status === 'stopped' ? 'vm-outline' : 'loading~spin');
        item.tooltip = `${d.variant ? `${d.variant} ` : ''}pipeline ${d.template} in ${d.namespace}: ${d.status}`;
        item.contextValue = 'pipelineDeployment';
        return accessibleRow(item, { kind: 'Pipeline deployment' });
      }
      case 'experimentTasks': {
        const item = new vscode.TreeItem('Tasks', vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = 'from the task queue';
        item.iconPath = new vscode.ThemeIcon('checklist');
        item.contextValue = 'experimentTasks';
        return accessibleRow(item);
      }
      case 'task':
        return taskItem(node.id, node.task);
      case 'dbError':
        return errorItem(node.id, node.error.message, node.error.hint, CommandIds.refreshExperiments);
      case 'error':
        return errorItem(node.id, node.error.message, node.error.hint, CommandIds.refreshExperiments);
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
