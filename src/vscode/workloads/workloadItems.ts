// TreeItems for the Deployments view: a state icon per deployment and pod (CrashLoopBackOff and
// image-pull failures in red), the counts in the description, and the reasons in the tooltip.
import * as vscode from 'vscode';
import type { DeploymentState, DeploymentSummary } from '../../domain/workloads/deploymentSummary';
import { shortAge, shortImage } from '../../domain/workloads/objectMeta';
import type { PodSummary } from '../../domain/workloads/podSummary';
import type { DeploymentNode, MessageNode, NamespaceNode, PodNode, ReplicaSetNode, RevisionsNode } from '../../domain/workloads/workloadNodes';
import { CommandIds } from '../commandIds';
import { accessibleRow } from '../views/accessibleRow';

const icon = (id: string, color?: string) => new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);

export const STATE_LABEL: Record<DeploymentState, string> = {
  healthy: 'Healthy',
  progressing: 'Progressing',
  degraded: 'Degraded',
  paused: 'Paused',
  scaledToZero: 'Scaled to zero',
};

function stateIcon(state: DeploymentState): vscode.ThemeIcon {
  switch (state) {
    case 'healthy':
      return icon('pass-filled', 'charts.green');
    case 'progressing':
      return icon('sync~spin', 'charts.blue');
    case 'degraded':
      return icon('error', 'charts.red');
    case 'paused':
      return icon('debug-pause', 'charts.yellow');
    case 'scaledToZero':
      return icon('circle-slash', 'disabledForeground');
  }
}

function podIcon(p: PodSummary): vscode.ThemeIcon {
  if (p.severity === 'error') {
    if (/CrashLoopBackOff/.test(p.status)) return icon('debug-restart', 'charts.red');
    if (/ImagePull|ErrImage|InvalidImageName/.test(p.status)) return icon('cloud-download', 'charts.red');
    return icon('error', 'charts.red');
  }
  if (p.severity === 'pending') return icon('loading~spin', 'charts.yellow');
  if (p.severity === 'terminating') return icon('trash', 'disabledForeground');
  if (p.severity === 'done') return icon('check', 'disabledForeground');
  return icon('pass', 'charts.green');
}

export function namespaceItem(node: NamespaceNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.name, node.startExpanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  const c = node.counts;
  item.description = [`${c.deployments} deployment${c.deployments === 1 ? '' : 's'}`, c.degraded ? `${c.degraded} degraded` : '', c.progressing ? `${c.progressing} progressing` : '', c.paused ? `${c.paused} paused` : ''].filter(Boolean).join(' · ');
  item.iconPath = icon('symbol-namespace', c.degraded ? 'charts.red' : undefined);
  item.contextValue = 'namespace';
  item.tooltip = `Namespace ${node.name} on ${node.context}: ${String(item.description)}`;
  return accessibleRow(item, { kind: 'Namespace', summary: `on context ${node.context}` });
}

export function deploymentItem(node: DeploymentNode, now: number): vscode.TreeItem {
  const s = node.summary;
  const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  const images = [...new Set(s.containers.map((c) => shortImage(c.image)))].join(', ');
  item.description = [s.state === 'healthy' ? '' : s.reason, countsText(s), s.revision !== undefined ? `rev ${s.revision}` : '', images].filter(Boolean).join(' · ');
  item.iconPath = stateIcon(s.state);
  item.contextValue = `deployment.${s.paused ? 'paused' : 'running'}`;
  item.tooltip = deploymentTooltip(s, now);
  item.accessibilityInformation = { label: `Deployment ${node.name}, ${STATE_LABEL[s.state]}${s.reason && s.state !== 'healthy' ? ` (${s.reason})` : ''}, ${s.ready} of ${s.desired} ready, ${s.updated} up-to-date, ${s.available} available` };
  return item;
}

/** "3/3 ready" when up-to-date and available say the same; every count when they differ (a rollout, an outage). */
export function countsText(s: Pick<DeploymentSummary, 'ready' | 'desired' | 'updated' | 'available'>): string {
  const ready = `${s.ready}/${s.desired} ready`;
  return s.updated === s.desired && s.available === s.desired ? ready : `${ready}, ${s.updated} up-to-date, ${s.available} available`;
}

