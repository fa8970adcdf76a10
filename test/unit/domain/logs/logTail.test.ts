// A workload tail over a scripted cluster: follows the pods there (from the tail), pods that appear
// later (from their first line), stops for deleted pods, and hands over lines in time order.
import assert from 'node:assert/strict';
import type { V1Pod } from '@kubernetes/client-node';
import type { StreamEnd } from '../../../../src/clients/kubernetes/kubeHttp';
import type { PodLogRequest } from '../../../../src/domain/logs/containerFollower';
import { LogTail, type LogTailSource, type TailLine, type TailNotice, type TailSource } from '../../../../src/domain/logs/logTail';
import { FakeResource } from '../workloads/fakeSources';
import { waitFor } from '../../../shared/waitFor';

const running = (name: string): V1Pod => ({
  metadata: { name, namespace: 'ns', uid: `u-${name}`, labels: { app: 'api' } },
  spec: { containers: [{ name: 'app' }] },
  status: { phase: 'Running', containerStatuses: [{ name: 'app', image: '', imageID: '', ready: true, restartCount: 0, containerID: `c-${name}`, state: { running: { startedAt: new Date() } } }] },
});

class Cluster implements LogTailSource {
  readonly podsRes = new FakeResource<V1Pod>();
  readonly requests: PodLogRequest[] = [];
  private readonly writers = new Map<string, (text: string) => void>();
  private readonly enders = new Map<string, () => void>();

  pods() {
    return this.podsRes.source(() => true);
  }
  follow(req: PodLogRequest, h: { onOpen?(): void; onData(c: Buffer): void }, signal: AbortSignal): Promise<StreamEnd> {
    this.requests.push(req);
    h.onOpen?.();
    this.writers.set(req.pod, (t) => h.onData(Buffer.from(t)));
    return new Promise((resolve) => {
      this.enders.set(req.pod, () => resolve({ kind: 'closed' }));
      signal.addEventListener('abort', () => resolve({ kind: 'closed' }));
    });
  }
  write(pod: string, ...lines: [number, string][]): void {
    this.writers.get(pod)?.(lines.map(([s, t]) => `${new Date(Date.UTC(2026, 0, 1) + s * 1000).toISOString()} ${t}\n`).join(''));
  }
  end(pod: string): void {
    this.enders.get(pod)?.();
  }
}

describe('LogTail', () => {
  it('follows current pods from the tail, new pods from the start, stops for deleted ones, lines in time order', async () => {
    const c = new Cluster();
    c.podsRes.items = [running('a'), running('b')];
    const sources: TailSource[] = [];
    const batches: TailLine[][] = [];
    const notices: TailNotice[] = [];
    const tail = new LogTail(c, { namespace: 'ns', labelSelector: 'app=api', tailLines: 5, flushMs: 20 }, { onSource: (s) => sources.push(s), onLines: (l) => batches.push(l), onNotice: (n) => notices.push(n) });
    tail.start();
    await waitFor('streams of a and b', () => c.requests.length === 2);
    assert.deepEqual(c.requests.map((r) => [r.pod, r.tailLines]), [['a', 5], ['b', 5]]);
    c.write('a', [1, 'a1'], [3, 'a3']);
    c.write('b', [2, 'b2']);
    await waitFor('3 lines', () => batches.flat().length === 3);
    assert.deepEqual(batches.flat().map((l) => l.text), ['a1', 'b2', 'a3'], 'one batch, merged by time');

    c.podsRes.emit('ADDED', running('c'));
    await waitFor('the stream of c', () => c.requests.length === 3);
    assert.deepEqual([c.requests[2]?.pod, c.requests[2]?.tailLines], ['c', undefined], 'a new pod is read from its first line');
    assert.ok(notices.some((n) => n.text === 'Following new pod c.'));

    // The pod watch tells the tail first, then the kubelet ends the stream. d, added in the same burst as
    // a's deletion, marks when the tail has handled that burst (its stream is requested).
    c.podsRes.emit('DELETED', running('a'));
    c.podsRes.emit('ADDED', running('d'));
    await waitFor('the stream of d', () => c.requests.length === 4);
    c.end('a');
    await waitFor('a let go', () => notices.some((n) => /Stopped following a\/app: pod a was deleted/.test(n.text)));
    assert.equal(tail.status().followed, 3);
    assert.deepEqual(sources.map((s) => s.pod), ['a', 'b', 'c', 'd']);
    tail.stop();
    assert.equal(tail.status().state, 'stopped');
  });
});
