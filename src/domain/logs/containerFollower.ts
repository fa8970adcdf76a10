// Follows one container's log: streams with timestamps, and when the stream ends decides from the
// pod's latest state whether to resume (connection lost, server restarted: from the last timestamp,
// de-duplicating the seam), wait (container crashed or not started: until the pod says it runs again),
// or stop (pod deleted). Reconnects back off exponentially.
import { StringDecoder } from 'node:string_decoder';
import type { V1Pod } from '@kubernetes/client-node';
import { delay } from '../../core/abort';
import { Backoff, type BackoffOptions } from '../../core/backoff';
import type { KubeError } from '../../clients/kubernetes/kubeErrors';
import type { StreamEnd } from '../../clients/kubernetes/kubeHttp';
import { parseTimedLine, resumeSinceTime, type TimedLine } from './logLine';
import { StreamPosition } from './seamDeduper';

export interface PodLogRequest {
  namespace: string;
  pod: string;
  container: string;
  sinceTime?: string;
  sinceSeconds?: number;
  tailLines?: number;
}

/** What the follower needs of the cluster (the client implements it over pods/{name}/log?follow=true&timestamps=true). */
export interface PodLogStreams {
  follow(req: PodLogRequest, handlers: { onOpen?(): void; onData(chunk: Buffer): void }, signal: AbortSignal): Promise<StreamEnd>;
}

export type FollowerEvent =
  | { kind: 'reconnecting'; error: KubeError; retryInMs: number }
  | { kind: 'reconnected'; afterMs: number; from: string }
  | { kind: 'waiting'; reason: string }
  | { kind: 'restarted'; restarts: number }
  | { kind: 'ended'; reason: string };

export interface FollowerOutput {
  lines(lines: TimedLine[]): void;
  event(e: FollowerEvent): void;
}

export interface ContainerRef {
  namespace: string;
  pod: string;
  container: string;
  /** Stamped on every line (the tail's source id). */
  source?: number;
}

export class ContainerFollower {
  readonly position = new StreamPosition();
  private readonly life = new AbortController();
  private pod: V1Pod | undefined;
  private wake: (() => void) | undefined;
  private streaming = false;
  private failedAt: number | undefined;
  private lastWaiting = '';
  private readonly backoff: Backoff;

  constructor(
    private readonly streams: PodLogStreams,
    readonly ref: ContainerRef,
    pod: V1Pod,
    /** Where the first connection starts (tail/since); later ones resume from the last line. */
    private readonly first: { sinceSeconds?: number; tailLines?: number },
    private readonly out: FollowerOutput,
    backoff: Partial<BackoffOptions> = {},
  ) {
    this.pod = pod;
    this.backoff = new Backoff({ initialMs: 500, maxMs: 15_000, ...backoff });
  }

  get isStreaming(): boolean {
    return this.streaming;
  }

  start(): void {
    void this.run();
  }

  /** The pod changed (from the tail's pod watch): a waiting follower looks again. undefined = deleted. */
  podUpdated(pod: V1Pod | undefined): void {
    this.pod = pod;
    this.wake?.();
  }

  stop(): void {
    this.life.abort();
    this.wake?.();
  }

