// The rollout follower over scripted watches: it tells a stuck new pod as soon as it is seen (not at the progress
// deadline), once per change of what is wrong, says when it cleared, and closes every watch when the follow ends.
import assert from 'node:assert/strict';
import { followRollout } from '../../../../src/domain/workloads/rolloutFollower';
import type { PodTrouble } from '../../../../src/domain/workloads/rolloutTrouble';
import { waitFor } from '../../../shared/waitFor';
import { FakeCluster } from './fakeSources';
import { deployment, pod, replicaSet } from './fixtures';

describe('rollout follower', () => {
  it('reports a crash-looping new pod while the rollout is still waiting, then its clearing; closes its watches at the end', async () => {
    const cluster = new FakeCluster();
    const rolling = deployment({ image: 'reg/api:3', revision: 3, status: { observedGeneration: 1, replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3 } });
    const oldRs = replicaSet(rolling, 2, 'reg/api:2', { replicas: 3 });
    const newRs = replicaSet(rolling, 3, 'reg/api:3', { replicas: 1 });
    cluster.deploymentsRes.items = [rolling];
    cluster.replicaSetsRes.items = [oldRs, newRs];
    cluster.podsRes.items = [pod(oldRs, 'old01'), pod(newRs, 'new01', { waiting: { reason: 'ContainerCreating' } })];

    const troubles: PodTrouble[][] = [];
    const progress: string[] = [];
    const ending = followRollout(
      cluster.deployments('ns'),
      { onProgress: (p) => progress.push(p.kind), onTrouble: (t) => troubles.push(t) },
      new AbortController().signal,
      { replicaSets: cluster.replicaSets('ns'), pods: cluster.pods('ns') },
    );
    await waitFor('three watches open', () => (cluster.openWatches === 3 ? true : undefined));
    assert.equal(troubles.length, 0, 'a starting pod is no trouble');

    cluster.podsRes.emit('MODIFIED', pod(newRs, 'new01', { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 10s' } }, { restarts: 1 }));
    await waitFor('the crash reported', () => (troubles.length === 1 ? true : undefined));
    assert.equal(troubles[0]?.[0]?.reason, 'CrashLoopBackOff');
    assert.equal(troubles[0]?.[0]?.pod, 'api-h3-new01');

    // The back-off ticking on is the same trouble: no second report.
    cluster.podsRes.emit('MODIFIED', pod(newRs, 'new01', { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 20s' } }, { restarts: 2 }));
    cluster.podsRes.emit('MODIFIED', pod(newRs, 'new01', { running: {} }, { restarts: 3 }));
    await waitFor('the clearing reported', () => (troubles.length === 2 ? true : undefined));
    assert.deepEqual(troubles[1], []);

    const done = deployment({ image: 'reg/api:3', revision: 3, replicas: 3 });
    cluster.deploymentsRes.emit('MODIFIED', done);
    const end = await ending;
    assert.equal(end.kind, 'done');
    assert.deepEqual(progress, ['waiting', 'done']);
    assert.equal(cluster.openWatches, 0, 'every watch is closed when the follow ends');
  });

  it('without pod sources it follows the deployment alone, and a cancel ends it', async () => {
    const cluster = new FakeCluster();
    cluster.deploymentsRes.items = [deployment({ status: { observedGeneration: 1, replicas: 3, updatedReplicas: 1 } })];
    const abort = new AbortController();
    const ending = followRollout(cluster.deployments('ns'), { onProgress: () => undefined, onTrouble: () => assert.fail('no trouble without pods') }, abort.signal);
    await waitFor('the watch open', () => (cluster.openWatches === 1 ? true : undefined));
    abort.abort();
    assert.deepEqual(await ending, { kind: 'cancelled' });
    assert.equal(cluster.openWatches, 0);
  });
});
