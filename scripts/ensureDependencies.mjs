// npm start's first step (the "prestart" script): install the npm packages when they are missing or differ from
// package-lock.json, so `npm start` works as the first command on a fresh clone. Plain Node without dependencies
// (it runs before any are there); `npm ci` installs exactly the locked versions.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Why node_modules does not match the lock file, or undefined when it does. */
function mismatch() {
  // npm writes node_modules/.package-lock.json (its record of what it installed) on every install.
  const installedPath = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(installedPath)) return 'node_modules is missing';
  const locked = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')).packages ?? {};
  const installed = JSON.parse(readFileSync(installedPath, 'utf8')).packages ?? {};
  for (const [path, entry] of Object.entries(locked)) {
    if (path === '' || entry.optional || entry.link) continue; // optional: platform packages npm skips here
    if (installed[path]?.version !== entry.version) return `${path} ${installed[path]?.version ?? 'is missing'} (the lock file says ${entry.version})`;
  }
  return undefined;
}

const why = mismatch();
if (why) {
  console.log(`npm start: installing the npm packages first (${why}): npm ci`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`npm ci failed (${r.error?.message ?? `exit ${r.status}`}); run it yourself and then npm start again.`);
    process.exit(r.status || 1);
  }
}
