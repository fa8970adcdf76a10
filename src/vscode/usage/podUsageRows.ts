// Pod rows of the Deployments view with their CPU/memory use: "cpu 120m · mem 256Mi" after the pod's state, a warning
// icon and words when a container is at ≥ 90 % of a limit, the figures against requests and limits in the tooltip and
// the accessible label; pods ordered by the usage.sortPods setting.
import * as vscode from 'vscode';
import { podUsage, sortByUsage, usageText, warningText, worstLevel, figuresText, type PodUsage, type UsageSort } from '../../domain/usage/podUsage';
import type { PodUsageModel } from '../../domain/usage/podUsageModel';
import type { PodNode } from '../../domain/workloads/workloadNodes';

export interface PodUsageRows {
  decorate(node: PodNode, item: vscode.TreeItem): void;
  order(pods: PodNode[]): PodNode[];
}

/** The pod's usage set against its containers' requests and limits (from the row's spec summary). */
export function usageOfPod(model: PodUsageModel, node: PodNode): PodUsage | undefined {
  const m = model.metricsOf(node.namespace, node.name);
  if (!m) return undefined;
  return podUsage(m, { containers: node.summary.containers.map((c) => ({ name: c.name, resources: c.resources })) });
}

export function podUsageRows(model: PodUsageModel, sort: () => UsageSort): PodUsageRows {
  return {
    order: (pods) => sortByUsage(pods, sort(), (p) => usageOfPod(model, p), (p) => p.name),
    decorate(node, item) {
      const state = model.state;
      const base = typeof item.description === 'string' ? item.description : '';
      const label = item.accessibilityInformation?.label ?? node.name;
      if (state.kind === 'unavailable' || state.kind === 'error') {
        // Said on the row, once per refresh of the view: no notification, no error per poll.
        item.description = [base, state.message].filter(Boolean).join(' · ');
        item.accessibilityInformation = { label: `${label}, ${state.message}` };
        return;
      }
      const u = usageOfPod(model, node);
      if (!u) return;
      const warning = warningText(u);
      item.description = [usageText(u), base].filter(Boolean).join(' · ');
      const level = worstLevel(u);
      if (level !== 'ok') item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor(level === 'overLimit' ? 'charts.red' : 'charts.orange'));
      const figures = [figuresText('cpu', u.cpu), figuresText('memory', u.memory)];
      item.accessibilityInformation = { label: `${label}, ${warning ? `warning: ${warning}, ` : ''}${figures.join(', ')}` };
      if (item.tooltip instanceof vscode.MarkdownString) {
        const md = item.tooltip;
        md.appendMarkdown(`\n\n**Usage**${u.timestamp ? ` (sampled ${esc(u.timestamp)})` : ''}${warning ? ` — $(warning) **${esc(warning)}**` : ''}\n\n`);
        for (const c of u.containers) md.appendMarkdown(`- ${esc(c.name)}: ${esc(figuresText('cpu', c.cpu))}; ${esc(figuresText('memory', c.memory))}\n`);
      }
    },
  };
}

function esc(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
