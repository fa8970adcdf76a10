// File-system steps shared by writing, verifying and restoring backups: streamed sha256, durable writes
// (fsync of the file and of its folder), atomic replacement, and a folder's files listed relatively.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { FileState } from './fileChecks';

/** Size and sha256 of a file, read once as a stream; a missing or unreadable file says why. */
export async function hashFile(path: string, signal?: AbortSignal): Promise<FileState> {
  try {
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20, ...(signal ? { signal } : {}) })) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
    return { present: true, size, sha256: hash.digest('hex') };
  } catch (e) {
    if (signal?.aborted) throw e;
    return { present: false, why: (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e)) };
  }
}

/** Writes and fsyncs a file (mode 0600: backups hold data). */
export async function writeDurable(path: string, data: string | Buffer): Promise<void> {
  await writeFile(path, data, { mode: 0o600 });
  await syncPath(path);
}

/** Replaces `path` atomically: written beside it, synced, renamed over it. */
export async function replaceDurable(path: string, data: string): Promise<void> {
  const tmp = `${path}.tmp`;
  await writeDurable(tmp, data);
  await rename(tmp, path);
  await syncPath(join(path, '..'));
}

/** fsync of a file or a folder (a folder's sync makes a rename in it durable). */
export async function syncPath(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Every file under `dir`, relative, with forward slashes, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

export async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

export function errorCode(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return code ?? (e instanceof Error ? e.message : String(e));
}
