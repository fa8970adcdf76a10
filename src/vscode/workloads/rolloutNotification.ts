// A progress notification that follows a rollout (updated/ready/available counts) until it completes,
// or fails its progress deadline — then offers "Roll Back", which opens the revision picker. As soon as
// a pod of the new revision is stuck (crash loop, image pull, invalid image, bad config) it says which
// pods and why, and offers Roll Back right away instead of counting on to the deadline.
import { noLinks } from '../../core/markdown';
import * as vscode from 'vscode';
import type { V1Deployment, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import { matchLabels } from '../../clients/kubernetes/workloadsClient';
import { followRollout, type PodSources } from '../../domain/workloads/rolloutFollower';
import { describeTrouble, type PodTrouble } from '../../domain/workloads/rolloutTrouble';
import { CommandIds } from '../commandIds';
import type { DeploymentTarget } from './deploymentTarget';

/**
 * Shown while following; resolves when the rollout ended or the user stopped following. With the deployment
 * (as read before the change: its selector finds the pods), stuck pods of the new revision are reported at once.
 */
export async function followRolloutWithProgress(target: DeploymentTarget, title: string, deployment?: V1Deployment): Promise<'done' | 'failed' | 'cancelled' | 'deleted' | 'rolling back'> {
  const ref = { context: target.context, namespace: target.namespace, name: target.name };
  const source = target.client.source<V1Deployment>('deployments', target.namespace, { fieldSelector: `metadata.name=${target.name}` });
  const selector = deployment ? matchLabels(deployment) : '';
  const podSources: PodSources | undefined = selector
    ? { replicaSets: target.client.source<V1ReplicaSet>('replicasets', target.namespace, { labelSelector: selector }), pods: target.client.source<V1Pod>('pods', target.namespace, { labelSelector: selector }) }
    : undefined;
  let rollingBack = false;
  const end = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `${title}: ${target.name}`, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      let reported = 0;
      let counts = '';
      let trouble = '';
      let offered = false;
      const show = () => progress.report({ message: trouble ? `${trouble} — ${counts}` : counts });
      const offerRollBack = (troubles: PodTrouble[]) => {
        offered = true;
        const message = `Phoenix Ops: rollout of ${target.name} (${target.context}/${target.namespace}) is failing — ${noLinks(describeTrouble(troubles, 3))}.`;
        void vscode.window.showErrorMessage(message, 'Roll Back', 'Show Events').then((pick) => {
          if (pick === 'Show Events') void vscode.commands.executeCommand(CommandIds.showEvents, ref);
          if (pick !== 'Roll Back') return;
          rollingBack = true;
          abort.abort(); // the rollback follows its own rollout
          void vscode.commands.executeCommand(CommandIds.rollBackDeployment, ref);
        });
      };
      try {
        return await followRollout(
          source,
          {
            onProgress: (p) => {
              if (p.kind !== 'waiting') return;
              const pct = p.desired ? Math.round((100 * (p.updated + p.available)) / (2 * p.desired)) : 0;
              counts = `${p.updated}/${p.desired} updated, ${p.ready} ready, ${p.available} available`;
              progress.report({ message: trouble ? `${trouble} — ${counts}` : counts, increment: Math.max(0, pct - reported) });
              reported = Math.max(reported, pct);
            },
            onError: (m) => progress.report({ message: `connection lost: ${m}` }),
            onTrouble: (troubles) => {
              trouble = troubles.length ? `⚠ ${noLinks(describeTrouble(troubles))}` : '';
              show();
              if (troubles.length && !offered) offerRollBack(troubles);
            },
          },
          abort.signal,
          podSources,
        );
      } finally {
        sub.dispose();
      }
    },
  );
  if (rollingBack) return 'rolling back';
  switch (end.kind) {
    case 'done':
      void vscode.window.showInformationMessage(`Phoenix Ops: ${end.message} (${target.context}/${target.namespace}).`);
      return 'done';
    case 'failed': {
      void vscode.window.showErrorMessage(`Phoenix Ops: rollout of ${target.name} failed: ${noLinks(end.message)}`, 'Roll Back', 'Show Events').then((pick) => {
        if (pick === 'Roll Back') void vscode.commands.executeCommand(CommandIds.rollBackDeployment, ref);
        if (pick === 'Show Events') void vscode.commands.executeCommand(CommandIds.showEvents, ref);
      });
      return 'failed';
    }
    case 'deleted':
      void vscode.window.showWarningMessage(`Phoenix Ops: deployment ${target.name} was deleted while rolling out.`);
      return 'deleted';
    case 'cancelled':
      void vscode.window.showInformationMessage(`Phoenix Ops: stopped following ${target.name}; the rollout goes on in the cluster (the Deployments view keeps showing it).`);
      return 'cancelled';
    case 'waiting':
      return 'cancelled';
  }
}
