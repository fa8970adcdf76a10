// Compares what a backup's files are now (size, sha256) with what its manifest says they were: every
// difference is named by file, so a flipped byte in the dump says "database.dump", not "backup damaged".
import type { ManifestFile } from './backupManifest';

export type FileState = { present: true; size: number; sha256: string } | { present: false; why: string };

export interface FileProblem {
  file: string;
  message: string;
}

export function compareFiles(expected: readonly ManifestFile[], actual: ReadonlyMap<string, FileState>, extra: readonly string[] = []): FileProblem[] {
  const problems: FileProblem[] = [];
  for (const f of expected) {
    const a = actual.get(f.path);
    if (!a) problems.push({ file: f.path, message: `${f.path} was not checked` });
    else if (!a.present) problems.push({ file: f.path, message: `${f.path} is missing (${a.why})` });
    else if (a.size !== f.size) problems.push({ file: f.path, message: `${f.path} is ${a.size} bytes, the manifest says ${f.size}` });
    else if (a.sha256 !== f.sha256) problems.push({ file: f.path, message: `${f.path} has changed: its sha256 is ${short(a.sha256)}…, the manifest says ${short(f.sha256)}…` });
  }
  for (const path of extra) problems.push({ file: path, message: `${path} is not in the manifest` });
  return problems;
}

/** The files of a folder listing that the manifest does not know (manifest.json itself and SHA256SUMS aside). */
export function unexpectedFiles(listed: readonly string[], expected: readonly ManifestFile[], own: readonly string[]): string[] {
  const known = new Set([...expected.map((f) => f.path), ...own]);
  return listed.filter((p) => !known.has(p)).sort();
}

/** The files as `sha256sum --check` reads them ("<hash>  <path>"), so a backup can be checked without the cockpit. */
export function sha256sums(files: readonly ManifestFile[]): string {
  return files.map((f) => `${f.sha256}  ${f.path}\n`).join('');
}

function short(hash: string): string {
  return hash.slice(0, 12);
}
