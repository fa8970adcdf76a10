// A progress notification that follows a rollout (updated/ready/available counts) until it completes,
// or fails its progress deadline — then offers "Roll Back", which opens the revision picker.
import { noLinks } from '../../core/markdown';
import * as vscode from 'vscode';
import type { V1Deployment } from '@kubernetes/client-node';
import { followRollout } from '../../domain/workloads/rolloutFollower';
import { CommandIds } from '../commandIds';
import type { DeploymentTarget } from './deploymentTarget';

/** Shown while following; resolves when the rollout ended or the user stopped following. */
export async function followRolloutWithProgress(target: DeploymentTarget, title: string): Promise<'done' | 'failed' | 'cancelled' | 'deleted'> {
  const ref = { context: target.context, namespace: target.namespace, name: target.name };
  const source = target.client.source<V1Deployment>('deployments', target.namespace, { fieldSelector: `metadata.name=${target.name}` });
  const end = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `${title}: ${target.name}`, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      let reported = 0;
      try {
        return await followRollout(
          source,
          {
            onProgress: (p) => {
              if (p.kind !== 'waiting') return;
              const pct = p.desired ? Math.round((100 * (p.updated + p.available)) / (2 * p.desired)) : 0;
              progress.report({ message: `${p.updated}/${p.desired} updated, ${p.ready} ready, ${p.available} available`, increment: Math.max(0, pct - reported) });
              reported = Math.max(reported, pct);
            },
            onError: (m) => progress.report({ message: `connection lost: ${m}` }),
          },
          abort.signal,
        );
      } finally {
        sub.dispose();
      }
    },
  );
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
