// Stuck pods of a rollout's new revision: what must be reported at once (crash loop, image pull, invalid image, bad
// config) against what must not (old revision's pods, pods starting up, running, terminating, transient states).
import assert from 'node:assert/strict';
import type { V1Pod } from '@kubernetes/client-node';
import { describeTrouble, rolloutTrouble, troubleKey } from '../../../../src/domain/workloads/rolloutTrouble';
import { deployment, pod, replicaSet } from './fixtures';

const d = deployment({ image: 'reg/api:3', revision: 3 });
const oldRs = replicaSet(d, 2, 'reg/api:2', { replicas: 3 });
const newRs = replicaSet(d, 3, 'reg/api:3', { replicas: 1 });

function withLast(p: V1Pod, exitCode: number, reason?: string, message?: string): V1Pod {
  p.status!.containerStatuses![0].lastState = { terminated: { exitCode, reason, message } as never };
  return p;
}

describe('rollout trouble', () => {
  const stuck: Array<[string, V1Pod, RegExp]> = [
    ['a crash loop, with the last exit and its termination message', withLast(pod(newRs, 'aaaaa', { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 20s restarting failed container=api' } }, { restarts: 2 }), 1, 'Error', 'startup failed: nil pointer'), /^api-h3-aaaaa CrashLoopBackOff \(last exit 1, Error: startup failed: nil pointer\)$/],
    ['an image that cannot be pulled', pod(newRs, 'bbbbb', { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "reg/api:3"' } }), /^api-h3-bbbbb ImagePullBackOff \(Back-off pulling image "reg\/api:3"\)$/],
    ['a failed pull', pod(newRs, 'ccccc', { waiting: { reason: 'ErrImagePull', message: 'not found' } }), /^api-h3-ccccc ErrImagePull \(not found\)$/],
    ['an invalid image name', pod(newRs, 'ddddd', { waiting: { reason: 'InvalidImageName', message: 'couldn\'t parse image name "!!!"' } }), /^api-h3-ddddd InvalidImageName \(couldn't parse image name "!!!"\)$/],
    ['a missing config map or secret', pod(newRs, 'eeeee', { waiting: { reason: 'CreateContainerConfigError', message: 'secret "db" not found' } }), /^api-h3-eeeee CreateContainerConfigError \(secret "db" not found\)$/],
  ];
  for (const [what, p, line] of stuck) {
    it(`reports ${what}`, () => {
      const t = rolloutTrouble(d, [oldRs, newRs], [p, pod(oldRs, 'zzzzz')]);
      assert.equal(t.length, 1);
      assert.match(describeTrouble(t), new RegExp(`^1 new pod is failing: ${line.source.replace(/^\^/, '')}`));
    });
  }

  const fine: Array<[string, V1Pod[]]> = [
    ['the old revision crash-looping (not this rollout\'s doing)', [pod(oldRs, 'aaaaa', { waiting: { reason: 'CrashLoopBackOff' } })]],
    ['a new pod starting', [pod(newRs, 'aaaaa', { waiting: { reason: 'ContainerCreating' } })]],
    ['a new pod running, not ready yet', [pod(newRs, 'aaaaa', { running: {} }, { ready: false })]],
    ['a new pod that exited once and is being restarted (not yet a loop)', [pod(newRs, 'aaaaa', { terminated: { exitCode: 1, reason: 'Error' } }, { restarts: 0 })]],
    ['a new pod being deleted', [pod(newRs, 'aaaaa', { waiting: { reason: 'CrashLoopBackOff' } }, { deleting: true })]],
    ['a pod of another owner', [pod(replicaSet(d, 9, 'reg/api:3', { ownerUid: 'someone-else' }), 'aaaaa', { waiting: { reason: 'CrashLoopBackOff' } })]],
    ['a waiting reason it does not know', [pod(newRs, 'aaaaa', { waiting: { reason: 'PodInitializing' } })]],
    ['no pods at all', []],
  ];
  for (const [what, pods] of fine) {
    it(`says nothing for ${what}`, () => assert.deepEqual(rolloutTrouble(d, [oldRs, newRs], pods), []));
  }

  it('says nothing before the new ReplicaSet exists', () => {
    assert.deepEqual(rolloutTrouble(d, [oldRs], [pod(oldRs, 'aaaaa', { waiting: { reason: 'CrashLoopBackOff' } })]), []);
  });

  it('reports a stuck init container as such', () => {
    const p = pod(newRs, 'aaaaa', { waiting: { reason: 'PodInitializing' } });
    p.status!.initContainerStatuses = [{ name: 'migrate', image: '', imageID: '', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } }];
    assert.equal(describeTrouble(rolloutTrouble(d, [oldRs, newRs], [p])), '1 new pod is failing: api-h3-aaaaa (init container migrate) CrashLoopBackOff');
  });

  it('names a few pods and counts the rest; the key ignores back-off ticks', () => {
    const pods = ['ccccc', 'aaaaa', 'bbbbb'].map((s) => pod(newRs, s, { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 10s' } }));
    const t = rolloutTrouble(d, [oldRs, newRs], pods);
    assert.deepEqual(t.map((x) => x.pod), ['api-h3-aaaaa', 'api-h3-bbbbb', 'api-h3-ccccc']);
    assert.equal(describeTrouble(t), '3 new pods are failing: api-h3-aaaaa CrashLoopBackOff (back-off 10s); api-h3-bbbbb CrashLoopBackOff (back-off 10s); 1 more');
    const later = rolloutTrouble(d, [oldRs, newRs], ['ccccc', 'aaaaa', 'bbbbb'].map((s) => pod(newRs, s, { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s' } })));
    assert.equal(troubleKey(later), troubleKey(t));
    assert.notEqual(troubleKey(rolloutTrouble(d, [oldRs, newRs], [pod(newRs, 'aaaaa', { waiting: { reason: 'ImagePullBackOff' } })])), troubleKey(t));
  });

  it('keeps a long, many-line termination message to its first line, bounded', () => {
    const p = withLast(pod(newRs, 'aaaaa', { waiting: { reason: 'CrashLoopBackOff' } }), 137, 'OOMKilled', `${'x'.repeat(300)}\nstack`);
    const line = describeTrouble(rolloutTrouble(d, [oldRs, newRs], [p]));
    assert.ok(line.endsWith('…)') && !line.includes('stack') && line.length < 260, line);
  });
});
