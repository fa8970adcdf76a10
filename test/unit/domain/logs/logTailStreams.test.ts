// A workload tail's per-pod bookkeeping over a scripted cluster: which pods and containers get a stream,
// what the panel is told (new pods, deleted pods, a missing container, reconnects, restarts, the pod
// watch failing), and the status line (starting, live, reconnecting, stopped; how many streams are open).
import assert from 'node:assert/strict';
import type { V1Pod } from '@kubernetes/client-node';
import type { WatchEventType, WatchHandlers } from '../../../../src/clients/kubernetes/kubeClient';
import type { KubeError } from '../../../../src/clients/kubernetes/kubeErrors';
import type { StreamEnd } from '../../../../src/clients/kubernetes/kubeHttp';
import type { ListWatchSource } from '../../../../src/clients/kubernetes/listWatch';
import { err, ok } from '../../../../src/core/result';
import type { PodLogRequest } from '../../../../src/domain/logs/containerFollower';
import { LogTail, type LogTailOptions, type LogTailSource, type TailLine, type TailNotice, type TailSource, type TailStatus } from '../../../../src/domain/logs/logTail';
import { waitFor } from '../../../shared/waitFor';

interface PodShape {
  containers?: string[];
  /** Containers that run (the others wait in ContainerCreating); all by default. */
  running?: string[];
  containerID?: string;
  restarts?: number;
  deleting?: boolean;
}

function pod(name: string, shape: PodShape = {}): V1Pod {
  const containers = shape.containers ?? ['app'];
  const running = shape.running ?? containers;
  return {
    metadata: { name, namespace: 'ns', uid: `u-${name}`, labels: { app: 'api' }, ...(shape.deleting ? { deletionTimestamp: new Date() } : {}) },
    spec: { containers: containers.map((c) => ({ name: c })) },
    status: {
      phase: 'Running',
      containerStatuses: containers.map((c) =>
        running.includes(c)
          ? { name: c, image: '', imageID: '', ready: true, restartCount: shape.restarts ?? 0, containerID: `${shape.containerID ?? `c-${name}`}-${c}`, state: { running: { startedAt: new Date() } } }
          : { name: c, image: '', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } },
      ),
    },
  };
}

const failure = (message: string): KubeError => ({ kind: 'unreachable', message, hint: '' });

/** The pod list-watch: lists what it holds (or fails), pushes watch events, expires a watch (410 → relist). */
class Pods implements ListWatchSource<V1Pod> {
  items: V1Pod[] = [];
  listFailures: KubeError[] = [];
  private handlers: WatchHandlers<V1Pod> | undefined;
  private rv = 100;

  list(): ReturnType<ListWatchSource<V1Pod>['list']> {
    const failed = this.listFailures.shift();
    if (failed) return Promise.resolve(err(failed));
    return Promise.resolve(ok({ items: this.items.map((p) => structuredClone(p)), resourceVersion: String(this.rv) }));
  }

  watch(_rv: string, handlers: WatchHandlers<V1Pod>, signal: AbortSignal): Promise<KubeError | undefined> {
    this.handlers = handlers;
    handlers.onConnected?.();
    return new Promise((resolve) => signal.addEventListener('abort', () => resolve(undefined)));
  }

  get watching(): boolean {
    return this.handlers !== undefined;
  }

  emit(type: WatchEventType, p: V1Pod): void {
    const copy = structuredClone(p);
    copy.metadata = { ...copy.metadata, resourceVersion: String(++this.rv) };
    this.items = this.items.filter((x) => x.metadata?.name !== p.metadata?.name);
    if (type !== 'DELETED') this.items.push(copy);
    this.handlers?.onEvent(type, copy);
  }

  /** The watch is too old (410 Gone): the tail relists and gets `items`. */
  expire(): void {
    const h = this.handlers;
    this.handlers = undefined;
    h?.onEvent('ERROR', { code: 410 } as unknown as V1Pod);
  }
}

