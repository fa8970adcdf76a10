// An append-only file that never grows without bound: when the next line would take it past maxBytes it is
// renamed to `<file>.1` (the older generations moving up to `<file>.<keep>`, the oldest dropped) and a new one is
// started. Used by the audit log, which is appended to for the life of the installation.
import { appendFile, rename, rm, stat } from 'node:fs/promises';

export interface Rotation {
  maxBytes: number;
  /** Generations kept besides the current file. */
  keep: number;
}

/** The files holding the lines, oldest first: `<file>.<keep>` … `<file>.1`, `<file>`. */
export function generations(file: string, keep: number): string[] {
  const out: string[] = [];
  for (let i = keep; i >= 1; i--) out.push(`${file}.${i}`);
  out.push(file);
  return out;
}

/** Appends `line`, rotating first when it would not fit. The caller serialises calls (one writer). */
export async function appendRotating(file: string, line: string, r: Rotation, mode = 0o600): Promise<void> {
  const size = await stat(file).then(
    (s) => s.size,
    () => 0,
  );
  if (size > 0 && size + Buffer.byteLength(line) > r.maxBytes) {
    await rm(`${file}.${r.keep}`, { force: true });
    for (let i = r.keep - 1; i >= 1; i--) await rename(`${file}.${i}`, `${file}.${i + 1}`).catch(missingIsFine);
    await rename(file, `${file}.1`);
  }
  await appendFile(file, line, { mode });
}

function missingIsFine(e: unknown): void {
  if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
}
