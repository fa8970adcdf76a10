// Everything a tail received, appended to a file as it arrives (so "Save to file" has every line, not
// only the bounded buffer on screen), up to a size cap; removed when the tail's panel closes.
import { createWriteStream, type WriteStream } from 'node:fs';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

export class LogSpool {
  private readonly out: WriteStream;
  private bytes = 0;
  private full = false;
  private failed: Error | undefined;

  constructor(
    readonly file: string,
    private readonly maxBytes = 2 * 1024 ** 3,
  ) {
    this.out = createWriteStream(file, { flags: 'w', mode: 0o600 });
    this.out.on('error', (e) => (this.failed = e));
  }

  static async create(file: string, maxBytes?: number): Promise<LogSpool> {
    await mkdir(dirname(file), { recursive: true });
    return new LogSpool(file, maxBytes);
  }

  /** Appends text (complete lines). False once the cap is reached: later lines are no longer kept. */
  append(text: string): boolean {
    if (this.full || this.failed) return false;
    const n = Buffer.byteLength(text);
    if (this.bytes + n > this.maxBytes) {
      this.full = true;
      return false;
    }
    this.bytes += n;
    this.out.write(text);
    return true;
  }

  get size(): number {
    return this.bytes;
  }

  get isFull(): boolean {
    return this.full;
  }

  get error(): Error | undefined {
    return this.failed;
  }

  /** Waits for the writes so far, then copies the file. */
  async saveTo(dest: string): Promise<void> {
    if (this.failed) throw this.failed;
    await new Promise<void>((resolve, reject) => this.out.write('', (e) => (e ? reject(e) : resolve())));
    await copyFile(this.file, dest);
  }

  async dispose(): Promise<void> {
    await new Promise<void>((resolve) => this.out.end(() => resolve()));
    await rm(this.file, { force: true });
  }
}
