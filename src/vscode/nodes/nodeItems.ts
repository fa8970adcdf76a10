// TreeItems of the Nodes view: a node's state icon (ready, cordoned, not ready, under pressure), status, roles, version,
// usage against allocatable and pod count in the description; capacity, allocatable and conditions in the tooltip.
import * as vscode from 'vscode';
import { nodeUsageText, resourcesText } from '../../domain/nodes/nodeSummary';
import type { NodeMessageRow, NodePodRow, NodeRow } from '../../domain/nodes/nodesModel';
import { shortAge } from '../../domain/workloads/objectMeta';
import { accessibleRow } from '../views/accessibleRow';

const icon = (id: string, color?: string) => new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);

/** The state a node's icon shows, in words (a screen reader hears it). */
function nodeState(row: NodeRow): { icon: vscode.ThemeIcon; state?: string } {
  const s = row.summary;
  if (s.ready !== 'ready') return { icon: icon('error', 'charts.red'), state: s.ready === 'notReady' ? 'not ready' : 'not reporting' };
  if (s.pressures.length) return { icon: icon('warning', 'charts.orange'), state: s.pressures.join(', ') };
  if (s.unschedulable) return { icon: icon('debug-pause', 'charts.yellow'), state: 'cordoned' };
  return { icon: icon('server', 'charts.green') };
}

export function nodeItem(row: NodeRow, now: number): vscode.TreeItem {
  const s = row.summary;
  const item = new vscode.TreeItem(row.name, row.pods.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = row.id;
  const usage = row.usage ? nodeUsageText(row.usage) : row.usageNote;
  item.description = [s.status, s.pressures.join(', '), s.roles.join(',') || '<none>', s.kubeletVersion, `${row.pods.length} pod${row.pods.length === 1 ? '' : 's'}`, usage ?? ''].filter(Boolean).join(' · ');
  const st = nodeState(row);
  item.iconPath = st.icon;
  item.contextValue = s.unschedulable ? 'node.cordoned' : 'node.schedulable';
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${esc(row.name)}** — **${esc(s.status)}**${s.pressures.length ? `, ${esc(s.pressures.join(', '))}` : ''}\n\n`);
  md.appendMarkdown(`| | |\n|---|---|\n`);
  md.appendMarkdown(`| Roles | ${esc(s.roles.join(', ') || '<none>')} |\n| Kubelet | ${esc(s.kubeletVersion)} |\n`);
  if (s.internalIP) md.appendMarkdown(`| Internal IP | ${esc(s.internalIP)} |\n`);
  md.appendMarkdown(`| Capacity | ${esc(resourcesText(s.capacity))} |\n| Allocatable | ${esc(resourcesText(s.allocatable))} |\n`);
  md.appendMarkdown(`| Usage | ${esc(usage ?? 'not reported')} |\n| Pods | ${row.pods.length}${s.allocatable.pods ? ` of ${s.allocatable.pods}` : ''} |\n`);
  if (s.createdMs !== undefined) md.appendMarkdown(`| Age | ${shortAge(s.createdMs, now)} |\n`);
  if (s.unschedulable) md.appendMarkdown(`\nCordoned: new pods are not scheduled here (**Uncordon Node…** lifts it).\n`);
  item.tooltip = md;
  return accessibleRow(item, { kind: 'Node', state: st.state });
}

export function nodePodItem(row: NodePodRow): vscode.TreeItem {
  const p = row.pod;
  const item = new vscode.TreeItem(p.name, vscode.TreeItemCollapsibleState.None);
  item.id = row.id;
  item.description = [p.namespace, p.phase, p.owner ? `owned by ${p.owner}` : 'no controller'].filter(Boolean).join(' · ');
  item.iconPath = icon('symbol-constant', p.phase === 'Running' ? undefined : 'charts.yellow');
  item.contextValue = 'nodePod';
  item.tooltip = `Pod ${p.namespace}/${p.name} on ${row.node}: ${p.phase}${p.owner ? `, controlled by a ${p.owner}` : ''}`;
  return accessibleRow(item, { kind: 'Pod' });
}

export function nodeMessageItem(row: NodeMessageRow): vscode.TreeItem {
  const item = new vscode.TreeItem(row.title, vscode.TreeItemCollapsibleState.None);
  item.id = row.id;
  item.description = row.message;
  item.iconPath = row.severity === 'loading' ? icon('loading~spin') : row.severity === 'error' ? icon('error', 'errorForeground') : icon('info');
  item.contextValue = `message.${row.severity}`;
  item.tooltip = [row.message, row.hint].filter(Boolean).join('\n');
  return accessibleRow(item, { state: row.severity === 'error' ? 'error' : row.severity === 'loading' ? 'loading' : undefined });
}

function esc(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
