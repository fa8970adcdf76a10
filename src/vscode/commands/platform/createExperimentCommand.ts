// "Create Experiment": name, baseline and candidate pipelines, target namespaces (guided, or all as one argument),
// then POST /api/v1/experiments through the mutation guard.
import * as vscode from 'vscode';
import type { NewExperiment } from '../../../clients/platform/platformTypes';
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';
import { valueOrThrow } from '../../../core/result';

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const createExperimentCommand: CommandFactory = ({ platform, guard, selection }) => ({
  id: CommandIds.createExperiment,
  async run(arg?: unknown) {
    const api = platform.clients().platform;
    if (!api) {
      const pick = await vscode.window.showWarningMessage('Set phoenixOps.platformApi.url first: experiments live in the Phoenix platform API.', 'Open Settings');
      if (pick) await vscode.commands.executeCommand('workbench.action.openSettings', 'phoenixOps.platformApi.url');
      return;
    }
    const input = isNewExperiment(arg) ? arg : await askForExperiment(knownPipelines(platform.experiments.snapshot.experiments), selection.current.namespace);
    if (!input) return;
    const outcome = await guard
      .run(
        { action: 'create experiment', context: 'platform-api', object: `experiment/${input.name}`, confirmText: input.name, summary: `create experiment ${input.name}` },
        async () => {
          return valueOrThrow(await api.createExperiment(input));
        },
        `${input.baselinePipeline} vs ${input.candidatePipeline} in ${input.targetNamespaces.join(', ')} (${api.baseUrl})`,
      )
      .catch((e: unknown) => {
        void vscode.window.showErrorMessage(`Could not create experiment ${input.name}: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      });
    if (!outcome?.ran) return;
    await platform.experiments.refresh();
    void vscode.window.showInformationMessage(`Experiment ${outcome.value.name} created (${outcome.value.id}, ${outcome.value.phase}).`);
    return outcome.value;
  },
});

function isNewExperiment(v: unknown): v is NewExperiment {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.name === 'string' && typeof o.baselinePipeline === 'string' && typeof o.candidatePipeline === 'string' && Array.isArray(o.targetNamespaces);
}

function knownPipelines(experiments: readonly { baselinePipeline: string; candidatePipeline: string }[]): { baselines: string[]; candidates: string[] } {
  const uniq = (xs: string[]) => [...new Set(xs.filter(Boolean))].sort();
  return { baselines: uniq(experiments.map((e) => e.baselinePipeline)), candidates: uniq(experiments.map((e) => e.candidatePipeline)) };
}

async function askForExperiment(known: { baselines: string[]; candidates: string[] }, namespace: string | undefined): Promise<NewExperiment | undefined> {
  const title = (step: number) => `Create Experiment (${step}/4)`;
  const name = await vscode.window.showInputBox({
    title: title(1),
    prompt: 'Experiment name: lower-case letters, digits and dashes',
    placeHolder: 'cost-opt',
    ignoreFocusOut: true,
    validateInput: (v) => (NAME.test(v.trim()) && v.trim().length <= 63 ? undefined : 'Lower-case letters, digits and dashes, starting and ending with a letter or digit.'),
  });
  if (!name) return undefined;
  const baselinePipeline = await pickPipeline(title(2), 'Baseline pipeline (what runs today)', known.baselines);
  if (!baselinePipeline) return undefined;
  const candidatePipeline = await pickPipeline(title(3), 'Candidate pipeline (what should cut cost)', known.candidates.filter((c) => c !== baselinePipeline));
  if (!candidatePipeline) return undefined;
  const namespaces = await vscode.window.showInputBox({
    title: title(4),
    prompt: 'Target namespaces, comma-separated',
    value: namespace ?? 'default',
    ignoreFocusOut: true,
    validateInput: (v) => (splitList(v).length ? undefined : 'At least one namespace.'),
  });
  if (!namespaces) return undefined;
  return { name: name.trim(), baselinePipeline, candidatePipeline, targetNamespaces: splitList(namespaces) };
}

/** A quick pick of the pipelines in use that also takes a typed name. */
async function pickPipeline(title: string, placeholder: string, known: string[]): Promise<string | undefined> {
  const qp = vscode.window.createQuickPick<vscode.QuickPickItem>();
  qp.title = title;
  qp.placeholder = `${placeholder}: pick one in use or type a pipeline template name`;
  qp.ignoreFocusOut = true;
  const base = known.map((label) => ({ label, description: 'in use' }));
  qp.items = base;
  qp.onDidChangeValue((v) => {
    const typed = v.trim();
    qp.items = typed && !known.includes(typed) ? [{ label: typed, description: 'type a new name' }, ...base] : base;
  });
  return new Promise<string | undefined>((resolve) => {
    qp.onDidAccept(() => {
      resolve(qp.selectedItems[0]?.label ?? (qp.value.trim() || undefined));
      qp.hide();
    });
    qp.onDidHide(() => {
      resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}

function splitList(v: string): string[] {
  return v
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
