// Where a rollout stands, as `kubectl rollout status` decides it (DeploymentStatusViewer): done,
// waiting (with kubectl's own progress line), or failed on its progress deadline. Pure.
import type { V1Deployment } from '@kubernetes/client-node';

export type RolloutProgress =
  | { kind: 'waiting'; message: string; updated: number; ready: number; available: number; desired: number }
  | { kind: 'done'; message: string; desired: number }
  | { kind: 'failed'; message: string; reason: string };

export function rolloutProgress(d: V1Deployment): RolloutProgress {
  const name = d.metadata?.name ?? '';
  const s = d.status ?? {};
  const desired = d.spec?.replicas ?? 1;
  const updated = s.updatedReplicas ?? 0;
  const ready = s.readyReplicas ?? 0;
  const available = s.availableReplicas ?? 0;
  const counts = { updated, ready, available, desired };
  if ((d.metadata?.generation ?? 0) > (s.observedGeneration ?? 0)) {
    return { kind: 'waiting', message: 'Waiting for deployment spec update to be observed...', ...counts };
  }
  const progressing = s.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return { kind: 'failed', reason: 'ProgressDeadlineExceeded', message: `deployment "${name}" exceeded its progress deadline${progressing.message ? `: ${progressing.message}` : ''}` };
  }
  if (updated < desired) return { kind: 'waiting', message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${desired} new replicas have been updated...`, ...counts };
  const replicas = s.replicas ?? 0;
  if (replicas > updated) return { kind: 'waiting', message: `Waiting for deployment "${name}" rollout to finish: ${replicas - updated} old replicas are pending termination...`, ...counts };
  if (available < updated) return { kind: 'waiting', message: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...`, ...counts };
  return { kind: 'done', message: `deployment "${name}" successfully rolled out`, desired };
}
