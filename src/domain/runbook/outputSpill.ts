// A cell's output: shown until the cap, then written to an overflow file in the session's own folder (deleted
// with the session), and past the file limit dropped and counted, so a runaway step cannot fill the disk.
import { createWriteStream, mkdirSync, readdirSync, rmSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { StringDecoder } from 'node:string_decoder';

export type OutputSink = (stream: 'stdout' | 'stderr', text: string) => void;

export interface SpillReport {
  file: string;
  /** Bytes written to the file. */
  bytes: number;
  /** Bytes past the file limit, not kept anywhere. */
  dropped: number;
}

export class OutputSpill {
  private shown = 0;
  private file: WriteStream | undefined;
  private filePath = '';
  private spilled = 0;
  private dropped = 0;

  constructor(
    private readonly cap: number,
    private readonly fileLimit: number,
    private readonly dir: string,
    private readonly n: number,
    private readonly sink: OutputSink,
  ) {}

  write(stream: 'stdout' | 'stderr', chunk: Buffer, decoder: StringDecoder): void {
    if (this.shown + chunk.length <= this.cap) {
      this.shown += chunk.length;
      const text = decoder.write(chunk);
      if (text) this.sink(stream, text);
      return;
    }
    const room = Math.max(0, this.cap - this.shown);
    if (room > 0) {
      this.shown += room;
      const text = decoder.write(chunk.subarray(0, room));
      if (text) this.sink(stream, text);
    }
    const rest = chunk.subarray(room);
    const fits = Math.max(0, Math.min(rest.length, this.fileLimit - this.spilled));
    this.dropped += rest.length - fits;
    if (fits === 0) return;
    if (!this.file) {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      this.filePath = join(this.dir, `cell-${this.n}-output-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
      this.file = createWriteStream(this.filePath, { mode: 0o600 });
    }
    this.spilled += fits;
    this.file.write(rest.subarray(0, fits));
  }

  end(decoders: Record<'stdout' | 'stderr', StringDecoder>): void {
    for (const s of ['stdout', 'stderr'] as const) {
      const tail = decoders[s].end();
      if (tail && !this.file && !this.dropped) this.sink(s, tail);
    }
    this.file?.end();
  }

  /** What went past the cap, if anything did. */
  report(): SpillReport | undefined {
    return this.file || this.dropped ? { file: this.filePath, bytes: this.spilled, dropped: this.dropped } : undefined;
  }
}

/**
 * Removes the output folders (named `<pid>-…`) of sessions whose process is gone — a crash or a kill skips
 * dispose — and the flat overflow files older versions left. Folders of live processes (another window's) stay.
 */
export function removeOrphanedSpills(root: string): void {
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return;
  }
  for (const e of entries) {
    const pid = Number(/^(\d+)-/.exec(e)?.[1]);
    if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) continue;
    rmSync(join(root, e), { recursive: true, force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
