// Turns Alerts nodes into TreeItems (labels, ages, icons, context menus). The store fetches; this only renders.
import { clockTime } from '../../core/clock';
import * as vscode from 'vscode';
import type { AlertsStore } from '../../domain/alerts/alertsStore';
import { type AlertsNode, alertsTree, childrenOf } from '../../domain/alerts/alertNodes';
import type { CockpitAlert, CockpitSilence, Severity } from '../../domain/alerts/alertTypes';
import { formatAgeCoarse, keyLabels, matchersText } from '../../domain/alerts/alertText';
import { runbookRef } from '../../domain/alerts/runbookLink';
import { severityTitle } from '../../domain/alerts/severity';
import { CommandIds } from '../commandIds';
import { escapeMarkdown, markdownCode, markdownText } from '../../core/markdown';
import { errorItem, messageItem, renderSignature } from './platformItems';
import { accessibleRow } from '../views/accessibleRow';

const SEVERITY_ICONS: Record<Severity, [string, string]> = {
  critical: ['error', 'errorForeground'],
  warning: ['warning', 'editorWarning.foreground'],
  info: ['info', 'editorInfo.foreground'],
  none: ['circle-outline', 'foreground'],
};

export class AlertsTreeProvider implements vscode.TreeDataProvider<AlertsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<AlertsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(private readonly store: AlertsStore) {
    // Re-render only when what the rows say changed (a poll that found the same alerts changes nothing).
    let last = '';
    this.subscription = store.onDidChange(() => {
      const next = renderSignature(this, this.getChildren(), childrenOf);
      if (next !== last) this.changed.fire(undefined);
      last = next;
    });
  }

  getChildren(node?: AlertsNode): AlertsNode[] {
    return node ? childrenOf(node) : alertsTree(this.store.snapshot);
  }

  getTreeItem(node: AlertsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'severity': {
        const item = new vscode.TreeItem(severityTitle(node.severity), vscode.TreeItemCollapsibleState.Expanded);
        item.id = node.id;
        item.description = `${node.count} firing${staleCount(node.children.flatMap((c) => (c.kind === 'alertGroup' ? c.alerts : [])))}`;
        item.iconPath = severityIcon(node.severity);
        item.contextValue = 'severity';
        return accessibleRow(item);
      }
      case 'alertGroup': {
        const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = node.id;
        const priority = node.alerts[0]?.priority;
        item.description = `${priority ? `${priority} · ` : ''}${node.alerts.length} firing${staleCount(node.alerts)}`;
        item.iconPath = new vscode.ThemeIcon('bell-dot', new vscode.ThemeColor(SEVERITY_ICONS[node.severity][1]));
        item.contextValue = 'alertGroup';
        item.tooltip = node.alerts[0]?.annotations.description ?? node.alerts[0]?.summary;
        // The severity is the bell's colour: said in words.
        return accessibleRow(item, { state: node.severity });
      }
      case 'alert':
        return alertItem(node.id, node.alert);
      case 'section': {
        const item = new vscode.TreeItem(node.section === 'pending' ? 'Pending' : 'Silenced', vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = `${node.children.length}`;
        item.iconPath = new vscode.ThemeIcon(node.section === 'pending' ? 'watch' : 'bell-slash');
        item.tooltip = node.section === 'pending' ? 'Alerts Prometheus has seen but that have not yet lasted the "for" duration of their rule.' : 'Alerts suppressed by a silence or an inhibition rule.';
        item.contextValue = 'section';
        return accessibleRow(item);
      }
      case 'silences': {
        const item = new vscode.TreeItem('Silences', vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = `${node.children.length} active`;
        item.iconPath = new vscode.ThemeIcon('mute');
        item.contextValue = 'silences';
        return accessibleRow(item);
      }
      case 'silence':
        return silenceItem(node.id, node.silence);
      case 'error': {
        const since = node.error.since ? ` · not answering since ${clockTime(node.error.since)}` : '';
        return errorItem(node.id, node.error.message, `${node.error.hint}${since}`, CommandIds.refreshAlerts, `${node.error.service} at ${node.error.source}\n\n${node.error.message}`);
      }
      case 'unknown':
        return unknownItem(node.id, node.since, node.nothingKnownFiring);
      case 'message':
        return node.id === 'none-firing' ? messageItem(node.id, node.text, node.detail, 'pass', 'charts.green') : messageItem(node.id, node.text, node.detail, 'loading~spin');
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function severityIcon(s: Severity): vscode.ThemeIcon {
  const [icon, color] = SEVERITY_ICONS[s];
  return new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
}

/** " (1 last known)": how many of these are stale (their source does not answer). */
function staleCount(alerts: readonly CockpitAlert[]): string {
  const n = alerts.filter((a) => a.staleSince).length;
  return n ? ` (${n} last known)` : '';
}

function unknownItem(id: string, since: Date, nothingKnownFiring: boolean, now = Date.now()): vscode.TreeItem {
  const item = new vscode.TreeItem(`Alert state unknown since ${clockTime(since)}`, vscode.TreeItemCollapsibleState.None);
  item.id = id;
  const age = formatAgeCoarse(now - since.getTime());
  item.description = nothingKnownFiring ? `for ${age} · none known to be firing, which is not "none firing"` : `for ${age} · last known alerts below, marked as such`;
  item.iconPath = new vscode.ThemeIcon('question', new vscode.ThemeColor('editorWarning.foreground'));
  item.contextValue = 'alertsUnknown';
  item.tooltip = new vscode.MarkdownString(
    `A source of alerts has not answered since ${since.toLocaleString()} (see the error above). Until it does, an alert may be firing that this view cannot show, and the alerts it reported last may have resolved: they are listed as **last known**, with their time.\n\n$(refresh) Click to ask again.`,
    true,
  );
  item.command = { command: CommandIds.refreshAlerts, title: 'Refresh' };
  item.accessibilityInformation = { label: `Alert state unknown since ${clockTime(since)}, for ${age}` };
  return item;
}

function alertItem(id: string, a: CockpitAlert, now = Date.now()): vscode.TreeItem {
  const inList = a.state !== 'firing';
  // Under a name group the name is already shown; in the pending/silenced lists it is the label.
  const item = new vscode.TreeItem(inList ? a.name : a.summary, vscode.TreeItemCollapsibleState.None);
  item.id = id;
  const age = formatAgeCoarse(now - a.startsAt.getTime());
  const where = keyLabels(a.labels, 3)
    .map(([, v]) => v)
    .join(' · ');
  const known = a.staleSince ? `last known ${clockTime(a.staleSince)} (${formatAgeCoarse(now - a.staleSince.getTime())} ago): ` : '';
  const when = known + (a.state === 'pending' ? `pending ${age}` : a.state === 'firing' ? `firing for ${age}` : `${a.state} · firing for ${age}`);
  item.description = inList ? `${a.summary} · ${when}` : `${when}${where ? ` · ${where}` : ''}`;
  item.iconPath =
    a.state === 'pending' ? new vscode.ThemeIcon('watch') : a.state === 'silenced' ? new vscode.ThemeIcon('bell-slash') : a.state === 'inhibited' ? new vscode.ThemeIcon('debug-pause') : severityIcon(a.severity);
  const runbook = runbookRef(a.annotations);
  item.contextValue = `alert.${a.state}${runbook ? '.runbook' : ''}`;
  const tip = new vscode.MarkdownString(undefined, true);
  // Everything here came from Alertmanager or Prometheus: escaped text and code spans, never Markdown of theirs.
  tip.appendMarkdown(`**${escapeMarkdown(a.name)}** · ${escapeMarkdown(a.severity)}${a.priority ? ` · ${escapeMarkdown(a.priority)}` : ''} · ${escapeMarkdown(a.state)} ${age}\n\n`);
  tip.appendMarkdown(`${markdownText(a.summary)}\n\n`);
  if (a.annotations.description && a.annotations.description !== a.summary) tip.appendMarkdown(`${markdownText(a.annotations.description)}\n\n`);
  tip.appendMarkdown(Object.keys(a.labels).sort().map((k) => `- ${markdownCode(k)} = ${markdownCode(a.labels[k] ?? '')}`).join('\n') + '\n\n');
  if (runbook) tip.appendMarkdown(`Runbook: ${escapeMarkdown(runbook.link)}\n\n`);
  if (a.silencedBy.length) tip.appendMarkdown(`Silenced by ${a.silencedBy.map((s) => markdownCode(s.id)).join(', ')}\n\n`);
  tip.appendMarkdown(`From ${a.sources.map(escapeMarkdown).join(', ')}`);
  if (a.staleSince) tip.appendMarkdown(`\n\n$(warning) **Last known**, as of ${a.staleSince.toLocaleString()}: ${a.sources.length > 1 ? 'these have' : 'it has'} not answered since, so this alert may have resolved.`);
  item.tooltip = tip;
  item.accessibilityInformation = { label: `${a.name}, ${a.severity}${a.priority ? ` ${a.priority}` : ''}, ${when}: ${a.summary}` };
  return item;
}

function silenceItem(id: string, s: CockpitSilence, now = Date.now()): vscode.TreeItem {
  const name = s.matchers.find((m) => m.name === 'alertname' && m.isEqual && !m.isRegex)?.value;
  const item = new vscode.TreeItem(name ?? matchersText(s.matchers), vscode.TreeItemCollapsibleState.None);
  item.id = id;
  const left = formatAgeCoarse(s.endsAt.getTime() - now);
  item.description = `${s.state === 'pending' ? 'starts later · ' : ''}ends in ${left} · ${s.createdBy}${s.comment ? `: ${s.comment}` : ''}`;
  item.iconPath = new vscode.ThemeIcon('mute');
  item.contextValue = 'silence';
  const tip = new vscode.MarkdownString(undefined, true);
  tip.appendMarkdown(`**Silence** ${markdownCode(s.id)} by ${escapeMarkdown(s.createdBy)}\n\n`);
  tip.appendCodeblock(matchersText(s.matchers), 'text');
  tip.appendMarkdown(`\n${markdownText(s.comment)}\n\nUntil ${s.endsAt.toLocaleString()} · in ${s.sources.map(escapeMarkdown).join(', ')}`);
  item.tooltip = tip;
  return accessibleRow(item, { kind: 'Silence' });
}