/** The log endpoint: one open stream per pod/container, written to, ended or dropped by the test. */
class Cluster implements LogTailSource {
  readonly podsSource = new Pods();
  readonly selectors: { labelSelector?: string; fieldSelector?: string }[] = [];
  readonly requests: PodLogRequest[] = [];
  /** Outcomes for the next requests of a pod/container, instead of an open stream. */
  readonly scripted = new Map<string, StreamEnd[]>();
  private readonly open = new Map<string, { data(text: string): void; end(e: StreamEnd): void }>();

  pods(_namespace: string, selectors: { labelSelector?: string; fieldSelector?: string }): ListWatchSource<V1Pod> {
    this.selectors.push(selectors);
    return this.podsSource;
  }

  follow(req: PodLogRequest, h: { onOpen?(): void; onData(c: Buffer): void }, signal: AbortSignal): Promise<StreamEnd> {
    this.requests.push(req);
    const key = `${req.pod}/${req.container}`;
    const next = this.scripted.get(key)?.shift();
    if (next) return Promise.resolve(next);
    h.onOpen?.();
    return new Promise((resolve) => {
      this.open.set(key, { data: (t) => h.onData(Buffer.from(t)), end: resolve });
      signal.addEventListener('abort', () => resolve({ kind: 'closed' }));
    });
  }

  streams(pod: string, container = 'app'): number {
    return this.requests.filter((r) => r.pod === pod && r.container === container).length;
  }

  write(stream: string, ...lines: [number, string][]): void {
    this.open.get(stream)?.data(lines.map(([s, t]) => `${new Date(Date.UTC(2026, 0, 1) + s * 1000).toISOString()} ${t}\n`).join(''));
  }

  end(stream: string, e: StreamEnd = { kind: 'closed' }): void {
    this.open.get(stream)?.end(e);
  }
}

function tailOf(c: Cluster, options: Partial<LogTailOptions> = {}) {
  const sources: TailSource[] = [];
  const batches: TailLine[][] = [];
  const notices: TailNotice[] = [];
  const statuses: TailStatus[] = [];
  const tail = new LogTail(c, { namespace: 'ns', labelSelector: 'app=api', flushMs: 5, backoff: { initialMs: 5, maxMs: 10 }, ...options }, {
    onSource: (s) => sources.push(s),
    onLines: (l) => batches.push(l),
    onNotice: (n) => notices.push(n),
    onStatus: (s) => statuses.push(s),
  });
  const texts = () => notices.map((n) => n.text);
  const said = (text: string | RegExp) => texts().some((t) => (typeof text === 'string' ? t === text : text.test(t)));
  return { tail, sources, batches, notices, statuses, texts, said };
}

