// Follows one deployment's rollout by watch (list with a name field selector, then watch, as
// `kubectl rollout status` does) until it completes, fails its progress deadline, or is cancelled.
// Given its ReplicaSets and pods too, it also says as soon as a pod of the new revision is stuck
// (crash loop, image that cannot be pulled or parsed), long before the deadline would.
import type { V1Deployment, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import { type KubeObjectLike, type ListWatchEvent, type ListWatchSource, startListWatch } from '../../clients/kubernetes/listWatch';
import type { Disposable } from '../../core/disposable';
import { type PodTrouble, rolloutTrouble, troubleKey } from './rolloutTrouble';
import { type RolloutProgress, rolloutProgress } from './rolloutStatus';

export type FollowEnd = RolloutProgress | { kind: 'cancelled' } | { kind: 'deleted' };

export interface FollowHandlers {
  onProgress(p: RolloutProgress, d: V1Deployment): void;
  onError?(message: string): void;
  /** What is wrong with the new revision's pods, each time that changes (an empty list: nothing any more). */
  onTrouble?(troubles: PodTrouble[]): void;
}

/** The deployment's ReplicaSets and pods (by its selector), for spotting stuck pods. */
export interface PodSources {
  replicaSets: ListWatchSource<V1ReplicaSet>;
  pods: ListWatchSource<V1Pod>;
}

/**
 * Resolves with the final progress. `onProgress` sees every distinct step; watch errors are retried
 * with backoff (listWatch) and reported through `onError` without ending the follow.
 */
export function followRollout(source: ListWatchSource<V1Deployment>, handlers: FollowHandlers, signal: AbortSignal, podSources?: PodSources): Promise<FollowEnd> {
  return new Promise((resolve) => {
    let last = '';
    let done = false;
    let deployment: V1Deployment | undefined;
    const replicaSets = new Map<string, V1ReplicaSet>();
    const pods = new Map<string, V1Pod>();
    let lastTrouble = '';
    const stops: Disposable[] = [];
    const finish = (end: FollowEnd) => {
      if (done) return;
      done = true;
      signal.removeEventListener('abort', onAbort);
      for (const s of stops) s.dispose();
      resolve(end);
    };
    const onAbort = () => finish({ kind: 'cancelled' });
    const checkTrouble = () => {
      if (!deployment || !handlers.onTrouble || done) return;
      const troubles = rolloutTrouble(deployment, replicaSets.values(), pods.values());
      const key = troubleKey(troubles);
      if (key === lastTrouble) return;
      lastTrouble = key;
      handlers.onTrouble(troubles);
    };
    const look = (d: V1Deployment | undefined) => {
      if (!d) return finish({ kind: 'deleted' });
      deployment = d;
      const p = rolloutProgress(d);
      if (p.message !== last) {
        last = p.message;
        handlers.onProgress(p, d);
      }
      if (p.kind !== 'waiting') return finish(p);
      checkTrouble();
    };
    stops.push(
      startListWatch<V1Deployment>(source, (e) => {
        if (e.type === 'synced') look(e.items[0]);
        else if (e.type === 'changed') look(e.kind === 'DELETED' ? undefined : e.object);
        else if (e.type === 'error') handlers.onError?.(`${e.error.message} (retrying in ${Math.ceil(e.retryInMs / 1000)} s)`);
      }),
    );
    if (podSources) {
      stops.push(startListWatch(podSources.replicaSets, (e) => mirror(replicaSets, e) && checkTrouble()));
      stops.push(startListWatch(podSources.pods, (e) => mirror(pods, e) && checkTrouble()));
    }
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Keeps `into` equal to the server's objects by uid; true when it changed. */
function mirror<T extends KubeObjectLike>(into: Map<string, T>, e: ListWatchEvent<T>): boolean {
  const uidOf = (o: T) => o.metadata?.uid ?? `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
  if (e.type === 'synced') {
    into.clear();
    for (const o of e.items) into.set(uidOf(o), o);
    return true;
  }
  if (e.type !== 'changed') return false;
  if (e.kind === 'DELETED') into.delete(uidOf(e.object));
  else into.set(uidOf(e.object), e.object);
  return true;
}
