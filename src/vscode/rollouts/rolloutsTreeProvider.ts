// The Rollouts view: turns rollouts nodes into TreeItems (canaries with their row text, blue-green
// pairs with each colour's readiness, Flagger and Argo objects with their status and conditions).
// Refreshed by the driver's changes and every 10 s while visible (Flagger and Argo are polled).
import * as vscode from 'vscode';
import type { RolloutDriver } from '../../domain/rollouts/driver/rolloutDriver';
import { isActive } from '../../domain/rollouts/rolloutState';
import { OUTCOME_SHOWN_MS, outcomeRow, rolloutRow } from '../../domain/rollouts/rolloutSummary';
import { childrenOf, groupChildren, progressiveDescription, rootNodes, type RolloutsNode, type RolloutsScope } from '../../domain/rollouts/rolloutsNodes';
import { CommandIds } from '../commandIds';
import { accessibleRow } from '../views/accessibleRow';

const DISMISSED_KEY = 'phoenixOps.rollouts.dismissedOutcomes';

const icon = (id: string, colour?: string) => new vscode.ThemeIcon(id, colour ? new vscode.ThemeColor(colour) : undefined);

export class RolloutsTreeProvider implements vscode.TreeDataProvider<RolloutsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RolloutsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly sub: vscode.Disposable;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly driver: RolloutDriver,
    private readonly scope: () => RolloutsScope,
    /** Where dismissed outcomes are remembered (the workspace's state: a reload does not bring them back). */
    private readonly memory?: Pick<vscode.Memento, 'get' | 'update'>,
  ) {
    let pending: ReturnType<typeof setTimeout> | undefined;
    const sub = driver.onDidChange(() => {
      pending ??= setTimeout(() => {
        pending = undefined;
        this.refresh();
      }, 500);
    });
    this.sub = { dispose: () => (clearTimeout(pending), sub.dispose()) };
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  setVisible(visible: boolean): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = visible ? setInterval(() => this.refresh(), 10_000) : undefined;
  }

  /** Hides a promoted canary's outcome row; keys older than the time it is shown anyway are forgotten. */
  async dismiss(key: string): Promise<void> {
    const now = Date.now();
    const kept = Object.fromEntries(Object.entries(this.dismissedKeys()).filter(([, at]) => now - at < OUTCOME_SHOWN_MS * 2));
    await this.memory?.update(DISMISSED_KEY, { ...kept, [key]: now });
    this.dismissedHere.add(key);
    this.refresh();
  }

  private readonly dismissedHere = new Set<string>();

  private dismissedKeys(): Record<string, number> {
    return this.memory?.get<Record<string, number>>(DISMISSED_KEY) ?? {};
  }

  async getChildren(node?: RolloutsNode): Promise<RolloutsNode[]> {
    if (!node) return rootNodes(this.scope(), this.driver);
    if (node.kind === 'group') {
      const dismissed = this.dismissedKeys();
      return groupChildren(node, this.driver, undefined, (key) => this.dismissedHere.has(key) || key in dismissed);
    }
    return childrenOf(node);
  }

  getTreeItem(node: RolloutsNode): vscode.TreeItem {
    const now = Date.now();
    switch (node.kind) {
      case 'group': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = node.id;
        item.contextValue = `rolloutGroup.${node.group}`;
        return accessibleRow(item);
      }
      case 'canary': {
        const s = node.snapshot;
        const st = s.state;
        const item = new vscode.TreeItem(st?.target.deployment ?? s.canary, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        const row = st ? rolloutRow(st, now, s) : undefined;
        item.description = row?.description ?? s.error ?? '';
        item.tooltip = row ? row.details.join('\n') : s.error;
        item.iconPath = st && isActive(st.status) ? icon('debug-start', 'charts.blue') : st?.status === 'promoted' ? icon('pass', 'charts.green') : icon('discard', 'charts.red');
        item.contextValue = `deployment.canary.${st?.status ?? 'unknown'}`;
        item.command = { command: CommandIds.showCanary, title: 'Show Canary', arguments: [{ snapshot: s }] };
        return accessibleRow(item, { kind: 'Canary of', state: st?.status ?? (s.error ? 'error' : undefined) });
      }
      case 'outcome': {
        const row = outcomeRow(node.last, now);
        const item = new vscode.TreeItem(node.deployment, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = row?.description ?? `promoted ${node.last.endedAt}`;
        item.tooltip = row?.details.join('\n');
        item.iconPath = icon('pass-filled', 'charts.green');
        item.contextValue = 'canaryOutcome.promoted';
        return accessibleRow(item, { kind: 'Canary of', state: 'promoted' });
      }
      case 'pair': {
        const p = node.pair;
        const item = new vscode.TreeItem(p.service, vscode.TreeItemCollapsibleState.Expanded);
        item.id = node.id;
        item.description = `${p.key}=${p.active} serves${p.lastSwitch?.to === p.active ? ` · switched from ${p.lastSwitch.from} ${p.lastSwitch.at.slice(0, 16).replace('T', ' ')} UTC` : ''}`;
        item.tooltip = `Service ${p.service} selects ${Object.entries(p.selector).map(([k, v]) => `${k}=${v}`).join(',')}.`;
        item.iconPath = icon('arrow-swap');
        item.contextValue = `blueGreen${p.lastSwitch?.to === p.active ? '.switched' : ''}`;
        return accessibleRow(item, { kind: 'Blue-green service' });
      }
      case 'colour': {
        const c = node.colour;
        const item = new vscode.TreeItem(c.value, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = `${c.deployment} · ${c.ready}/${c.desired} ready · ${c.images.map((i) => i.split('/').pop()).join(', ')}${c.active ? ' · serving' : ''}`;
        item.iconPath = c.active ? icon('circle-filled', 'charts.green') : c.desired === 0 ? icon('circle-slash') : icon('circle-outline');
        item.contextValue = c.active ? 'blueGreenColour.active' : 'blueGreenColour.idle';
        return accessibleRow(item, { kind: 'Colour' });
      }
      case 'progressive': {
        const s = node.summary;
        const item = new vscode.TreeItem(s.name, s.conditions.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = progressiveDescription(s);
        item.tooltip = [s.message, s.lastTransition ? `last transition ${s.lastTransition}` : ''].filter(Boolean).join('\n');
        const failing = /fail/i.test(s.phase) || s.aborted;
        item.iconPath = failing ? icon('error', 'charts.red') : /succeed|healthy/i.test(s.phase) ? icon('pass', 'charts.green') : /paus/i.test(s.phase) || s.suspended ? icon('debug-pause', 'charts.yellow') : icon('sync');
        item.contextValue = s.kind === 'flagger' ? `flagger${s.suspended ? '.suspended' : '.active'}` : `argo${s.aborted ? '.aborted' : s.paused ? '.paused' : '.running'}`;
        return accessibleRow(item, { kind: s.kind === 'flagger' ? 'Flagger canary' : 'Argo rollout' });
      }
      case 'condition': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.iconPath = icon(node.ok ? 'check' : 'circle-small');
        item.contextValue = 'condition';
        return accessibleRow(item, { kind: 'Condition' });
      }
      case 'message': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.iconPath = node.error ? icon('error', 'charts.red') : icon('info');
        item.contextValue = 'message';
        return accessibleRow(item, { state: node.error ? 'error' : undefined });
      }
    }
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.sub.dispose();
    this.changed.dispose();
  }
}
