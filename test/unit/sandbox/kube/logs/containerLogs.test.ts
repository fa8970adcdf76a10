// The simulated container logs: deterministic lines, tail/since/sinceTime/limitBytes/previous, strictly increasing timestamps, follow, errors.
import { strict as assert } from 'node:assert';
import { asPod, type Pod } from '../../../../../sandbox/kube/controllers/kinds';
import { NodePool } from '../../../../../sandbox/kube/controllers/nodePool';
import { containerIdFor, runningReadyStatus } from '../../../../../sandbox/kube/controllers/podShape';
import { SimClock, SimTiming, isoSeconds } from '../../../../../sandbox/kube/controllers/simTime';
import { ContainerLogs } from '../../../../../sandbox/kube/logs/containerLogs';
import type { LogRequest } from '../../../../../sandbox/kube/logs/logSource';
import { ObjectStore, StoreError } from '../../../../../sandbox/kube/store/objectStore';
import { deployment, podsOf, startCluster } from '../controllers/simHarness';
import { waitFor } from '../../../../shared/waitFor';

const NS = 'team';
const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z) /;

function req(pod: string, o: Partial<LogRequest> = {}): LogRequest {
  return { namespace: NS, pod, follow: false, timestamps: false, previous: false, ...o };
}

class Collector {
  chunks: string[] = [];
  write = (chunk: string): Promise<void> => {
    this.chunks.push(chunk);
    return Promise.resolve();
  };
  get text(): string {
    return this.chunks.join('');
  }
  get lines(): string[] {
    return this.text.split('\n').filter((l) => l !== '');
  }
}

function stampNs(line: string): bigint {
  const m = STAMP.exec(line);
  assert.ok(m, `timestamped: ${line}`);
  const iso = m[1] ?? '';
  const ms = BigInt(Date.parse(`${iso.slice(0, 19)}Z`));
  return ms * 1_000_000n + BigInt(iso.slice(20, 29));
}

