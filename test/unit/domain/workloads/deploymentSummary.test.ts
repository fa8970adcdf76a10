// The state an engineer reads at a glance: kubectl's pod STATUS, and the deployment's state with its reason.
import assert from 'node:assert/strict';
import { summarizeDeployment } from '../../../../src/domain/workloads/deploymentSummary';
import { summarizePod } from '../../../../src/domain/workloads/podSummary';
import { rolloutProgress } from '../../../../src/domain/workloads/rolloutStatus';
import { deployment, pod, replicaSet } from './fixtures';

describe('podSummary', () => {
  const d = deployment();
  const rs = replicaSet(d, 2, 'reg/api:2', { replicas: 3 });

  it('reads like kubectl get pods: CrashLoopBackOff and image pull errors are errors with their message', () => {
    const crash = summarizePod(pod(rs, 'a', { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 20s restarting failed container' } }, { restarts: 4 }));
    assert.deepEqual([crash.status, crash.severity, crash.ready, crash.total, crash.restarts], ['CrashLoopBackOff', 'error', 0, 1, 4]);
    assert.equal(crash.problem?.message, 'back-off 20s restarting failed container');
    const pull = summarizePod(pod(rs, 'b', { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "x"' } }));
    assert.deepEqual([pull.status, pull.severity], ['ImagePullBackOff', 'error']);
    const exited = summarizePod(pod(rs, 'c', { terminated: { exitCode: 137 } }));
    assert.deepEqual([exited.status, exited.severity], ['ExitCode:137', 'error']);
  });

  it('running, not ready, creating and terminating pods', () => {
    assert.deepEqual([summarizePod(pod(rs, 'a')).status, summarizePod(pod(rs, 'a')).severity], ['Running', 'ok']);
    const notReady = summarizePod(pod(rs, 'b', { running: {} }, { ready: false }));
    assert.deepEqual([notReady.status, notReady.severity, notReady.problem?.reason], ['Running', 'pending', 'NotReady']);
    assert.equal(summarizePod(pod(rs, 'c', { waiting: { reason: 'ContainerCreating' } })).severity, 'pending');
    assert.deepEqual([summarizePod(pod(rs, 'd', undefined, { deleting: true })).status, summarizePod(pod(rs, 'd', undefined, { deleting: true })).severity], ['Terminating', 'terminating']);
  });
});

describe('deploymentSummary state', () => {
  it('healthy: everything rolled out and ready', () => {
    const s = summarizeDeployment(deployment());
    assert.deepEqual([s.state, s.ready, s.desired, s.revision, s.containers[0]?.image], ['healthy', 3, 3, 2, 'reg/api:2']);
  });

  it('degraded as soon as a pod crash-loops, with the pod and its message as the reason', () => {
    const d = deployment();
    const rs = replicaSet(d, 3, 'reg/api:3-crash', { replicas: 1 });
    const pods = [pod(rs, 'x', { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 10s' } }, { restarts: 2 })].map(summarizePod);
    const s = summarizeDeployment(d, pods);
    assert.deepEqual([s.state, s.reason], ['degraded', 'CrashLoopBackOff']);
    assert.match(s.detail ?? '', /api-h3-x: back-off 10s/);
    assert.equal(s.troubledPods?.length, 1);
  });

  it('degraded on a progress deadline or unavailability, from the deployment status alone', () => {
    const timedOut = deployment({
      status: { observedGeneration: 1, replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "api-h3" has timed out progressing.' }] },
    });
    assert.deepEqual([summarizeDeployment(timedOut).state, summarizeDeployment(timedOut).reason], ['degraded', 'ProgressDeadlineExceeded']);
    const down = deployment({ status: { observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 0, availableReplicas: 0, conditions: [{ type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' }] } });
    assert.deepEqual([summarizeDeployment(down).state, summarizeDeployment(down).reason], ['degraded', 'Unavailable']);
  });

  it('scaling up with some pods serving and the rest starting is progress, not an outage; with none serving it is degraded', () => {
    const unavailable = { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' };
    const scaling = (available: number) => deployment({ status: { observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: available, availableReplicas: available, conditions: [unavailable] } });
    const rs = replicaSet(scaling(1), 2, 'reg/api:2', { replicas: 3 });
    const starting = [pod(rs, 'a'), pod(rs, 'b', { waiting: { reason: 'ContainerCreating' } }), pod(rs, 'c', { running: {} }, { ready: false })].map(summarizePod);
    const s = summarizeDeployment(scaling(1), starting);
    assert.deepEqual([s.state, s.reason], ['progressing', '1 of 3 available']);
    assert.match(s.detail ?? '', /^Deployment does not have minimum availability\. Starting: api-h2-b: /);
    // Nothing serves: an outage, whatever is starting.
    assert.deepEqual([summarizeDeployment(scaling(0), starting.slice(1)).state, summarizeDeployment(scaling(0), starting.slice(1)).reason], ['degraded', 'Unavailable']);
    // Below availability with nothing starting (pods missing, not coming): degraded.
    assert.equal(summarizeDeployment(scaling(1), starting.slice(0, 1)).state, 'degraded');
    // A failing pod among them: degraded, named by its reason.
    const crash = summarizePod(pod(rs, 'd', { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 10s' } }, { restarts: 1 }));
    assert.deepEqual([summarizeDeployment(scaling(1), [...starting, crash]).state, summarizeDeployment(scaling(1), [...starting, crash]).reason], ['degraded', 'CrashLoopBackOff']);
    // From the status alone (pods not watched), as kubectl get deploy reads it: degraded.
    assert.equal(summarizeDeployment(scaling(1)).state, 'degraded');
  });

  it('progressing during a rollout, paused, scaled to zero', () => {
    const rolling = deployment({ generation: 2, status: { observedGeneration: 2, replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3, conditions: [] } });
    assert.equal(summarizeDeployment(rolling).state, 'progressing');
    assert.equal(summarizeDeployment(deployment({ paused: true })).state, 'paused');
    const zero = deployment({ replicas: 0, status: { observedGeneration: 1, conditions: [] } });
    assert.equal(summarizeDeployment(zero).state, 'scaledToZero');
  });
});

describe('rolloutProgress (kubectl rollout status)', () => {
  it('says what kubectl says at each step', () => {
    const d = (s: object, generation = 2) => deployment({ generation, status: { observedGeneration: 2, conditions: [], ...s } });
    assert.equal(rolloutProgress(d({}, 3)).message, 'Waiting for deployment spec update to be observed...');
    assert.equal(rolloutProgress(d({ replicas: 4, updatedReplicas: 1 })).message, 'Waiting for deployment "api" rollout to finish: 1 out of 3 new replicas have been updated...');
    assert.equal(rolloutProgress(d({ replicas: 4, updatedReplicas: 3 })).message, 'Waiting for deployment "api" rollout to finish: 1 old replicas are pending termination...');
    assert.equal(rolloutProgress(d({ replicas: 3, updatedReplicas: 3, availableReplicas: 2 })).message, 'Waiting for deployment "api" rollout to finish: 2 of 3 updated replicas are available...');
    assert.deepEqual(rolloutProgress(d({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 })), { kind: 'done', message: 'deployment "api" successfully rolled out', desired: 3 });
    const failed = rolloutProgress(d({ conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'timed out' }] }));
    assert.equal(failed.kind, 'failed');
  });
});
