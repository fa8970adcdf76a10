// Run Analysis with the Cockpit…: a Flagger Canary's analysis (interval, threshold, stepWeight, maxWeight,
// success rate and duration) becomes a plan in the workspace's plan folder, then Start Canary runs it on
// the Canary's target deployment with the cockpit's own driver.
import * as vscode from 'vscode';
import { stringify } from 'yaml';
import { type CustomObject, planFromFlagger } from '../../../domain/rollouts/progressiveResources';
import { planErrorText } from '../../../domain/rollouts/planParser';
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';
import type { StartOptions } from './startCanaryCommand';

export const runFlaggerAnalysisCommand: CommandFactory = (services) => ({
  id: CommandIds.runFlaggerAnalysis,
  async run(arg?: unknown, optionsArg?: unknown): Promise<boolean> {
    const node = arg as { kind?: string; context?: string; object?: CustomObject; summary?: { target?: string } } | undefined;
    if (node?.kind !== 'progressive' || !node.object || !node.context) {
      void vscode.window.showInformationMessage('Phoenix Ops: run "Run Analysis with the Cockpit…" on a Flagger canary in the Rollouts view.');
      return false;
    }
    const r = planFromFlagger(node.object);
    if (!r.ok) {
      void vscode.window.showErrorMessage(`Phoenix Ops: the analysis of ${node.object.metadata?.name ?? ''} cannot be imported: ${r.errors.map(planErrorText).join('; ')}`);
      return false;
    }
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (folder) {
      const p = r.plan;
      const yaml = stringify({
        name: p.name,
        source: p.source,
        description: p.description,
        interval: `${p.intervalSeconds}s`,
        window: `${p.windowSeconds}s`,
        failureThreshold: p.failureThreshold,
        inconclusiveLimit: p.inconclusiveLimit,
        minRequests: p.minRequests,
        traffic: { requests: p.requestsQuery, tracks: p.tracks },
        gates: p.gates.map((g) => ({ name: g.name, ...(g.description ? { description: g.description } : {}), unit: g.unit, passWhen: g.passWhen, threshold: p.phases[0]?.thresholds[g.name], query: g.query })),
        phases: p.phases.map((x) => ({ weight: x.weight, hold: `${x.holdSeconds}s` })),
      });
      const dir = vscode.Uri.joinPath(folder.uri, ...services.rollouts.planFolder().split('/').filter(Boolean));
      await vscode.workspace.fs.createDirectory(dir);
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, `flagger-${node.object.metadata?.name ?? 'canary'}.yaml`), new TextEncoder().encode(`# Imported from Flagger Canary ${node.object.metadata?.namespace ?? ''}/${node.object.metadata?.name ?? ''}\n${yaml}`));
    }
    const target = node.summary?.target ?? node.object.metadata?.name;
    if (!target) return false;
    // The imported plan itself goes to Start Canary: in an untrusted folder (or none) the written file is not in the plan library.
    const options: StartOptions = { ...((optionsArg ?? {}) as Omit<StartOptions, 'plan'>), plan: r.plan };
    return (await vscode.commands.executeCommand(CommandIds.startCanary, { context: node.context, namespace: node.object.metadata?.namespace ?? '', name: target }, options)) === true;
  },
});