describe('sim container logs', () => {
  const store = new ObjectStore();
  const nodes = new NodePool('test');
  const clock = new SimClock();
  const logs = new ContainerLogs(store, { clock, timing: new SimTiming(1), linesPerSecond: 10, retainLines: 5000 });
  store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });

  /** A running pod whose container started `agoMs` ago. */
  function runningPod(name: string, agoMs: number, images: Record<string, string> = { api: 'ghcr.io/phoenix/platform-api:1.8.2' }): Pod {
    const pod = asPod({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: NS, labels: { app: 'platform-api' } },
      spec: { containers: Object.entries(images).map(([n, image]) => ({ name: n, image })) },
    });
    const node = nodes.pick(name) ?? nodes.nodes[0];
    pod.spec.nodeName = node.name;
    const started = Date.now() - agoMs;
    runningReadyStatus(pod, node, nodes.allocatePodIP(), { scheduled: isoSeconds(started), started: isoSeconds(started), ready: isoSeconds(started) });
    return asPod(store.create('pods', pod));
  }

  async function read(r: LogRequest): Promise<Collector> {
    const c = new Collector();
    await logs.stream(r, c, new AbortController().signal);
    return c;
  }

  after(() => logs.dispose());

  it('is deterministic: the same request gives the same lines, another pod other lines', async () => {
    runningPod('det-a', 60_000);
    runningPod('det-b', 60_000);
    clock.pin(Date.now());
    const a1 = await read(req('det-a', { tailLines: 50 }));
    const a2 = await read(req('det-a', { tailLines: 50 }));
    const b = await read(req('det-b', { tailLines: 50 }));
    clock.pin(undefined);
    assert.equal(a1.lines.length, 50);
    assert.deepEqual(a1.lines, a2.lines);
    assert.notDeepEqual(a1.lines.slice(0, 40), b.lines.slice(0, 40));
    assert.match(a1.lines[0] ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (INFO|WARN|ERROR) /);
  });

  it('prefixes RFC 3339 nanosecond timestamps that strictly increase and are not in the future', async () => {
    runningPod('stamps', 120_000);
    const c = await read(req('stamps', { timestamps: true }));
    // startedAt has whole seconds, so up to one second more than the 2 min.
    assert.ok(c.lines.length >= 1199 && c.lines.length <= 1211, `${c.lines.length} lines for 2 min at 10/s`);
    const stamps = c.lines.map(stampNs);
    for (let i = 1; i < stamps.length; i++) assert.ok((stamps[i] ?? 0n) > (stamps[i - 1] ?? 0n), `line ${i} not after line ${i - 1}`);
    assert.ok((stamps.at(-1) ?? 0n) <= BigInt(Date.now()) * 1_000_000n);
    const content = c.lines[0]?.replace(STAMP, '') ?? '';
    assert.equal(content.slice(0, 23), c.lines[0]?.slice(0, 23), 'the app prints its own ms time of the same instant');
  });

  it('honours tailLines, sinceSeconds and limitBytes', async () => {
    runningPod('filters', 600_000);
    clock.pin(Date.now()); // no new lines between the reads compared below
    try {
      const tail = await read(req('filters', { tailLines: 7 }));
      assert.equal(tail.lines.length, 7);
      const all = await read(req('filters'));
      assert.deepEqual(tail.lines, all.lines.slice(-7));
      const since = await read(req('filters', { sinceSeconds: 30, timestamps: true }));
      assert.ok(since.lines.length >= 299 && since.lines.length <= 301, `${since.lines.length} lines in 30 s`);
      const from = BigInt(clock.nowMs() - 30_000) * 1_000_000n;
      assert.ok(since.lines.every((l) => stampNs(l) >= from));
      const both = await read(req('filters', { sinceSeconds: 30, tailLines: 5 }));
      assert.deepEqual(both.lines, all.lines.slice(-5));
      const limited = await read(req('filters', { limitBytes: 1000 }));
      assert.equal(Buffer.byteLength(limited.text), 1000);
      assert.ok(all.text.startsWith(limited.text));
    } finally {
      clock.pin(undefined);
    }
  });

  it('keeps only the newest retainLines (rotation) when asked for everything', async () => {
    runningPod('rotated', 3_600_000);
    const c = await read(req('rotated'));
    assert.equal(c.lines.length, 5000);
  });

  it('resumes with sinceTime: the lines from that timestamp on, so a client can drop duplicates by timestamp', async () => {
    runningPod('resume', 60_000);
    const first = await read(req('resume', { tailLines: 40, timestamps: true }));
    const cut = first.lines[20] ?? '';
    const sinceTime = new Date(Number(stampNs(cut) / 1_000_000n));
    const resumed = await read(req('resume', { sinceTime, timestamps: true }));
    assert.deepEqual(resumed.lines.slice(0, 20), first.lines.slice(20, 40));
    const seen = stampNs(first.lines.at(-1) ?? '');
    const fresh = resumed.lines.filter((l) => stampNs(l) > seen);
    assert.equal(fresh.length, resumed.lines.length - 20);
  });

  it('reads the previous instance with previous=true, and says so when there is none', async () => {
    const pod = runningPod('prev', 30_000);
    await assert.rejects(read(req('prev', { previous: true })), (e: unknown) => e instanceof StoreError && e.code === 400 && e.message === 'previous terminated container "api" in pod "prev" not found');
    const copy = structuredClone(pod);
    const s = copy.status?.containerStatuses?.[0];
    assert.ok(s);
    const startedAt = s.state.running?.startedAt ?? '';
    s.lastState = { terminated: { exitCode: 137, reason: 'Error', startedAt, finishedAt: isoSeconds(Date.parse(startedAt) + 10_000), containerID: s.containerID ?? '' } };
    s.restartCount = 1;
    s.containerID = containerIdFor(copy, 'api', 1);
    s.state = { running: { startedAt: isoSeconds(Date.now() - 5000) } };
    store.update('pods', copy);
    const previous = await read(req('prev', { previous: true }));
    assert.ok(previous.lines.length >= 99 && previous.lines.length <= 101, `${previous.lines.length} lines in the 10 s it ran`);
    const current = await read(req('prev'));
    assert.ok(current.lines.length >= 49 && current.lines.length <= 61, `${current.lines.length} lines in ~5 s`);
    assert.notDeepEqual(previous.lines.slice(0, 10), current.lines.slice(0, 10));
  });

  it('validates like the API server and kubelet', async () => {
    runningPod('multi', 10_000, { backend: 'ghcr.io/phase5/todo-app-backend:v1.9.0', 'reminder-scheduler': 'ghcr.io/phase5/todo-app-backend:v1.9.0' });
    const fails = (r: LogRequest, code: number, message: string) =>
      assert.rejects(read(r), (e: unknown) => e instanceof StoreError && e.code === code && e.message === message);
    await fails(req('nope'), 404, 'pods "nope" not found');
    await fails(req('multi'), 400, 'a container name must be specified for pod multi, choose one of: [backend reminder-scheduler]');
    await fails(req('multi', { container: 'sidecar' }), 400, 'container sidecar is not valid for pod multi');
    const ok = await read(req('multi', { container: 'reminder-scheduler', tailLines: 3 }));
    assert.equal(ok.lines.length, 3);
    const waiting = asPod(structuredClone(store.get('pods', NS, 'multi') ?? { apiVersion: 'v1', kind: 'Pod', metadata: { name: '' } }));
    const statuses = waiting.status?.containerStatuses ?? [];
    statuses[0] = { ...statuses[0], state: { waiting: { reason: 'ContainerCreating' } }, containerID: undefined };
    statuses[1] = { ...statuses[1], state: { waiting: { reason: 'ImagePullBackOff' } }, containerID: undefined };
    store.update('pods', waiting);
    await fails(req('multi', { container: 'backend' }), 400, 'container "backend" in pod "multi" is waiting to start: ContainerCreating');
    await fails(req('multi', { container: 'reminder-scheduler' }), 400, 'container "reminder-scheduler" in pod "multi" is waiting to start: trying and failing to pull image');
  });

  it('logs ~20% 5xx for a -bad image and ~0.5% for a healthy one', async () => {
    runningPod('bad', 600_000, { api: 'ghcr.io/phoenix/platform-api:1.9.0-bad' });
    runningPod('good', 600_000);
    const share = async (pod: string): Promise<number> => {
      const requests = (await read(req(pod))).lines.filter((l) => / (GET|POST|PUT|DELETE) \S+ \d{3} \d+ms/.test(l));
      return requests.filter((l) => / 5\d\d \d+ms/.test(l)).length / requests.length;
    };
    const bad = await share('bad');
    const good = await share('good');
    assert.ok(bad > 0.15 && bad < 0.25, `bad: ${bad}`);
    assert.ok(good < 0.02, `good: ${good}`);
  });

  it('follows: writes new lines in batches as time passes and ends when the pod is deleted', async () => {
    runningPod('follow', 5_000);
    const c = new Collector();
    const done = logs.stream(req('follow', { follow: true, tailLines: 0, timestamps: true }), c, new AbortController().signal);
    await waitFor('lines', () => c.lines.length >= 3, 3000);
    assert.ok(c.chunks.length < c.lines.length || c.lines.length <= 3, 'batched');
    store.delete('pods', NS, 'follow');
    await done;
    const stamps = c.lines.map(stampNs);
    assert.ok(stamps.every((s, i) => i === 0 || s > (stamps[i - 1] ?? 0n)));
  });

  it('follows until aborted, and ends when the container restarts', async () => {
    const pod = runningPod('restart', 5_000);
    const ac = new AbortController();
    const first = new Collector();
    const aborted = logs.stream(req('restart', { follow: true }), first, ac.signal);
    const c = new Collector();
    const restarted = logs.stream(req('restart', { follow: true, tailLines: 1 }), c, new AbortController().signal);
    await waitFor('both streams following', () => first.lines.length > 0 && c.lines.length > 0);
    ac.abort();
    await aborted;
    const copy = structuredClone(pod);
    const s = copy.status?.containerStatuses?.[0];
    assert.ok(s);
    s.lastState = { terminated: { exitCode: 1, reason: 'Error', startedAt: s.state.running?.startedAt ?? '', finishedAt: isoSeconds(Date.now()), containerID: s.containerID ?? '' } };
    s.containerID = containerIdFor(copy, 'api', 1);
    s.restartCount = 1;
    s.state = { running: { startedAt: isoSeconds(Date.now()) } };
    store.update('pods', copy);
    await restarted;
    assert.ok(c.lines.length >= 1);
  });

  it('writes a long-running container’s whole log: 100 s at 1,000 lines/s is 100,000 lines (how fast: bench/simulatorBench)', async function () {
    this.timeout(120_000); // 0.2 s alone; a hang guard on a loaded machine, not a speed check
    const fast = new ContainerLogs(store, { clock, timing: new SimTiming(1), linesPerSecond: 1000, retainLines: 200_000 });
    runningPod('fast', 100_000);
    const c = new Collector();
    await fast.stream(req('fast', { timestamps: true }), c, new AbortController().signal);
    assert.ok(c.lines.length >= 99_000, `${c.lines.length} lines`);
    assert.ok(c.lines.every((l) => STAMP.test(l)), 'every line timestamped');
    fast.dispose();
  });
});

describe('sim container logs of a crash-looping container', () => {
  it('ends each instance with a stack trace and a FATAL line, readable with previous=true', async () => {
    const h = startCluster(0.02);
    const logs = new ContainerLogs(h.store, { clock: h.clock, timing: h.timing });
    try {
      h.store.create('deployments', deployment('api', { replicas: 1, image: 'ghcr.io/phoenix/platform-api:1.9.0-crash' }));
      const pod = await waitFor('a restart', () => podsOf(h.store, 'api').find((p) => (p.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1));
      const c = new Collector();
      await logs.stream({ namespace: 'team', pod: pod.metadata.name, follow: false, timestamps: false, previous: true }, c, new AbortController().signal);
      assert.match(c.lines[0] ?? '', /INFO starting api version=1\.9\.0-crash$/);
      assert.ok(c.lines.some((l) => l.startsWith('panic: runtime error')));
      assert.ok(c.lines.some((l) => l.startsWith('goroutine 1 [running]:')));
      assert.match(c.lines.at(-1) ?? '', / FATAL api exited: .*\(exit code 1\)$/);
    } finally {
      logs.dispose();
      h.dispose();
    }
  });
});
