// "Roll Back": pick a revision from the history (or the previous one) and do what
// `kubectl rollout undo [--to-revision]` does, then follow the rollout.
import * as vscode from 'vscode';
import type { V1Deployment, V1ReplicaSet } from '@kubernetes/client-node';
import { shortAge, shortImage } from '../../../domain/workloads/objectMeta';
import { revisionHistory } from '../../../domain/workloads/revisionHistory';
import { planUndo } from '../../../domain/workloads/rolloutPlans';
import { CommandIds } from '../../commandIds';
import { applyPlan, type MutationOutcome, readDeployment } from '../../workloads/deploymentMutation';
import { resolveDeploymentTarget } from '../../workloads/deploymentTarget';
import { followRolloutWithProgress } from '../../workloads/rolloutNotification';
import type { CommandFactory } from '../command';

interface RevisionItem extends vscode.QuickPickItem {
  /** 0 = the previous revision, as `kubectl rollout undo` without --to-revision. */
  toRevision: number;
}

export const rollBackDeploymentCommand: CommandFactory = (services) => ({
  id: CommandIds.rollBackDeployment,
  async run(arg?: unknown, revisionArg?: unknown, options?: unknown): Promise<MutationOutcome | undefined> {
    const target = await resolveDeploymentTarget(arg, services, 'Roll Back');
    const input = target && (await readDeployment(target, true));
    if (!target || !input) return undefined;
    const toRevision = typeof revisionArg === 'number' ? revisionArg : (target.revision ?? (await pickRevision(target.name, input.deployment, input.replicaSets ?? [])));
    if (toRevision === undefined) return undefined;
    const outcome = await applyPlan(services, target, 'rollback', planUndo(input.deployment, input.replicaSets ?? [], toRevision));
    if (outcome.applied && (options as { follow?: boolean } | undefined)?.follow !== false) {
      const rev = 'toRevision' in outcome.plan ? outcome.plan.toRevision : toRevision;
      await followRolloutWithProgress(target, `Rolling back to revision ${rev}`, input.deployment);
    }
    return outcome;
  },
});

async function pickRevision(name: string, d: V1Deployment, rss: V1ReplicaSet[]): Promise<number | undefined> {
  const history = revisionHistory(d, rss);
  const now = Date.now();
  // kubectl's "previous" is the second-newest revision, whatever runs now.
  const previous = history[1];
  const items: RevisionItem[] = [];
  if (previous) {
    items.push({ label: '$(discard) Previous revision', description: `revision ${previous.revision} · ${previous.containers.map((c) => shortImage(c.image)).join(', ')}`, detail: 'What kubectl rollout undo does without --to-revision', toRevision: 0 });
    items.push({ label: 'History', kind: vscode.QuickPickItemKind.Separator, toRevision: -1 });
  }
  for (const e of history) {
    items.push({
      label: `${e.current ? '$(target)' : '$(git-commit)'} Revision ${e.revision}${e.current ? ' (current)' : ''}`,
      description: e.containers.map((c) => shortImage(c.image)).join(', '),
      detail: [e.changeCause ?? 'no change-cause', `${shortAge(e.createdMs, now)} ago`, e.replicaSet, `${e.readyReplicas}/${e.replicas} pods`].join(' · '),
      toRevision: e.revision,
    });
  }
  if (!history.length) {
    void vscode.window.showWarningMessage(`Phoenix Ops: deployment ${name} has no rollout history to go back to.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: `Roll Back ${name}${d.spec?.paused ? ' (paused: resume it first)' : ''}`,
    placeHolder: 'Revision to return to (its pod template is applied to the deployment)',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.toRevision;
}
