// The simulated scheduler/kubelet and ReplicaSet controller: pod start and readiness, crash loops, failed pulls, deletion and replacement.
import { strict as assert } from 'node:assert';
import { type Pod, isPodReady } from '../../../../../sandbox/kube/controllers/kinds';
import { parsableImageReference } from '../../../../../sandbox/kube/controllers/imageBehaviour';
import { CRASH_TERMINATION_MESSAGE } from '../../../../../sandbox/kube/controllers/podLifecycle';
import { rankForDeletion } from '../../../../../sandbox/kube/controllers/replicaSetController';
import { deployment, edit, eventsFor, type Harness, NS, podsOf, replicaSetsOf, rolledOut, startCluster } from './simHarness';
import { waitFor } from '../../../../shared/waitFor';

function statusOf(p: Pod, container?: string) {
  const s = p.status?.containerStatuses?.find((c) => !container || c.name === container);
  assert.ok(s, 'container status');
  return s;
}

describe('sim pod lifecycle and ReplicaSet controller', () => {
  let h: Harness;
  afterEach(() => h.dispose());

  it('takes a pod from Pending to Running to Ready with the kubelet fields and events', async () => {
    h = startCluster(0.1); // Ready ~150 ms after creation
    const phases: string[] = [];
    h.store.subscribe((e) => {
      if (e.resource === 'pods' && e.type !== 'DELETED') phases.push(`${String(e.object.status?.phase)}/${isPodReady(e.object as Pod) ? 'ready' : 'not-ready'}`);
    });
    const created = Date.now();
    h.store.create('deployments', deployment('api', { replicas: 1 }));
    const pod = await waitFor('ready pod', () => podsOf(h.store, 'api').find(isPodReady));
    const took = Date.now() - created;
    assert.ok(took >= 120, `ready after ${took} ms: the simulated kubelet waits its (scaled) pull and probe times`);
    assert.equal(phases[0], 'Pending/not-ready');
    assert.ok(phases.includes('Running/not-ready'), phases.join(' '));
    assert.equal(phases.at(-1), 'Running/ready');
    assert.match(pod.spec.nodeName ?? '', /^test-worker-\d$/);
    assert.match(pod.status?.podIP ?? '', /^10\.244\.\d+\.\d+$/);
    assert.match(pod.status?.hostIP ?? '', /^10\.0\.0\.\d+$/);
    assert.ok(pod.status?.startTime);
    assert.deepEqual(
      pod.status?.conditions?.map((c) => `${c.type}=${c.status}`),
      ['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True'],
    );
    const s = statusOf(pod);
    assert.equal(s.ready, true);
    assert.equal(s.started, true);
    assert.equal(s.restartCount, 0);
    assert.ok(s.state.running?.startedAt);
    assert.match(s.containerID ?? '', /^containerd:\/\/[0-9a-f]{64}$/);
    assert.match(s.imageID, /^ghcr\.io\/phoenix\/api@sha256:[0-9a-f]{64}$/);
    assert.equal(pod.status?.qosClass, 'BestEffort');
    await waitFor('events', () => eventsFor(h.store, pod.metadata.name).length >= 5);
    assert.deepEqual(
      eventsFor(h.store, pod.metadata.name).map((e) => e.reason),
      ['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started'],
    );
    const [scheduled] = eventsFor(h.store, pod.metadata.name, 'Scheduled');
    assert.equal(scheduled?.message, `Successfully assigned ${NS}/${pod.metadata.name} to ${pod.spec.nodeName ?? ''}`);
  });

  it('crash-loops an image tagged -crash: exit code 1, restart counts rise, CrashLoopBackOff with growing back-off', async () => {
    h = startCluster(0.01); // back-offs of 100 ms, 200 ms, 400 ms …
    h.store.create('deployments', deployment('api', { replicas: 1, image: 'ghcr.io/phoenix/api:2.0.0-crash' }));
    const seen = new Set<string>();
    const exitedContainers = new Set<string>();
    h.store.subscribe((e) => {
      if (e.resource !== 'pods') return;
      const s = (e.object as Pod).status?.containerStatuses?.[0];
      if (s?.state.waiting?.reason) seen.add(s.state.waiting.reason);
      if (s?.state.terminated) {
        seen.add(`terminated:${s.state.terminated.exitCode}`);
        exitedContainers.add(s.state.terminated.containerID ?? '');
      }
    });
    const pod = await waitFor('restarts', () => podsOf(h.store, 'api').find((p) => statusOf(p).restartCount >= 3), 8000);
    const s = statusOf(pod);
    assert.equal(s.lastState.terminated?.exitCode, 1);
    assert.equal(s.lastState.terminated?.reason, 'Error');
    // Each restart is a new container instance. (While backing off, the status still names the exited one, as the kubelet's does.)
    assert.ok(s.lastState.terminated?.containerID, 'the last instance is named');
    assert.ok(exitedContainers.size >= 3 && !exitedContainers.has(''), `every exit was another container: ${[...exitedContainers].join(' ')}`);
    assert.ok(seen.has('CrashLoopBackOff') && seen.has('terminated:1'), [...seen].join(' '));
    assert.equal(isPodReady(pod), false);
    assert.equal(pod.status?.phase, 'Running');
    const backOff = eventsFor(h.store, pod.metadata.name, 'BackOff');
    assert.equal(backOff[0]?.type, 'Warning');
    assert.match(backOff[0]?.message ?? '', new RegExp(`^Back-off restarting failed container api in pod ${pod.metadata.name}_${NS}\\(`));
    assert.ok((backOff[0]?.count ?? 0) >= 1);
    const waiting = await waitFor('back-off message', () => podsOf(h.store, 'api').map((p) => statusOf(p).state.waiting?.message).find(Boolean));
    assert.match(waiting, /^back-off \d+(s|m\d+s) restarting failed container=api pod=/);
  });

  it('leaves an image tagged -missing in ErrImagePull / ImagePullBackOff', async () => {
    h = startCluster(0.01);
    h.store.create('deployments', deployment('api', { replicas: 1, image: 'ghcr.io/phoenix/api:2.0.0-missing' }));
    const reasons = new Set<string>();
    h.store.subscribe((e) => {
      const r = e.resource === 'pods' ? (e.object as Pod).status?.containerStatuses?.[0]?.state.waiting?.reason : undefined;
      if (r) reasons.add(r);
    });
    await waitFor('both reasons', () => reasons.has('ErrImagePull') && reasons.has('ImagePullBackOff'));
    const [pod] = podsOf(h.store, 'api');
    assert.ok(pod);
    assert.equal(pod.status?.phase, 'Pending');
    assert.equal(statusOf(pod).started, false);
    const failed = eventsFor(h.store, pod.metadata.name, 'Failed').map((e) => e.message);
    assert.ok(failed.includes('Error: ErrImagePull') && failed.includes('Error: ImagePullBackOff'), failed.join('\n'));
    assert.ok(failed.some((m) => m.startsWith('Failed to pull image "ghcr.io/phoenix/api:2.0.0-missing": rpc error: code = NotFound')));
  });

  it('answers a reference the kubelet cannot parse with InvalidImageName, never pulling it', async () => {
    h = startCluster(0.01);
    h.store.create('deployments', deployment('api', { replicas: 1, image: '!!!@@@:::' }));
    const pod = await waitFor('InvalidImageName', () => podsOf(h.store, 'api').find((p) => p.status?.containerStatuses?.[0]?.state.waiting?.reason === 'InvalidImageName'));
    assert.equal(statusOf(pod).state.waiting?.message, 'Failed to apply default image tag "!!!@@@:::": couldn\'t parse image name "!!!@@@:::": invalid reference format');
    assert.equal(pod.status?.phase, 'Pending');
    await waitFor('the Failed event', () => eventsFor(h.store, pod.metadata.name, 'Failed').length > 0);
    assert.deepEqual(eventsFor(h.store, pod.metadata.name, 'Failed').map((e) => e.message), ['Error: InvalidImageName']);
    assert.equal(eventsFor(h.store, pod.metadata.name, 'InspectFailed')[0]?.type, 'Warning');
    assert.deepEqual(eventsFor(h.store, pod.metadata.name, 'Pulling'), [], 'an unparsable reference is never pulled');
  });

  it('parses references as the kubelet does: registry, port, path, tag and digest; the rest is invalid', () => {
    const valid = ['nginx', 'nginx:1.25', 'ghcr.io/phoenix/platform-api:1.8.2', 'localhost:5000/a/b:tag_1', `app@sha256:${'a'.repeat(64)}`, '[::1]:5000/app:1', 'Registry.Example/app'];
    const invalid = ['!!!@@@:::', '', 'nginx latest', 'NGINX', 'team//app', 'nginx:', 'nginx:-x', 'app@sha256:abc', '-app', 'a'.repeat(64), `${'a'.repeat(256)}:1`, 'host:port/app'];
    for (const image of valid) assert.equal(parsableImageReference(image), true, image);
    for (const image of invalid) assert.equal(parsableImageReference(image), false, image);
  });

  it('a crash-looping container leaves its termination message in lastState', async () => {
    h = startCluster(0.01);
    h.store.create('deployments', deployment('api', { replicas: 1, image: 'ghcr.io/phoenix/api:2.0.0-crash' }));
    const pod = await waitFor('a crash', () => podsOf(h.store, 'api').find((p) => statusOf(p).lastState.terminated));
    assert.equal(statusOf(pod).lastState.terminated?.message, CRASH_TERMINATION_MESSAGE);
  });

  it('a -bad image runs and becomes Ready like a healthy one', async () => {
    h = startCluster();
    h.store.create('deployments', deployment('api', { replicas: 2, image: 'ghcr.io/phoenix/api:2.0.0-bad' }));
    await waitFor('rollout', () => rolledOut(h.store, 'api'));
  });

  it('deletes gracefully (deletionTimestamp, then gone) and the ReplicaSet replaces a deleted pod', async () => {
    h = startCluster();
    h.store.create('deployments', deployment('api', { replicas: 2 }));
    await waitFor('rollout', () => rolledOut(h.store, 'api'));
    const [victim] = podsOf(h.store, 'api');
    assert.ok(victim);
    h.manager.pods.terminate(victim);
    const marked = h.store.get('pods', NS, victim.metadata.name);
    assert.ok(marked?.metadata.deletionTimestamp);
    assert.equal(marked?.metadata.deletionGracePeriodSeconds, 30);
    await waitFor('gone', () => !h.store.get('pods', NS, victim.metadata.name));
    await waitFor('replaced', () => rolledOut(h.store, 'api') && podsOf(h.store, 'api').filter(isPodReady).length === 2);
    assert.ok(eventsFor(h.store, victim.metadata.name, 'Killing').some((e) => e.message === 'Stopping container api'));
    const rsName = replicaSetsOf(h.store, 'api')[0]?.metadata.name ?? '';
    assert.equal(eventsFor(h.store, rsName, 'SuccessfulCreate').length, 3);
    // A pod removed outright (no grace) is replaced too.
    const [other] = podsOf(h.store, 'api');
    h.store.delete('pods', NS, other?.metadata.name ?? '');
    await waitFor('replaced again', () => podsOf(h.store, 'api').filter(isPodReady).length === 2);
  });

  it('scales down not-ready pods first, then the newest', async () => {
    h = startCluster(0.5); // slow enough to catch pods before they are ready
    h.store.create('deployments', deployment('api', { replicas: 2 }));
    await waitFor('rollout', () => rolledOut(h.store, 'api'), 10000);
    const ready = podsOf(h.store, 'api').map((p) => p.metadata.name);
    edit(h.store, 'api', (d) => ((d.spec as Record<string, unknown>).replicas = 4));
    await waitFor('4 pods', () => podsOf(h.store, 'api').length === 4);
    edit(h.store, 'api', (d) => ((d.spec as Record<string, unknown>).replicas = 2));
    const alive = await waitFor('two pods left', () => {
      const left = podsOf(h.store, 'api').filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name);
      return left.length === 2 && left;
    });
    assert.deepEqual(alive.sort(), ready.sort(), 'the two not-ready pods went');
  });

  it('ranks pods for deletion like ActivePodsWithRanks', () => {
    const pod = (name: string, o: { node?: boolean; phase?: string; ready?: boolean; readySince?: string; created?: string; restarts?: number }): Pod =>
      ({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, creationTimestamp: o.created ?? '2026-01-01T00:00:00Z' },
        spec: o.node === false ? {} : { nodeName: 'n1' },
        status: {
          phase: o.phase ?? 'Running',
          conditions: [{ type: 'Ready', status: o.ready ? 'True' : 'False', lastTransitionTime: o.readySince ?? '2026-01-01T00:00:10Z' }],
          containerStatuses: [{ name: 'c', image: 'i', imageID: '', ready: !!o.ready, restartCount: o.restarts ?? 0, state: {}, lastState: {} }],
        },
      }) as Pod;
    const ranked = rankForDeletion([
      pod('old-ready', { ready: true, readySince: '2026-01-01T00:00:10Z' }),
      pod('young-ready', { ready: true, readySince: '2026-01-01T00:05:00Z' }),
      pod('unscheduled', { node: false, phase: 'Pending' }),
      pod('pending', { phase: 'Pending' }),
      pod('not-ready', {}),
      pod('not-ready-restarting', { restarts: 4 }),
      pod('not-ready-newer', { created: '2026-01-02T00:00:00Z' }),
    ]).map((p) => p.metadata.name);
    assert.deepEqual(ranked, ['unscheduled', 'pending', 'not-ready-restarting', 'not-ready-newer', 'not-ready', 'young-ready', 'old-ready']);
  });
});