function deploymentTooltip(s: DeploymentSummary, now: number): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${esc(s.name)}** · ${esc(s.namespace)} — ${STATE_LABEL[s.state]}${s.reason && s.state !== 'healthy' ? `: **${esc(s.reason)}**` : ''}\n\n`);
  if (s.detail) md.appendMarkdown(`${esc(s.detail)}\n\n`);
  md.appendMarkdown(`| | |\n|---|---|\n`);
  md.appendMarkdown(`| Ready | ${s.ready}/${s.desired} |\n| Up-to-date | ${s.updated} |\n| Available | ${s.available} |\n`);
  if (s.current !== s.desired) md.appendMarkdown(`| Pods (all revisions) | ${s.current} |\n`);
  md.appendMarkdown(`| Revision | ${s.revision ?? '?'}${s.changeCause ? ` — ${esc(s.changeCause)}` : ''} |\n`);
  for (const c of s.containers) md.appendMarkdown(`| Image (${esc(c.name)}) | ${code(c.image)} |\n`);
  md.appendMarkdown(`| Selector | ${code(s.selector)} |\n| Age | ${shortAge(s.createdMs, now)} |\n\n`);
  if (s.troubledPods?.length) {
    md.appendMarkdown(`**Pods not ready**\n\n`);
    for (const p of s.troubledPods.slice(0, 8)) md.appendMarkdown(`- ${esc(p.name)}: **${esc(p.status)}**${p.problem?.message ? ` — ${esc(truncate(p.problem.message, 200))}` : ''}\n`);
    if (s.troubledPods.length > 8) md.appendMarkdown(`- … and ${s.troubledPods.length - 8} more\n`);
    md.appendMarkdown('\n');
  }
  if (s.conditions.length) {
    md.appendMarkdown(`**Conditions**\n\n`);
    for (const c of s.conditions) md.appendMarkdown(`- ${esc(c.type)} = ${esc(c.status)}${c.reason ? ` (${esc(c.reason)})` : ''}${c.message ? `: ${esc(c.message)}` : ''}\n`);
  }
  return md;
}

export function podItem(node: PodNode, now: number): vscode.TreeItem {
  const p = node.summary;
  const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  const restarts = p.restarts ? `${p.restarts} restart${p.restarts === 1 ? '' : 's'}${p.lastRestartMs ? ` (${shortAge(p.lastRestartMs, now)} ago)` : ''}` : '0 restarts';
  item.description = [p.status, `${p.ready}/${p.total}`, restarts, shortAge(p.createdMs, now), p.node ?? 'unscheduled', node.revision !== undefined ? `rev ${node.revision}` : ''].filter(Boolean).join(' · ');
  item.iconPath = podIcon(p);
  item.contextValue = 'pod';
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${esc(p.name)}** — **${esc(p.status)}**, ${p.ready}/${p.total} containers ready\n\n`);
  if (p.problem) md.appendMarkdown(`${esc(p.problem.reason)}${p.problem.container ? ` (container ${esc(p.problem.container)})` : ''}: ${esc(truncate(p.problem.message, 400))}\n\n`);
  md.appendMarkdown(`- node: ${esc(p.node ?? 'not scheduled')}${p.podIP ? `, IP ${esc(p.podIP)}` : ''}\n- age: ${shortAge(p.createdMs, now)}, restarts: ${p.restarts}\n`);
  for (const c of p.containers) {
    md.appendMarkdown(`- container **${esc(c.name)}** ${code(c.image)}: ${esc(c.state)}${c.reason ? ` (${esc(c.reason)})` : ''}${c.ready ? ', ready' : ''}${c.restarts ? `, ${c.restarts} restarts` : ''}${c.lastTermination ? `, last exit ${esc(c.lastTermination)}` : ''}\n`);
  }
  item.tooltip = md;
  item.accessibilityInformation = { label: `Pod ${p.name}, ${p.status}, ${p.ready} of ${p.total} ready, ${restarts}` };
  return item;
}

export function revisionsItem(node: RevisionsNode): vscode.TreeItem {
  const item = new vscode.TreeItem('Revisions', vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  const current = node.entries.find((e) => e.current);
  item.description = `${current ? `current ${current.revision}` : 'no current'} · ${node.entries.length} in history`;
  item.iconPath = icon('history');
  item.contextValue = 'revisions';
  item.tooltip = 'ReplicaSets of this deployment by revision (what Roll Back can return to).';
  return accessibleRow(item);
}

export function replicaSetItem(node: ReplicaSetNode, now: number): vscode.TreeItem {
  const e = node.entry;
  const item = new vscode.TreeItem(`rev ${e.revision}${e.current ? ' (current)' : ''}`, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = [e.containers.map((c) => shortImage(c.image)).join(', '), `${e.readyReplicas}/${e.replicas} pods`, shortAge(e.createdMs, now), e.changeCause ?? ''].filter(Boolean).join(' · ');
  item.iconPath = e.current ? icon('target', 'charts.green') : icon('git-commit');
  item.contextValue = e.current ? 'replicaSet.current' : 'replicaSet';
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**ReplicaSet ${esc(e.replicaSet)}** — revision ${e.revision}${e.current ? ' (current template)' : ''}\n\n`);
  if (e.changeCause) md.appendMarkdown(`Change-cause: ${esc(e.changeCause)}\n\n`);
  for (const c of e.containers) md.appendMarkdown(`- ${esc(c.name)}: ${code(c.image)}\n`);
  md.appendMarkdown(`\nPods: ${e.readyReplicas} ready of ${e.replicas} · created ${shortAge(e.createdMs, now)} ago`);
  item.tooltip = md;
  return accessibleRow(item, { kind: 'ReplicaSet' });
}

export function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.title, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = node.message;
  item.iconPath = node.loading ? icon('loading~spin') : node.severity === 'error' ? icon('error', 'errorForeground') : node.severity === 'warning' ? icon('warning', 'charts.yellow') : icon('info');
  item.contextValue = node.loading ? 'message.loading' : `message.${node.severity}`;
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`${esc(node.message)}\n\n`);
  if (node.hint) md.appendMarkdown(`${esc(node.hint)}\n\n`);
  if (node.retry) md.appendMarkdown('$(refresh) Click to retry.');
  item.tooltip = md;
  if (node.retry) item.command = { command: CommandIds.refreshDeployments, title: 'Retry' };
  return accessibleRow(item, { state: node.loading ? 'loading' : node.severity === 'error' || node.severity === 'warning' ? node.severity : undefined, summary: node.hint });
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** Inline code: no escaping inside backticks, only the pipe that would end a table cell. */
function code(s: string): string {
  return `\`${s.replace(/`/g, "'").replace(/\|/g, '¦')}\``;
}

function esc(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
