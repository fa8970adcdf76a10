// What a tail keeps of what it received: every line into the spool file (Save to File), the last
// bufferLines lines (replayed to a page that reloads), one colour per pod, and the batch to show —
// never more than the page can keep, counting what went by too fast. The panel and the benchmark share it.
import type { TailSourceInfo, TailStatusInfo, WireLine } from '../../shared/logTailProtocol';
import type { LogSpool } from './logSpool';
import type { TailLine, TailStatus } from './logTail';

export class TailRecorder {
  readonly sources: TailSourceInfo[] = [];
  private readonly colours = new Map<string, number>();
  private ring: WireLine[] = [];
  private skipped = 0;
  private spoolFullReported = false;

  constructor(
    private readonly spool: LogSpool,
    readonly bufferLines: number,
  ) {}

  addSource(id: number, pod: string, container: string): TailSourceInfo {
    let colour = this.colours.get(pod);
    if (colour === undefined) this.colours.set(pod, (colour = this.colours.size));
    const info: TailSourceInfo = { id, pod, container, colour };
    this.sources[id] = info;
    return info;
  }

  /**
   * Records a batch; returns the lines to send to the page, and whether the spool just filled up
   * (the caller says so once). Sources are indexed by id, so the prefix costs O(1) per line.
   */
  record(lines: TailLine[]): { show: WireLine[]; spoolJustFilled: boolean } {
    let text = '';
    for (const l of lines) {
      const s = this.sources[l.source];
      text += `[${s?.pod ?? '?'}/${s?.container ?? '?'}] ${l.ts ? `${l.ts} ` : ''}${l.text}\n`;
    }
    let spoolJustFilled = false;
    if (!this.spool.append(text) && this.spool.isFull && !this.spoolFullReported) {
      this.spoolFullReported = true;
      spoolJustFilled = true;
    }
    // `true` and `>=` here are equivalent (slicing a batch no longer than the buffer copies it whole); not marked,
    // since marking would also hide `false` and `<=`, which tests kill. TESTING.md lists them.
    const keep = lines.length > this.bufferLines ? lines.slice(-this.bufferLines) : lines;
    this.skipped += lines.length - keep.length;
    const show: WireLine[] = keep.map((l) => [l.source, l.text, l.ts]);
    this.ring.push(...show);
    if (this.ring.length > this.bufferLines * 1.25) this.ring = this.ring.slice(-this.bufferLines);
    return { show, spoolJustFilled };
  }

  /** Lines held for replay: bounded (trimmed back to bufferLines once past 1.25 × bufferLines). */
  get retained(): number {
    return this.ring.length;
  }

  /** The last bufferLines lines, oldest first. */
  lastLines(): WireLine[] {
    return this.ring.slice(-this.bufferLines);
  }

  status(s: TailStatus): TailStatusInfo {
    return { ...s, skipped: this.skipped };
  }
}
