// Tails a workload: watches the pods matching a selector (or one pod), follows every container (or a
// chosen one) of each, starts following pods that appear later and stops for pods that are deleted.
// Lines of all streams are collected and handed over in time-ordered batches every flushMs.
import type { V1Pod } from '@kubernetes/client-node';
import type { Disposable } from '../../core/disposable';
import type { BackoffOptions } from '../../core/backoff';
import { type ListWatchSource, startListWatch } from '../../clients/kubernetes/listWatch';
import { ObjectCache } from '../kube/objectCache';
import { ContainerFollower, type FollowerEvent, type PodLogStreams } from './containerFollower';
import type { TimedLine } from './logLine';
import { mergeByTime } from './mergeLines';

export interface LogTailSource extends PodLogStreams {
  pods(namespace: string, selectors: { labelSelector?: string; fieldSelector?: string }): ListWatchSource<V1Pod>;
}

export interface LogTailOptions {
  namespace: string;
  /** Pods by label selector (a deployment's matchLabels), or … */
  labelSelector?: string;
  /** … one pod by name. */
  pod?: string;
  /** One container; all of each pod's containers when undefined. */
  container?: string;
  /** For the pods there at the start: how far back to begin. Pods that appear later are read from their first line. */
  tailLines?: number;
  sinceSeconds?: number;
  /** Batching interval of lines handed to the listener (default 100 ms). */
  flushMs?: number;
  /** At most this many container streams at once (default 100). */
  maxStreams?: number;
  backoff?: Partial<BackoffOptions>;
}

/** A line with `source`: the index of the sources the listener was told about. */
export type TailLine = TimedLine;

export interface TailSource {
  id: number;
  pod: string;
  container: string;
}

export interface TailNotice {
  level: 'info' | 'warning' | 'error';
  text: string;
  time: number;
}

export interface TailStatus {
  state: 'starting' | 'live' | 'reconnecting' | 'stopped';
  /** Container streams open now. */
  streaming: number;
  /** Containers being followed (streaming or waiting for their container). */
  followed: number;
  received: number;
}

export interface LogTailListener {
  onSource(s: TailSource): void;
  onLines(lines: TailLine[]): void;
  onNotice(n: TailNotice): void;
  onStatus?(s: TailStatus): void;
}

interface Followed {
  source: TailSource;
  follower: ContainerFollower;
  reconnecting: boolean;
}

