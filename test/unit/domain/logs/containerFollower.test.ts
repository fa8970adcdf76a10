// One container's follower over a scripted log endpoint: resumes from the last timestamp after a
// dropped connection (nothing lost or repeated), waits for a crashed container, ends with its pod.
import assert from 'node:assert/strict';
import type { V1Pod } from '@kubernetes/client-node';
import type { StreamEnd } from '../../../../src/clients/kubernetes/kubeHttp';
import { ContainerFollower, type FollowerEvent, type PodLogRequest, type PodLogStreams } from '../../../../src/domain/logs/containerFollower';
import type { TimedLine } from '../../../../src/domain/logs/logLine';
import { waitFor } from '../../../shared/waitFor';

const stamp = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, 0) + s * 100).toISOString();
const logLine = (i: number) => `${stamp(i)} line ${i}\n`;

function runningPod(containerID = 'c1', restartCount = 0): V1Pod {
  return { metadata: { name: 'p', namespace: 'ns', uid: 'u' }, spec: { containers: [{ name: 'app' }] }, status: { phase: 'Running', containerStatuses: [{ name: 'app', image: '', imageID: '', ready: true, restartCount, containerID, state: { running: { startedAt: new Date() } } }] } };
}

/** Each call to follow() runs the next script step. */
class ScriptedLogs implements PodLogStreams {
  readonly requests: PodLogRequest[] = [];
  constructor(private readonly steps: ((h: { onOpen?(): void; onData(c: Buffer): void }, req: PodLogRequest, signal: AbortSignal) => Promise<StreamEnd>)[]) {}
  follow(req: PodLogRequest, h: { onOpen?(): void; onData(c: Buffer): void }, signal: AbortSignal): Promise<StreamEnd> {
    this.requests.push(req);
    const step = this.steps.shift();
    return step ? step(h, req, signal) : new Promise((r) => signal.addEventListener('abort', () => r({ kind: 'closed' })));
  }
}

function collect() {
  const lines: TimedLine[] = [];
  const events: FollowerEvent[] = [];
  return { lines, events, out: { lines: (l: TimedLine[]) => lines.push(...l), event: (e: FollowerEvent) => events.push(e) } };
}

describe('ContainerFollower', () => {
  it('after a dropped connection resumes from the last line\'s second, and the seam is de-duplicated', async () => {
    const logs = new ScriptedLogs([
      (h) => {
        h.onOpen?.();
        // Lines 0..14 (0.0 s … 1.4 s); the connection breaks in the middle of line 15.
        h.onData(Buffer.from(Array.from({ length: 15 }, (_, i) => logLine(i)).join('') + logLine(15).slice(0, 10)));
        return Promise.resolve({ kind: 'failed', error: { kind: 'unreachable', message: 'ECONNRESET', hint: '' } });
      },
      () => Promise.resolve({ kind: 'failed', error: { kind: 'unreachable', message: 'ECONNREFUSED', hint: '' } }),
      (h, req) => {
        h.onOpen?.();
        // The server resumes from the whole second: lines 10.. again, then new ones, split mid-line across chunks.
        const text = Array.from({ length: 20 }, (_, i) => logLine(10 + i)).join('');
        h.onData(Buffer.from(text.slice(0, 77)));
        h.onData(Buffer.from(text.slice(77)));
        assert.equal(req.sinceTime, '2026-01-01T00:00:01Z');
        return new Promise(() => undefined);
      },
    ]);
    const c = collect();
    const f = new ContainerFollower(logs, { namespace: 'ns', pod: 'p', container: 'app' }, runningPod(), { tailLines: 10 }, c.out, { initialMs: 5, maxMs: 20 });
    f.start();
    await waitFor('30 lines across the reconnect', () => c.lines.length >= 30);
    f.stop();
    assert.deepEqual(c.lines.map((l) => l.text), Array.from({ length: 30 }, (_, i) => `line ${i}`), 'every line once, in order');
    assert.deepEqual(logs.requests[0], { namespace: 'ns', pod: 'p', container: 'app', tailLines: 10 });
    assert.deepEqual(c.events.map((e) => e.kind), ['reconnecting', 'reconnecting', 'reconnected']);
    assert.ok(c.events.every((e) => e.kind !== 'reconnecting' || e.retryInMs <= 20));
  });

  it('a crashed container: waits for the pod to run again, then follows the new instance', async () => {
    let pod = runningPod('c1');
    const logs = new ScriptedLogs([
      (h) => {
        h.onOpen?.();
        h.onData(Buffer.from(logLine(1) + logLine(2)));
        // The container exited: the kubelet ends the stream.
        pod = { ...pod, status: { ...pod.status, containerStatuses: [{ ...pod.status!.containerStatuses![0], state: { waiting: { reason: 'CrashLoopBackOff' } }, containerID: 'c1' }] } };
        f.podUpdated(pod);
        return Promise.resolve({ kind: 'closed' });
      },
      (h) => {
        h.onOpen?.();
        h.onData(Buffer.from(logLine(50)));
        return new Promise(() => undefined);
      },
    ]);
    const c = collect();
    const f = new ContainerFollower(logs, { namespace: 'ns', pod: 'p', container: 'app' }, pod, {}, c.out, { initialMs: 5, maxMs: 20 });
    f.start();
    await waitFor('a waiting event', () => c.events.some((e) => e.kind === 'waiting'));
    assert.equal(logs.requests.length, 1, 'no request while the container is down');
    f.podUpdated(runningPod('c2', 1));
    await waitFor('3 lines', () => c.lines.length === 3);
    f.stop();
    assert.deepEqual(c.lines.map((l) => l.text), ['line 1', 'line 2', 'line 50']);
    assert.ok(c.events.some((e) => e.kind === 'restarted' && e.restarts === 1));
  });

  it('stopped while it waits for a crashed container: says nothing more, even when the pod runs again in that moment', async () => {
    let pod = runningPod('c1');
    const logs = new ScriptedLogs([
      (h) => {
        h.onOpen?.();
        pod = { ...pod, status: { ...pod.status, containerStatuses: [{ ...pod.status!.containerStatuses![0], state: { waiting: { reason: 'CrashLoopBackOff' } }, containerID: 'c1' }] } };
        f.podUpdated(pod);
        return Promise.resolve({ kind: 'closed' });
      },
    ]);
    const c = collect();
    const f = new ContainerFollower(logs, { namespace: 'ns', pod: 'p', container: 'app' }, pod, {}, c.out, { initialMs: 5, maxMs: 20 });
    f.start();
    await waitFor('a waiting event', () => c.events.some((e) => e.kind === 'waiting'));
    const said = c.events.length;
    // The tail is closed in the same turn as the pod's update arrives (the watch and the Stop click race).
    f.podUpdated(runningPod('c2', 1));
    f.stop();
    // The follower's loop continues in microtasks: one full turn of the event loop lets it finish.
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(c.events.slice(said), [], 'no "restarted" (or anything) after Stop');
    assert.equal(logs.requests.length, 1, 'no new stream after Stop');
  });

  it('ends when its pod is deleted', async () => {
    const logs = new ScriptedLogs([() => Promise.resolve({ kind: 'closed' })]);
    const c = collect();
    const f = new ContainerFollower(logs, { namespace: 'ns', pod: 'p', container: 'app' }, runningPod(), {}, c.out);
    f.podUpdated(undefined);
    f.start();
    await waitFor('the ended event', () => c.events.some((e) => e.kind === 'ended'));
    assert.match((c.events.find((e) => e.kind === 'ended') as { reason: string }).reason, /pod p was deleted/);
  });
});
