// The simulated kubelet's container logs (LogSource): lines computed from (instance, line number), never stored; follow streams tick in batches.
import { imageBehaviour, imageTag } from '../controllers/imageBehaviour';
import { BASE_SECONDS, type SimClock, type SimTiming } from '../controllers/simTime';
import type { ObjectStore } from '../store/objectStore';
import { CRASH_SCRIPT_LINES, crashLine, type LogProfile, profileFor, renderLine } from './logLines';
import type { LogRequest, LogSink, LogSource } from './logSource';
import { type LogInstance, resolveLogInstance, stillRunning } from './logTarget';
import { LineClock, StampFormatter } from './logTimeline';
import { hashString, LineRandom, mix } from './prng';

export interface ContainerLogsOptions {
  clock: SimClock;
  timing: SimTiming;
  /** Lines per second per running container (default 2). */
  linesPerSecond?: number;
  /** Lines a container keeps before rotation drops the oldest (default 10,000; the kubelet rotates at 10 MiB). */
  retainLines?: number;
  /** How often a follow stream writes the lines that came due (default 75 ms). */
  tickMs?: number;
}

const CHUNK_CHARS = 64 * 1024;

export class ContainerLogs implements LogSource {
  private readonly life = new AbortController();
  private readonly rate: number;
  private readonly retain: number;
  private readonly tickMs: number;

  constructor(
    private readonly store: ObjectStore,
    private readonly opts: ContainerLogsOptions,
  ) {
    this.rate = opts.linesPerSecond ?? 2;
    this.retain = opts.retainLines ?? 10_000;
    this.tickMs = opts.tickMs ?? 75;
  }

  async stream(req: LogRequest, sink: LogSink, signal: AbortSignal): Promise<void> {
    const inst = resolveLogInstance(this.store, req);
    const reader = this.readerFor(inst);
    const now = this.opts.clock.nowMs();
    const end = inst.finishedMs !== undefined ? reader.finalCount(inst.finishedMs) : reader.clock.countAtOrBefore(now);
    let first = Math.max(0, end - this.retain);
    const sinceMs = req.sinceTime ? req.sinceTime.getTime() : req.sinceSeconds !== undefined ? now - req.sinceSeconds * 1000 : undefined;
    if (sinceMs !== undefined) first = Math.max(first, reader.clock.firstAtOrAfter(sinceMs));
    if (req.tailLines !== undefined && req.tailLines >= 0) first = Math.max(first, end - req.tailLines);
    const stop = AbortSignal.any([signal, this.life.signal]);
    const out = new LineWriter(sink, reader, req.timestamps, req.limitBytes, stop);
    if (!(await out.write(first, end))) return;
    if (!req.follow || inst.finishedMs !== undefined) return;

    // Follow: every tick, write what came due in one chunk; end when the instance stops running.
    let next = Math.max(first, end);
    while (!stop.aborted) {
      await sleep(this.tickMs, stop);
      if (stop.aborted) return;
      const state = stillRunning(this.store, inst);
      const upTo = state.running ? reader.clock.countAtOrBefore(this.opts.clock.nowMs()) : reader.finalCount(state.finishedMs ?? this.opts.clock.nowMs());
      if (upTo > next) {
        if (!(await out.write(next, upTo))) return;
        next = upTo;
      }
      if (!state.running) return;
    }
  }

  /** Ends every follow stream (the cluster is going away). */
  dispose(): void {
    this.life.abort();
  }

  private readerFor(inst: LogInstance): InstanceReader {
    const seed = hashString(inst.containerID);
    const behaviour = imageBehaviour(inst.image);
    const profile = profileFor(inst.container, inst.pod.metadata.labels?.app);
    if (behaviour === 'crash') {
      // The whole script is written during the ~crashAfter the process lives.
      const span = BASE_SECONDS.crashAfter * 0.9 * this.opts.timing.timeScale;
      const clock = new LineClock(seed, inst.startMs, CRASH_SCRIPT_LINES / span, CRASH_SCRIPT_LINES);
      return new InstanceReader(clock, profile, false, imageTag(inst.image), true);
    }
    return new InstanceReader(new LineClock(seed, inst.startMs, this.rate), profile, behaviour === 'bad', imageTag(inst.image), false);
  }
}

/** Renders the lines of one container instance. */
class InstanceReader {
  readonly fmt = new StampFormatter();

  constructor(
    readonly clock: LineClock,
    private readonly profile: LogProfile,
    private readonly bad: boolean,
    private readonly version: string,
    private readonly crash: boolean,
  ) {}

  /** Lines in the instance's log once it has exited at `finishedMs` (a crash script is always complete). */
  finalCount(finishedMs: number): number {
    return this.crash ? this.clock.limit : this.clock.countAtOrBefore(finishedMs);
  }

  text(k: number): string {
    const ms = this.clock.timeMs(k);
    if (this.crash) return crashLine(k, this.profile.service, this.version, ms, this.fmt);
    return renderLine(this.profile, new LineRandom(mix(this.clock.seed, k)), ms, this.bad, this.fmt);
  }
}

/** Writes line ranges to the sink in chunks, honouring backpressure, limitBytes and cancellation. */
class LineWriter {
  private budget: number;

  constructor(
    private readonly sink: LogSink,
    private readonly reader: InstanceReader,
    private readonly timestamps: boolean,
    limitBytes: number | undefined,
    private readonly signal: AbortSignal,
  ) {
    this.budget = limitBytes !== undefined && limitBytes > 0 ? limitBytes : Number.POSITIVE_INFINITY;
  }

  /** Writes lines [from, to); false once the stream must end (limit reached or cancelled). */
  async write(from: number, to: number): Promise<boolean> {
    let chunk = '';
    for (let k = from; k < to; k++) {
      if (this.signal.aborted) return false;
      const c = this.reader.clock;
      let line = this.reader.text(k);
      if (this.timestamps) line = `${this.reader.fmt.nano(c.startMs, c.offsetNs(k))} ${line}`;
      line += '\n';
      // Lines are ASCII, so characters are bytes; the kubelet cuts the last line at the exact limit.
      if (line.length >= this.budget) {
        chunk += line.slice(0, this.budget);
        this.budget = 0;
        if (chunk) await this.sink.write(chunk);
        return false;
      }
      this.budget -= line.length;
      chunk += line;
      if (chunk.length >= CHUNK_CHARS) {
        await this.sink.write(chunk);
        chunk = '';
      }
    }
    if (chunk && !this.signal.aborted) await this.sink.write(chunk);
    return !this.signal.aborted;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
