// "Sort Pods by Usage…": picks the order of a deployment's pods (name, CPU, memory — kubectl top --sort-by) and keeps
// it in the phoenixOps.usage.sortPods setting.
import * as vscode from 'vscode';
import type { UsageSort } from '../../../domain/usage/podUsage';
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';

const CHOICES: Array<{ label: string; description: string; sort: UsageSort }> = [
  { label: 'CPU', description: 'highest CPU use first', sort: 'cpu' },
  { label: 'Memory', description: 'highest memory use first', sort: 'memory' },
  { label: 'Name', description: 'as the cluster lists them', sort: 'name' },
];

export const sortPodsByUsageCommand: CommandFactory = (services) => ({
  id: CommandIds.sortPodsByUsage,
  async run(arg?: unknown): Promise<UsageSort | undefined> {
    let sort = typeof arg === 'string' && CHOICES.some((c) => c.sort === arg) ? (arg as UsageSort) : undefined;
    if (!sort) {
      const current = services.settings().usage.sortPods;
      const picked = await vscode.window.showQuickPick(
        CHOICES.map((c) => ({ ...c, picked: c.sort === current, detail: c.sort === current ? 'current order' : undefined })),
        { title: 'Sort pods by', placeHolder: 'Order of each deployment\'s pods in the Deployments view' },
      );
      sort = picked?.sort;
    }
    if (!sort) return undefined;
    await vscode.workspace.getConfiguration('phoenixOps').update('usage.sortPods', sort, vscode.ConfigurationTarget.Global);
    services.workloads.tree.refreshAll();
    return sort;
  },
});
