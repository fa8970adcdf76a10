// Finds the repository root from compiled (out/**) or source files alike: the nearest folder whose package.json is the extension's.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const EXTENSION_NAME = 'phoenix-ops-cockpit';

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === EXTENSION_NAME) return dir;
    }
    if (dirname(dir) === dir) throw new Error(`no ${EXTENSION_NAME} package.json above ${start}`);
  }
}

export const repoRoot = findRepoRoot(__dirname);

/** A path inside the repository. */
export function repoPath(...parts: string[]): string {
  return join(repoRoot, ...parts);
}
