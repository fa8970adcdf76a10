// Follows one deployment's rollout by watch (list with a name field selector, then watch, as
// `kubectl rollout status` does) until it completes, fails its progress deadline, or is cancelled.
import type { V1Deployment } from '@kubernetes/client-node';
import { type ListWatchSource, startListWatch } from '../../clients/kubernetes/listWatch';
import { type RolloutProgress, rolloutProgress } from './rolloutStatus';

export type FollowEnd = RolloutProgress | { kind: 'cancelled' } | { kind: 'deleted' };

/**
 * Resolves with the final progress. `onProgress` sees every distinct step; watch errors are retried
 * with backoff (listWatch) and reported through `onError` without ending the follow.
 */
export function followRollout(
  source: ListWatchSource<V1Deployment>,
  handlers: { onProgress(p: RolloutProgress, d: V1Deployment): void; onError?(message: string): void },
  signal: AbortSignal,
): Promise<FollowEnd> {
  return new Promise((resolve) => {
    let last = '';
    let done = false;
    const finish = (end: FollowEnd) => {
      if (done) return;
      done = true;
      signal.removeEventListener('abort', onAbort);
      stop.dispose();
      resolve(end);
    };
    const onAbort = () => finish({ kind: 'cancelled' });
    const look = (d: V1Deployment | undefined) => {
      if (!d) return finish({ kind: 'deleted' });
      const p = rolloutProgress(d);
      if (p.message !== last) {
        last = p.message;
        handlers.onProgress(p, d);
      }
      if (p.kind !== 'waiting') finish(p);
    };
    const stop = startListWatch<V1Deployment>(source, (e) => {
      if (e.type === 'synced') look(e.items[0]);
      else if (e.type === 'changed') look(e.kind === 'DELETED' ? undefined : e.object);
      else if (e.type === 'error') handlers.onError?.(`${e.error.message} (retrying in ${Math.ceil(e.retryInMs / 1000)} s)`);
    });
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}
