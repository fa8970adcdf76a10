// A rollout on its deployment's row in the Deployments view: "canary 20 % · phase 2/5 · 7:12 left"
// before the usual description (for an hour after it ended: its outcome), its state in the tooltip, a
// context value for the canary menus; the canary's own tooltip says whose canary it is. Rows with a
// running rollout tick every 5 seconds.
import * as vscode from 'vscode';
import type { RolloutDriver } from '../../domain/rollouts/driver/rolloutDriver';
import { isActive } from '../../domain/rollouts/rolloutState';
import { rolloutRow } from '../../domain/rollouts/rolloutSummary';
import type { DeploymentsTreeProvider } from '../workloads/deploymentsTreeProvider';

const ICON: Record<string, [string, string]> = {
  starting: ['loading~spin', 'charts.yellow'],
  running: ['debug-start', 'charts.blue'],
  paused: ['debug-pause', 'charts.yellow'],
  promoting: ['loading~spin', 'charts.green'],
  rollingBack: ['loading~spin', 'charts.red'],
};

export function decorateDeployments(tree: DeploymentsTreeProvider, driver: RolloutDriver): vscode.Disposable {
  tree.setDecorator((node, item, now) => {
    const snap = driver.find(node.context, node.namespace, node.name);
    const s = snap?.state;
    if (s && !snap.gone) {
      const row = rolloutRow(s, now, snap);
      const active = isActive(s.status);
      if (active || Date.now() - Date.parse(s.endedAt ?? s.updatedAt) < 3600_000) {
        item.description = `${row.description} · ${String(item.description ?? '')}`;
        // The canary's progress is heard too, not only seen.
        if (item.accessibilityInformation) item.accessibilityInformation = { label: `${item.accessibilityInformation.label}, canary ${row.description.replace(/\s+·\s+/g, ', ')}` };
        const md = item.tooltip instanceof vscode.MarkdownString ? item.tooltip : new vscode.MarkdownString();
        md.appendMarkdown(`\n\n**Canary** — ${row.details.map((d) => d.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&')).join('  \n')}`);
        item.tooltip = md;
      }
      if (active) {
        const [icon, colour] = ICON[s.status] ?? ['debug-start', 'charts.blue'];
        item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(colour));
        item.contextValue = `${item.contextValue ?? 'deployment'}.canary.${s.status}`;
      }
      return;
    }
    const of = driver.snapshots().find((x) => x.context === node.context && x.namespace === node.namespace && x.canary === node.name);
    if (of?.state && item.tooltip instanceof vscode.MarkdownString) item.tooltip.appendMarkdown(`\n\nThe canary of **${of.state.target.deployment}** (${rolloutRow(of.state, now, of).description}).`);
  });
  const sub = driver.onDidChange((s) => {
    if (s.state) tree.refreshDeployment(s.namespace, s.state.target.deployment);
    tree.refreshDeployment(s.namespace, s.canary);
  });
  // The time left counts down between checks (every 5 s: a row re-rendered every second steals clicks).
  const timer = setInterval(() => {
    for (const s of driver.snapshots()) if (s.state && s.state.status === 'running') tree.refreshDeployment(s.namespace, s.state.target.deployment);
  }, 5000);
  return {
    dispose: () => {
      clearInterval(timer);
      sub.dispose();
      tree.setDecorator(undefined);
    },
  };
}