  private async run(): Promise<void> {
    const signal = this.life.signal;
    let quickCloses = 0;
    while (!signal.aborted) {
      const state = this.containerState();
      if (state.kind === 'gone') return this.out.event({ kind: 'ended', reason: state.reason });
      if (state.kind === 'waiting' && !this.position.hasPosition && !state.hasRun) {
        this.waiting(state.reason);
        await this.waitForPodChange();
        continue;
      }
      const { namespace, pod, container } = this.ref;
      const req: PodLogRequest = { namespace, pod, container, ...(this.position.hasPosition ? { sinceTime: resumeSinceTime(this.position.lastTs) } : this.first) };
      const opened = Date.now();
      const containerId = state.kind === 'running' ? state.containerId : undefined;
      let delivered = 0;
      const decoder = new StringDecoder('utf8');
      let partial = '';
      this.position.beginSeam();
      const end = await this.streams.follow(
        req,
        {
          onOpen: () => {
            this.streaming = true;
            if (this.failedAt !== undefined) {
              this.out.event({ kind: 'reconnected', afterMs: Date.now() - this.failedAt, from: req.sinceTime ?? 'the start' });
              this.failedAt = undefined;
            }
            this.backoff.reset();
          },
          onData: (chunk) => {
            const text = partial + decoder.write(chunk);
            const parts = text.split('\n');
            partial = parts.pop() ?? '';
            const accepted: TimedLine[] = [];
            for (const raw of parts) {
              const line = parseTimedLine(raw.endsWith('\r') ? raw.slice(0, -1) : raw, this.ref.source);
              if (this.position.accept(line)) accepted.push(line);
            }
            if (accepted.length) {
              delivered += accepted.length;
              this.out.lines(accepted);
            }
          },
        },
        signal,
      );
      this.streaming = false;
      if (signal.aborted) return;
      if (end.kind === 'closed' && partial) {
        // The server ended the stream after an unterminated last line: it is complete.
        const line = parseTimedLine(partial, this.ref.source);
        if (this.position.accept(line)) this.out.lines([line]);
      }
      if (end.kind === 'failed') {
        if (end.error.kind === 'notFound') return this.out.event({ kind: 'ended', reason: `pod ${this.ref.pod} no longer exists` });
        if (end.error.kind === 'invalid') {
          // 400: the container is waiting or terminated ("waiting to start: image can't be pulled").
          this.waiting(end.error.message.replace(/^Rejected by the API server: /, ''));
          await this.waitForPodChange(2000);
          continue;
        }
        this.failedAt ??= Date.now();
        const retryInMs = this.backoff.next();
        this.out.event({ kind: 'reconnecting', error: end.error, retryInMs });
        await delay(retryInMs, signal).catch(() => undefined);
        continue;
      }
      // Closed by the server. Still the same running container: the connection ended, not the log.
      const after = this.containerState();
      if (after.kind === 'running' && after.containerId === containerId) {
        this.failedAt ??= Date.now();
        quickCloses = delivered === 0 && Date.now() - opened < 1000 ? quickCloses + 1 : 0;
        if (quickCloses > 0) await delay(Math.min(5000, 100 * 2 ** quickCloses), signal).catch(() => undefined);
        continue;
      }
      if (after.kind === 'gone') return this.out.event({ kind: 'ended', reason: after.reason });
      // The container exited (crash, restart): follow its next instance once the pod says it runs.
      this.waiting(after.kind === 'waiting' ? after.reason : 'container restarted');
      await this.waitForPodChange(after.kind === 'running' ? 0 : undefined);
      // Stop wakes the wait too: a tail closed as the pod came back must not announce the restart.
      if (signal.aborted) return;
      const restarted = this.containerState();
      if (restarted.kind === 'running') {
        this.lastWaiting = '';
        this.out.event({ kind: 'restarted', restarts: restarted.restarts });
      }
    }
  }

  /** Says why it waits, once per reason (a pod flapping between ErrImagePull and ImagePullBackOff is not news each time). */
  private waiting(reason: string): void {
    if (reason === this.lastWaiting) return;
    this.lastWaiting = reason;
    this.out.event({ kind: 'waiting', reason });
  }

  /** Resolves on the next pod update (or after `maxMs`), or when stopped. */
  private waitForPodChange(maxMs?: number): Promise<void> {
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = (): void => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = undefined;
        resolve();
      };
      if (maxMs !== undefined) timer = setTimeout(done, maxMs);
      this.wake = done;
      if (this.life.signal.aborted) done();
    });
  }

  private containerState():
    | { kind: 'gone'; reason: string }
    | { kind: 'running'; containerId: string; restarts: number }
    | { kind: 'waiting'; reason: string; hasRun: boolean } {
    const pod = this.pod;
    if (!pod || pod.metadata?.deletionTimestamp && pod.status?.containerStatuses?.every((c) => !c.state?.running)) {
      return { kind: 'gone', reason: `pod ${this.ref.pod} was deleted` };
    }
    const s = pod.status?.containerStatuses?.find((c) => c.name === this.ref.container);
    if (s?.state?.running) return { kind: 'running', containerId: s.containerID ?? '', restarts: s.restartCount ?? 0 };
    const hasRun = !!(s?.containerID || s?.lastState?.terminated || s?.state?.terminated);
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return { kind: 'gone', reason: `pod ${this.ref.pod} ${pod.status.phase === 'Succeeded' ? 'completed' : 'failed'}` };
    const reason = s?.state?.waiting?.reason ?? s?.state?.terminated?.reason ?? (pod.spec?.nodeName ? 'ContainerCreating' : 'Pending');
    return { kind: 'waiting', reason: `${this.ref.container}: ${reason}`, hasRun };
  }
}