describe('LogTail: streams per pod and what the panel is told', () => {
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());

  it('asks the cluster for the selector\'s pods, or for one pod by name, and says when none match yet', async () => {
    const bySelector = new Cluster();
    const t1 = tailOf(bySelector, { labelSelector: 'app=api' });
    t1.tail.start();
    const byName = new Cluster();
    const t2 = tailOf(byName, { labelSelector: undefined, pod: 'web-1' });
    t2.tail.start();
    const everything = new Cluster();
    const t3 = tailOf(everything, { labelSelector: undefined });
    t3.tail.start();
    stop = () => [t1, t2, t3].forEach((t) => t.tail.stop());
    assert.deepEqual(bySelector.selectors, [{ labelSelector: 'app=api' }]);
    assert.deepEqual(byName.selectors, [{ fieldSelector: 'metadata.name=web-1' }]);
    await waitFor('the three empty lists', () => [t1, t2, t3].every((t) => t.notices.length > 0));
    assert.deepEqual(t1.notices.map((n) => [n.level, n.text]), [['warning', 'No pods match app=api in ns yet; pods that appear will be followed.']]);
    assert.deepEqual(t2.texts(), ['No pods match pod web-1 in ns yet; pods that appear will be followed.']);
    assert.deepEqual(t3.texts(), ['No pods match everything in ns yet; pods that appear will be followed.']);

    // A pod that appears later is followed from its first line, and said so.
    bySelector.podsSource.emit('ADDED', pod('a'));
    await waitFor('the stream of a', () => bySelector.streams('a') === 1);
    await waitFor('the notice', () => t1.said('Following new pod a.'));
    assert.equal(bySelector.requests[0]?.tailLines, undefined);
  });

  it('status: starting, then live counting open streams; a pod waiting for its container is followed, not streamed, until it runs', async () => {
    const c = new Cluster();
    c.podsSource.items = [pod('a'), pod('b', { running: [] })];
    const t = tailOf(c, { tailLines: 7 });
    t.tail.start();
    stop = () => t.tail.stop();
    assert.deepEqual(t.statuses[0], { state: 'starting', streaming: 0, followed: 0, received: 0 });
    await waitFor('a streaming, b waiting', () => t.tail.status().streaming === 1 && t.said('Waiting for b/app: app: ContainerCreating'));
    assert.deepEqual(t.tail.status(), { state: 'live', streaming: 1, followed: 2, received: 0 });
    assert.deepEqual(c.requests.map((r) => [r.pod, r.tailLines]), [['a', 7]], 'no stream for a container that does not run yet');
    assert.deepEqual(t.sources, [{ id: 0, pod: 'a', container: 'app' }, { id: 1, pod: 'b', container: 'app' }]);
    assert.ok(!t.said(/No pods match|Following new pod/), `${t.texts().join(' | ')}: pods there at the start are not news`);

    c.podsSource.emit('MODIFIED', pod('b'));
    await waitFor('b streaming', () => c.streams('b') === 1);
    assert.equal(c.requests[1]?.tailLines, 7, 'b was there at the start: it is read from the tail too');
    c.write('a/app', [1, 'a1'], [3, 'a3']);
    c.write('b/app', [2, 'b2']);
    await waitFor('3 lines', () => t.batches.flat().length === 3);
    assert.deepEqual(t.batches.flat().map((l) => [l.source, l.text]), [[0, 'a1'], [1, 'b2'], [0, 'a3']]);
    assert.ok(t.batches.every((b) => b.length > 0), 'no empty batches');
    await waitFor('the status line to count them', () => t.statuses.at(-1)?.received === 3);
    assert.deepEqual(t.statuses.at(-1), { state: 'live', streaming: 2, followed: 2, received: 3 });
    t.statuses.slice(1).forEach((s, i) => assert.notDeepEqual(s, t.statuses[i], 'a status is sent when it changed'));

    t.tail.dispose();
    assert.deepEqual(t.statuses.at(-1), { state: 'stopped', streaming: 0, followed: 0, received: 3 });
  });

  it('lines wait for their batch (flushMs), also while a stream reconnects; stop hands over what came since the last batch', async () => {
    const c = new Cluster();
    c.podsSource.items = [pod('a')];
    const t = tailOf(c, { flushMs: 60_000, backoff: { initialMs: 400, maxMs: 400 } });
    t.tail.start();
    stop = () => t.tail.stop();
    await waitFor('the stream of a', () => t.tail.status().streaming === 1);
    c.write('a/app', [1, 'one'], [2, 'two']);
    assert.equal(t.tail.status().received, 2);
    // The reconnect waits its backoff (200 to 400 ms): far less than a batch interval of a minute.
    c.end('a/app', { kind: 'failed', error: failure('ECONNRESET') });
    await waitFor('a resumed', () => t.said(/^Reconnected a\/app/));
    c.write('a/app', [3, 'three']);
    assert.equal(t.batches.length, 0, 'nothing handed over before the batch is due');
    t.tail.stop();
    assert.deepEqual(t.batches.flat().map((l) => l.text), ['one', 'two', 'three']);
  });

  it('a dropped stream: says once that it reconnects, shows reconnecting, then says it resumed and is live again', async () => {
    const c = new Cluster();
    c.podsSource.items = [pod('a'), pod('b')];
    const t = tailOf(c);
    t.tail.start();
    stop = () => t.tail.stop();
    await waitFor('both streaming', () => t.tail.status().streaming === 2);
    c.write('a/app', [1, 'a1']);
    c.scripted.set('a/app', [{ kind: 'failed', error: failure('ECONNREFUSED') }]);
    c.end('a/app', { kind: 'failed', error: failure('ECONNRESET') });
    await waitFor('a resumed', () => t.said(/^Reconnected a\/app/));
    assert.equal(c.streams('a'), 3);
    assert.deepEqual(t.texts().filter((x) => x.startsWith('Lost')), ['Lost a/app: ECONNRESET. Reconnecting…'], 'said once, not per attempt');
    assert.match(t.texts().find((x) => x.startsWith('Reconnected')) ?? '', /^Reconnected a\/app after \d\.\d s, resumed from 2026-01-01T00:00:01Z \(nothing lost, nothing repeated\)\.$/);
    assert.ok(t.statuses.some((s) => s.state === 'reconnecting' && s.followed === 2));
    await waitFor('live again', () => t.statuses.at(-1)?.state === 'live' && t.statuses.at(-1)?.streaming === 2);
    assert.equal(t.tail.status().state, 'live');
  });

  it('a pod that appears later gets a stream per container; a deleted pod\'s stream is closed and said so, the others go on', async () => {
    const c = new Cluster();
    c.podsSource.items = [pod('a')];
    const t = tailOf(c);
    t.tail.start();
    stop = () => t.tail.stop();
    await waitFor('a streaming', () => t.tail.status().streaming === 1);

    c.podsSource.emit('ADDED', pod('m', { containers: ['app', 'sidecar'] }));
    await waitFor('both streams of m', () => c.streams('m', 'app') === 1 && c.streams('m', 'sidecar') === 1);
    assert.deepEqual(t.texts(), ['Following new pod m (app).', 'Following new pod m (sidecar).']);
    assert.deepEqual(t.sources.map((s) => [s.id, s.pod, s.container]), [[0, 'a', 'app'], [1, 'm', 'app'], [2, 'm', 'sidecar']]);

    // A pod on its way out is not worth a stream; one that comes in the same burst is followed.
    c.podsSource.emit('ADDED', pod('z', { deleting: true }));
    c.podsSource.emit('ADDED', pod('n'));
    await waitFor('the stream of n', () => c.streams('n') === 1);
    assert.equal(c.streams('z'), 0);
    assert.ok(!t.said(/ z/));

    c.podsSource.emit('DELETED', pod('a'));
    c.podsSource.emit('ADDED', pod('o'));
    await waitFor('the stream of o', () => c.streams('o') === 1);
    c.end('a/app');
    await waitFor('a let go', () => t.said('Stopped following a/app: pod a was deleted.'));
    await waitFor('the status line', () => t.statuses.at(-1)?.followed === 4);

    // m was not deleted: its stream closing is a connection ending, not the pod going.
    c.end('m/app');
    await waitFor('m/app resumed', () => c.streams('m', 'app') === 2);
    assert.ok(!t.said(/Stopped following (m|n|o)/), t.texts().join(' | '));
    assert.equal(t.tail.status().followed, 4);
  });

  it('with a chosen container only it is streamed; a pod without it is reported, unless it is being deleted', async () => {
    const c = new Cluster();
    c.podsSource.items = [pod('p1', { containers: ['app', 'sidecar'] }), pod('p2', { containers: ['sidecar'] })];
    const t = tailOf(c, { container: 'app' });
    t.tail.start();
    stop = () => t.tail.stop();
    await waitFor('the notice about p2', () => t.said('Pod p2 has no container "app".'));
    await waitFor('p1 streaming', () => t.tail.status().streaming === 1);
    assert.deepEqual(c.requests.map((r) => `${r.pod}/${r.container}`), ['p1/app']);
    assert.deepEqual(t.notices.map((n) => [n.level, n.text]), [['warning', 'Pod p2 has no container "app".']]);

    c.podsSource.emit('ADDED', pod('p3', { containers: ['sidecar'], deleting: true }));
    c.podsSource.emit('ADDED', pod('p4', { containers: ['app', 'sidecar'] }));
    await waitFor('the stream of p4', () => c.streams('p4') === 1);
    assert.deepEqual(c.requests.map((r) => `${r.pod}/${r.container}`), ['p1/app', 'p4/app']);
    assert.deepEqual(t.texts(), ['Pod p2 has no container "app".', 'Following new pod p4.']);
  });

  it('without a chosen container a pod with no containers is not reported', async () => {
    const c = new Cluster();
    c.podsSource.items = [pod('empty', { containers: [] }), pod('a')];
    const t = tailOf(c);
    t.tail.start();
    stop = () => t.tail.stop();
    await waitFor('a streaming', () => t.tail.status().streaming === 1);
    assert.deepEqual(t.texts(), []);
  });

  it('follows at most maxStreams containers and says so once', async () => {
    const c = new Cluster();
    c.podsSource.items = ['a', 'b', 'c', 'd'].map((n) => pod(n));
    const t = tailOf(c, { maxStreams: 2 });
    t.tail.start();
    stop = () => t.tail.stop();
    await waitFor('the limit said', () => t.said(/at most/));
    await waitFor('two streams', () => t.tail.status().streaming === 2);
    assert.deepEqual(t.notices.map((n) => [n.level, n.text]), [['warning', 'Following at most 2 containers; c/app and later ones are not followed.']]);
    assert.deepEqual(c.requests.map((r) => r.pod), ['a', 'b']);
    assert.equal(t.tail.status().followed, 2);
  });

  it('says when a container restarted, with its restart count', async () => {
    const c = new Cluster();
    c.podsSource.items = [pod('a')];
    const t = tailOf(c);
    t.tail.start();
    stop = () => t.tail.stop();
    await waitFor('a streaming', () => t.tail.status().streaming === 1);
    for (const [restarts, marker] of [[1, 'x'], [2, 'y']] as const) {
      c.podsSource.emit('MODIFIED', pod('a', { containerID: `c-a${restarts}`, restarts }));
      c.podsSource.emit('ADDED', pod(marker));
      await waitFor(`the stream of ${marker}`, () => c.streams(marker) === 1);
      c.end('a/app');
      await waitFor(`restart ${restarts}`, () => c.streams('a') === restarts + 1);
    }
    assert.deepEqual(t.texts().filter((x) => x.startsWith('a/app restarted')), [
      'a/app restarted (1 restart); following the new instance.',
      'a/app restarted (2 restarts); following the new instance.',
    ]);
    assert.ok(t.said('Waiting for a/app: container restarted'));
  });

  it('a relist (the pod watch expired) lets go of pods no longer there and follows the new ones', async () => {
    const c = new Cluster();
    c.podsSource.items = [pod('a'), pod('b')];
    const t = tailOf(c);
    t.tail.start();
    stop = () => t.tail.stop();
    await waitFor('both streaming', () => t.tail.status().streaming === 2);
    c.podsSource.items = [pod('b'), pod('c')];
    c.podsSource.expire();
    await waitFor('the stream of c', () => c.streams('c') === 1);
    await waitFor('a let go', () => t.said('Stopped following a/app: pod a is gone.'));
    assert.deepEqual(t.texts(), ['Stopped following a/app: pod a is gone.', 'Following new pod c.']);
    assert.equal(c.streams('b'), 1, 'b keeps its stream');
    assert.deepEqual(t.tail.status(), { state: 'live', streaming: 2, followed: 2, received: 0 });
  });

  it('the pod watch failing says when it retries', async () => {
    const c = new Cluster();
    c.podsSource.listFailures = [failure('connection refused')];
    const t = tailOf(c, { backoff: { initialMs: 2500, maxMs: 2500 } });
    t.tail.start();
    stop = () => t.tail.stop();
    await waitFor('the failure said', () => t.notices.length > 0);
    assert.equal(t.notices[0]?.level, 'warning');
    assert.match(t.notices[0]?.text ?? '', /^Watching pods failed: connection refused \(retrying in [23] s\)$/);
  });

  it('the pod watch coming back is said once', async () => {
    const c = new Cluster();
    c.podsSource.items = [pod('a')];
    c.podsSource.listFailures = [failure('connection refused')];
    const t = tailOf(c);
    t.tail.start();
    stop = () => t.tail.stop();
    await waitFor('a streaming', () => t.tail.status().streaming === 1);
    c.podsSource.emit('ADDED', pod('b'));
    await waitFor('b streaming', () => t.tail.status().streaming === 2);
    assert.deepEqual(t.notices.map((n) => [n.level, n.text.replace(/retrying in \d+ s/, 'retrying in N s')]), [
      ['warning', 'Watching pods failed: connection refused (retrying in N s)'],
      ['info', 'Pod watch reconnected.'],
      ['info', 'Following new pod b.'],
    ]);
  });
});
