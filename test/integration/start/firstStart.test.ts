// The README's first command on a fresh clone: `npm start` in a copy of the repository without node_modules installs
// the locked packages (prestart), then builds and gets to the point of starting the sandbox (stopped there by
// PHOENIX_START_BUILD_ONLY, so no sandbox or code-server starts). Before, it failed with ERR_MODULE_NOT_FOUND: esbuild.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from '../../../scripts/repoRoot';

/** The repository's files as they are in the working tree, ignored ones (node_modules, out, .sandbox…) left out: what a clone holds. */
function copyTrackedFiles(to: string): void {
  const files = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' }).stdout.split('\0').filter(Boolean);
  assert.ok(files.length > 100, 'git ls-files lists the repository');
  for (const f of files) {
    if (!existsSync(join(repoRoot, f))) continue; // deleted in the working tree, not yet committed
    mkdirSync(dirname(join(to, f)), { recursive: true });
    cpSync(join(repoRoot, f), join(to, f));
  }
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('first start from a fresh clone', function () {
  // npm ci of ~700 locked packages (from npm's cache when it has them) and a build, on a shared 2-core machine.
  this.timeout(600_000);
  let clone: string;
  before(() => {
    clone = mkdtempSync(join(tmpdir(), 'phoenix-clone-'));
    copyTrackedFiles(clone);
  });
  after(() => rmSync(clone, { recursive: true, force: true }));

  it('npm start installs the packages, builds, and gets to starting the sandbox', async () => {
    assert.equal(existsSync(join(clone, 'node_modules')), false);
    // npm's own variables of this test run are not passed on: the clone's npm start must stand alone.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_'))) as NodeJS.ProcessEnv;
    const r = await run('npm', ['start'], clone, { ...env, PHOENIX_START_BUILD_ONLY: '1', npm_config_prefer_offline: 'true' });
    assert.equal(r.code, 0, r.output.slice(-4000));
    assert.match(r.output, /npm start: installing the npm packages first \(node_modules is missing\): npm ci/);
    assert.match(r.output, /npm start: dependencies installed and the extension built/);
    assert.ok(existsSync(join(clone, 'node_modules', 'esbuild')), 'esbuild installed');
    assert.ok(existsSync(join(clone, 'out', 'scripts', 'start.js')), 'npm start built its script');
    assert.doesNotMatch(r.output, /ERR_MODULE_NOT_FOUND/);
  });
});