export class LogTail implements Disposable {
  private readonly pods = new ObjectCache<V1Pod>({ coalesceMs: 20 });
  private readonly followed = new Map<string, Followed>();
  private stopWatch: Disposable | undefined;
  private pending: TailLine[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private nextSource = 0;
  private received = 0;
  private initialListDone = false;
  private stopped = false;
  private warnedMax = false;
  // Stryker disable next-line StringLiteral: equivalent, no status key ("state/n/n/n") equals either starting value, so the first status is sent either way.
  private lastStatus = '';

  constructor(
    private readonly source: LogTailSource,
    readonly options: LogTailOptions,
    private readonly listener: LogTailListener,
  ) {}

  start(): void {
    const { namespace, labelSelector, pod } = this.options;
    this.pods.onDidChangeBatch((b) => this.onPods(b.resynced, b.upserted, b.deleted));
    this.stopWatch = startListWatch(
      this.source.pods(namespace, pod ? { fieldSelector: `metadata.name=${pod}` } : { labelSelector }),
      (e) => {
        if (e.type === 'error') this.notice('warning', `Watching pods failed: ${e.error.message} (retrying in ${Math.ceil(e.retryInMs / 1000)} s)`);
        if (e.type === 'reconnected') this.notice('info', 'Pod watch reconnected.');
        this.pods.apply(e);
      },
      this.options.backoff ? { initialBackoffMs: this.options.backoff.initialMs, maxBackoffMs: this.options.backoff.maxMs } : {},
    );
    this.timer = setInterval(() => this.flush(), this.options.flushMs ?? 100);
    this.emitStatus();
  }

  status(): TailStatus {
    let streaming = 0;
    let reconnecting = false;
    for (const f of this.followed.values()) {
      if (f.follower.isStreaming) streaming++;
      if (f.reconnecting) reconnecting = true;
    }
    const state = this.stopped ? 'stopped' : !this.initialListDone ? 'starting' : reconnecting ? 'reconnecting' : 'live';
    return { state, streaming, followed: this.followed.size, received: this.received };
  }

  /** Stops every stream and the pod watch; lines already received are flushed first. */
  stop(): void {
    // Stryker disable next-line ConditionalExpression: equivalent, a second stop repeats only idempotent steps (nothing pending, streams and watch already closed, the same status not re-sent).
    if (this.stopped) return;
    this.flush();
    this.stopped = true;
    clearInterval(this.timer);
    this.stopWatch?.dispose();
    for (const f of this.followed.values()) f.follower.stop();
    this.followed.clear();
    this.pods.dispose();
    this.emitStatus();
  }

  dispose(): void {
    this.stop();
  }

  private onPods(resynced: boolean, upserted: ReadonlySet<string>, deleted: ReadonlyMap<string, V1Pod>): void {
    // Stryker disable next-line ConditionalExpression: equivalent, stop() disposes the pod cache in the same call, so no batch reaches onPods after it.
    if (this.stopped) return;
    const first = !this.initialListDone;
    this.initialListDone = true;
    if (resynced) {
      // A (re)list: pods no longer there are gone; every listed pod may be new.
      for (const [key, f] of this.followed) {
        const podKey = key.slice(0, key.lastIndexOf('/'));
        if (!this.pods.get(podKey)) this.end(key, f, `pod ${f.source.pod} is gone`);
      }
      for (const pod of this.pods.values()) this.ensureFollowed(pod, first);
      if (first && this.pods.size === 0) this.notice('warning', `No pods match ${this.describeTarget()} yet; pods that appear will be followed.`);
    }
    for (const key of upserted) {
      const pod = this.pods.get(key);
      if (pod) this.ensureFollowed(pod, false);
    }
    for (const [key] of deleted) {
      for (const [fkey, f] of this.followed) if (fkey.startsWith(`${key}/`)) f.follower.podUpdated(undefined);
    }
    this.emitStatus();
  }

  private ensureFollowed(pod: V1Pod, initial: boolean): void {
    // Stryker disable next-line StringLiteral: equivalent, a pod from the API always has a name.
    const podName = pod.metadata?.name ?? '';
    const containers = (pod.spec?.containers ?? []).map((c) => c.name).filter((c) => !this.options.container || c === this.options.container);
    if (this.options.container && containers.length === 0 && !pod.metadata?.deletionTimestamp) {
      this.notice('warning', `Pod ${podName} has no container "${this.options.container}".`);
    }
    for (const container of containers) {
      // Stryker disable next-line StringLiteral: equivalent, pods are namespaced: a pod from the API always has a namespace.
      const key = `${pod.metadata?.namespace ?? ''}/${podName}/${container}`;
      const existing = this.followed.get(key);
      if (existing) {
        existing.follower.podUpdated(pod);
        continue;
      }
      if (pod.metadata?.deletionTimestamp) continue; // a pod on its way out is not worth a new stream
      if (this.followed.size >= (this.options.maxStreams ?? 100)) {
        if (!this.warnedMax) this.notice('warning', `Following at most ${this.options.maxStreams ?? 100} containers; ${podName}/${container} and later ones are not followed.`);
        this.warnedMax = true;
        continue;
      }
      const source: TailSource = { id: this.nextSource++, pod: podName, container };
      this.listener.onSource(source);
      const entry: Followed = { source, reconnecting: false, follower: undefined as unknown as ContainerFollower };
      const start = initial ? { tailLines: this.options.tailLines, sinceSeconds: this.options.sinceSeconds } : {};
      entry.follower = new ContainerFollower(this.source, { namespace: this.options.namespace, pod: podName, container, source: source.id }, pod, start, {
        lines: (lines) => {
          this.received += lines.length;
          for (const l of lines) this.pending.push(l);
        },
        event: (e) => this.onFollowerEvent(key, entry, e),
      }, this.options.backoff);
      this.followed.set(key, entry);
      if (!initial) this.notice('info', `Following new pod ${podName}${containers.length > 1 ? ` (${container})` : ''}.`);
      entry.follower.start();
    }
  }

  private onFollowerEvent(key: string, f: Followed, e: FollowerEvent): void {
    const who = `${f.source.pod}/${f.source.container}`;
    switch (e.kind) {
      case 'reconnecting':
        if (!f.reconnecting) this.notice('warning', `Lost ${who}: ${e.error.message}. Reconnecting…`);
        f.reconnecting = true;
        break;
      case 'reconnected':
        f.reconnecting = false;
        this.notice('info', `Reconnected ${who} after ${(e.afterMs / 1000).toFixed(1)} s, resumed from ${e.from} (nothing lost, nothing repeated).`);
        break;
      case 'waiting':
        this.notice('info', `Waiting for ${who}: ${e.reason}`);
        break;
      case 'restarted':
        this.notice('warning', `${who} restarted (${e.restarts} restart${e.restarts === 1 ? '' : 's'}); following the new instance.`);
        break;
      case 'ended':
        this.end(key, f, e.reason);
        return;
    }
    this.emitStatus();
  }

  private end(key: string, f: Followed, reason: string): void {
    // Stryker disable next-line ConditionalExpression: equivalent, a follower is ended once: a stopped follower sends no more events and the relist only ends entries still in the map.
    if (this.followed.get(key) !== f) return;
    f.follower.stop();
    this.followed.delete(key);
    this.notice('info', `Stopped following ${f.source.pod}/${f.source.container}: ${reason}.`);
    this.emitStatus();
  }

  private flush(): void {
    if (this.pending.length) {
      const batch = mergeByTime(this.pending);
      this.pending = [];
      this.listener.onLines(batch);
    }
    this.emitStatus();
  }

  private notice(level: TailNotice['level'], text: string): void {
    this.listener.onNotice({ level, text, time: Date.now() });
  }

  private emitStatus(): void {
    const s = this.status();
    const key = `${s.state}/${s.streaming}/${s.followed}/${s.received}`;
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    this.listener.onStatus?.(s);
  }

  private describeTarget(): string {
    const { namespace, labelSelector, pod } = this.options;
    return pod ? `pod ${pod} in ${namespace}` : `${labelSelector ?? 'everything'} in ${namespace}`;
  }
}
