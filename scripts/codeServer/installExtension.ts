// Installs the built extension into an extensions dir the way VS Code keeps it: an unpacked publisher.name-version/ folder.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { repoPath } from '../repoRoot';

export interface InstalledExtension {
  /** `publisher.name`, as vscode.extensions.getExtension() wants it. */
  readonly id: string;
  readonly version: string;
  readonly dir: string;
}

// What a user's install holds (the .vsix content): the manifest, the bundles, the assets. Copying is ~10 ms; building a
// .vsix with vsce and `--install-extension` takes ~4 s and would rewrite dist/ with a production build under
// other people's feet. Keep this list in step with .vscodeignore.
const shipped = ['package.json', 'dist', 'media', 'runbooks', 'schemas', 'README.md', 'CHANGELOG.md', 'LICENSE', 'LICENSE.md', 'package.nls.json'];
const notShipped = (path: string): boolean => path.endsWith('.vsix') || basename(path) === 'meta.json';

/** Copies the extension (build it first) into `extensionsDir`, replacing any other version of it there. */
export function installBuiltExtension(extensionsDir: string): InstalledExtension {
  const manifest = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { publisher: string; name: string; version: string; main: string };
  if (!existsSync(repoPath(manifest.main))) throw new Error(`${manifest.main} is missing: build the extension first (node esbuild.config.mjs)`);
  const id = `${manifest.publisher}.${manifest.name}`;
  const folder = `${id}-${manifest.version}`;
  mkdirSync(extensionsDir, { recursive: true });
  for (const old of readdirSync(extensionsDir)) {
    if (old.toLowerCase().startsWith(`${id.toLowerCase()}-`)) rmSync(join(extensionsDir, old), { recursive: true, force: true });
  }
  const dir = join(extensionsDir, folder);
  mkdirSync(dir);
  for (const entry of shipped) {
    if (existsSync(repoPath(entry))) cpSync(repoPath(entry), join(dir, entry), { recursive: true, filter: (src) => !notShipped(src) });
  }
  const installed = { id, version: manifest.version, dir };
  register(extensionsDir, installed);
  return installed;
}

/**
 * VS Code lists installed extensions in <extensionsDir>/extensions.json and trusts that list over the folders. A fresh
 * dir has none (VS Code scans the folders and writes it); in a kept dir (npm start), point our entry at the new folder.
 */
function register(extensionsDir: string, ext: InstalledExtension): void {
  const registry = join(extensionsDir, 'extensions.json');
  if (!existsSync(registry)) return;
  let entries: Array<{ identifier?: { id?: string } }> = [];
  try {
    entries = JSON.parse(readFileSync(registry, 'utf8')) as typeof entries;
  } catch {
    // Unreadable: rewritten with our entry only; VS Code rescans the rest.
  }
  const others = entries.filter((e) => e.identifier?.id?.toLowerCase() !== ext.id.toLowerCase());
  const ours = {
    identifier: { id: ext.id },
    version: ext.version,
    location: { $mid: 1, path: ext.dir, scheme: 'file' },
    relativeLocation: basename(ext.dir),
  };
  writeFileSync(registry, JSON.stringify([...others, ours]));
}
